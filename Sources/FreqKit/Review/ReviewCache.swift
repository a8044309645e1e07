import Foundation

/// The cache of `check --base` and `diff`, `review-<fingerprint>.cache` in the cache folder
/// (see docs/cache.md): the facts of every blob a comparison saw (by blob id), and the
/// blob id of each working-tree file with the `lstat` data it had when hashed (as git's
/// index keeps them). A comparison of two trees of 10,000 files then costs two tree
/// listings and lookups, and reads only the files that differ.
public struct ReviewCache: Sendable {
    struct WorkingEntry: Sendable, Equatable {
        var path: String
        var stat: FileStat
        var blob: BlobID
    }

    static let magic = Array("FREQREVIEW1\n".utf8)
    /// Part of the fingerprint: a new layout or meaning makes a new file name.
    static let formatVersion = "review 1"
    /// Blob facts kept from earlier runs, at most: beyond, only those used by this run.
    static let blobBound = 200_000
    /// A blob slot: the id's three words (8, 8 and 4 bytes) and its record's offset (4).
    static let slotSize = 24

    let fingerprint: String
    /// When the run that wrote the working entries started (nanoseconds since 1970).
    private(set) var scanStart: Int64
    /// The working tree's regular files as last hashed, sorted by path (byte order);
    /// decoded from `workingRange` when first asked for (`diff` never asks).
    private var decodedWorking: [WorkingEntry]?
    private let workingRange: Range<Int>
    /// The loaded file and where its blob slots and records are: looked up by binary
    /// search, a record decoded only when asked for.
    private let stored: [UInt8]
    private let slots: Range<Int>
    private let records: Range<Int>
    private var added: [BlobID: VersionFacts] = [:]
    /// Stored blobs looked up by this run (kept when the table is pruned).
    private var used = Set<BlobID>()
    private var changed = false

    private init(
        fingerprint: String, scanStart: Int64 = 0, stored: [UInt8] = [], slots: Range<Int> = 0..<0, records: Range<Int> = 0..<0,
        workingRange: Range<Int> = 0..<0
    ) {
        self.fingerprint = fingerprint
        self.scanStart = scanStart
        self.stored = stored
        self.slots = slots
        self.records = records
        self.workingRange = workingRange
    }

    /// The fingerprint of everything besides a blob that its facts depend on: `parts` are
    /// the field names the facts are read with and the executable's identity.
    public static func fingerprint(of parts: [String]) -> String {
        var hash = FNV1a()
        hash.add(FreqVersion.string)
        hash.add(formatVersion)
        let limits = FrontMatterLimits.default
        hash.add("\(limits.maxFileBytes) \(limits.maxDepth) \(limits.maxNodes)")
        for part in parts { hash.add(part) }
        return hash.hex
    }

    static func path(folder: String, fingerprint: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "review-\(fingerprint).cache"
    }

    /// The cache for `fingerprint` in `folder` (nil: no cache folder, an empty cache that
    /// is never stored); an absent, damaged or foreign file gives an empty cache.
    public static func load(folder: String?, fingerprint: String) -> ReviewCache {
        let empty = ReviewCache(fingerprint: fingerprint)
        guard let folder, let bytes = FileBytes.read(path(folder: folder, fingerprint: fingerprint)),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic)
        else { return empty }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        do {
            guard try reader.string() == fingerprint else { return empty }
            let scanStart = try reader.int64()
            let blobCount = try reader.count()
            guard blobCount <= (reader.end - reader.at) / slotSize else { return empty }
            let slots = reader.at..<(reader.at + blobCount * slotSize)
            reader.at = slots.upperBound
            let records = try reader.stringRange()
            return ReviewCache(
                fingerprint: fingerprint, scanStart: scanStart, stored: bytes, slots: slots, records: records,
                workingRange: reader.at..<reader.end)
        } catch {
            return empty
        }
    }

    /// The stored working-tree entries (empty when damaged).
    mutating func working() -> [WorkingEntry] {
        if let decodedWorking { return decodedWorking }
        var reader = CacheReader(bytes: stored, at: workingRange.lowerBound, end: workingRange.upperBound)
        var working: [WorkingEntry] = []
        do {
            let count = try reader.count()
            guard count <= (reader.end - reader.at) / 8 else { throw CacheReader.Malformed() }
            working.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                if let previous = working.last, previous.path.compareInByteOrder(path) >= 0 { throw CacheReader.Malformed() }
                working.append(WorkingEntry(path: path, stat: try reader.fileStat(), blob: try Self.blobID(&reader)))
            }
            guard reader.at == reader.end else { throw CacheReader.Malformed() }
        } catch {
            working = []
        }
        decodedWorking = working
        return working
    }

    /// The stored blob of each of `paths`, when the stored working entries are exactly
    /// `paths` (same bytes, same order) with `stats`, none racily clean: what `working()`
    /// and the comparison with it would give, read in place instead of decoding 10,000
    /// entries. Nil otherwise (or when damaged): then the entries are compared one by one.
    func blobsIfWorkingUnchanged(paths: [String], stats: [FileStat?]) -> [BlobID]? {
        guard decodedWorking == nil, stats.count == paths.count else { return nil }
        var reader = CacheReader(bytes: stored, at: workingRange.lowerBound, end: workingRange.upperBound)
        do {
            guard try reader.count() == paths.count else { return nil }
            var blobs: [BlobID] = []
            blobs.reserveCapacity(paths.count)
            for index in paths.indices {
                let range = try reader.stringRange()
                var path = paths[index]
                let same = path.withUTF8 { listed in
                    stored.withUnsafeBytes { bytes in
                        listed.count == range.count
                            && compareBytes(UnsafeRawBufferPointer(listed), UnsafeRawBufferPointer(rebasing: bytes[range])) == 0
                    }
                }
                let stat = try reader.fileStat()
                guard same, let listed = stats[index], listed == stat, !stat.isRacy(scanStart: scanStart) else { return nil }
                blobs.append(try Self.blobID(&reader))
            }
            return reader.at == reader.end ? blobs : nil
        } catch {
            return nil
        }
    }

    /// The facts of blob `id`, when cached.
    public mutating func facts(of id: BlobID) -> VersionFacts? {
        if let facts = added[id] { return facts }
        guard let index = slotIndex(of: id) else { return nil }
        used.insert(id)
        guard let range = recordRange(index) else { return nil }
        var reader = CacheReader(bytes: stored, at: range.lowerBound, end: range.upperBound)
        guard let facts = try? Self.facts(&reader), reader.at == reader.end else { return nil }
        return facts
    }

    public mutating func remember(_ facts: VersionFacts, of id: BlobID) {
        guard added.updateValue(facts, forKey: id) == nil else { return }
        changed = true
    }

    /// The working tree as just listed (sorted by path): the entries replace the stored
    /// ones; `scanStart` is when this run's listing began.
    mutating func replaceWorking(_ entries: [WorkingEntry], scanStart: Int64) {
        // Racily clean entries are stored with the new scan's start, which makes them
        // trusted by a later run.
        if entries == working() && !entries.contains(where: { $0.stat.isRacy(scanStart: self.scanStart) }) { return }
        decodedWorking = entries
        self.scanStart = scanStart
        changed = true
    }

    private func slotIndex(of id: BlobID) -> Int? {
        var low = 0
        var high = slots.count / Self.slotSize
        while low < high {
            let middle = (low + high) / 2
            let found = slotID(middle)
            if found == id { return middle }
            if found < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private func slotID(_ index: Int) -> BlobID {
        let at = slots.lowerBound + index * Self.slotSize
        return stored.withUnsafeBytes { raw in
            BlobID(
                high: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
                middle: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)),
                low: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self)))
        }
    }

    /// Records are written in slot order: one ends where the next starts.
    private func recordRange(_ index: Int) -> Range<Int>? {
        let count = slots.count / Self.slotSize
        let start = stored.uint32(at: slots.lowerBound + index * Self.slotSize + 20)
        let end = index + 1 < count ? stored.uint32(at: slots.lowerBound + (index + 1) * Self.slotSize + 20) : records.upperBound
        guard records.lowerBound <= start, start <= end, end <= records.upperBound else { return nil }
        return start..<end
    }

    /// Writes the cache when this run learnt anything (atomically; a failure is given up
    /// silently: a read-only repository still gets its answer).
    public func storeIfChanged(folder given: String?) {
        guard let given, changed else { return }
        let storedCount = slots.count / Self.slotSize
        let pruning = storedCount + added.count > Self.blobBound
        // (id, stored record index or nil, new facts) in id order.
        var blobs: [(id: BlobID, index: Int?)] = []
        blobs.reserveCapacity(storedCount + added.count)
        for index in 0..<storedCount {
            let id = slotID(index)
            if added[id] == nil && (!pruning || used.contains(id)) { blobs.append((id, index)) }
        }
        blobs += added.keys.map { ($0, nil) }
        blobs.sort { $0.id < $1.id }

        var writer = CacheWriter()
        writer.bytes = Self.magic
        writer.string(fingerprint)
        writer.int64(scanStart)
        writer.uint32(blobs.count)
        let slotStart = writer.bytes.count
        writer.bytes.append(contentsOf: repeatElement(0, count: blobs.count * Self.slotSize))
        let lengthAt = writer.bytes.count
        writer.uint32(0)
        for (position, blob) in blobs.enumerated() {
            let slot = slotStart + position * Self.slotSize
            guard let offset = UInt32(exactly: writer.bytes.count) else { return }
            for (index, byte) in Self.slotBytes(blob.id, offset: offset).enumerated() { writer.bytes[slot + index] = byte }
            if let index = blob.index, let range = recordRange(index) {
                writer.bytes.append(contentsOf: stored[range])
            } else if let facts = added[blob.id] {
                Self.write(facts, &writer)
            } else {
                Self.write(VersionFacts.unreadable, &writer)
            }
        }
        guard let length = UInt32(exactly: writer.bytes.count - lengthAt - 4) else { return }
        withUnsafeBytes(of: length.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { writer.bytes[lengthAt + index] = byte }
        }
        guard let working = decodedWorking else {
            // Not looked at by this run: kept as stored.
            if workingRange.isEmpty { writer.uint32(0) } else { writer.bytes.append(contentsOf: stored[workingRange]) }
            return finish(writer, folder: given)
        }
        writer.uint32(working.count)
        for entry in working {
            writer.string(entry.path)
            writer.fileStat(entry.stat)
            Self.write(entry.blob, &writer)
        }
        finish(writer, folder: given)
    }

    private func finish(_ written: CacheWriter, folder given: String) {
        var writer = written
        guard !writer.overflowed else { return }
        Checksum.append(to: &writer.bytes)
        let folder = given.hasSuffix("/") ? given : given + "/"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(writer.bytes, to: Self.path(folder: folder, fingerprint: fingerprint), newFileMode: 0o666, durable: false)
        } catch {
            return
        }
        Self.removeStaleFiles(folder: folder, keeping: fingerprint)
    }

    private static func slotBytes(_ id: BlobID, offset: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(slotSize)
        withUnsafeBytes(of: id.high.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: id.middle.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: id.low.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: offset.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private static func write(_ id: BlobID, _ writer: inout CacheWriter) {
        writer.int64(Int64(bitPattern: id.high))
        writer.int64(Int64(bitPattern: id.middle))
        writer.int64(Int64(id.low))
    }

    private static func blobID(_ reader: inout CacheReader) throws -> BlobID {
        let high = UInt64(bitPattern: try reader.int64())
        let middle = UInt64(bitPattern: try reader.int64())
        guard let low = UInt32(exactly: try reader.int64()) else { throw CacheReader.Malformed() }
        return BlobID(high: high, middle: middle, low: low)
    }

    /// Files of other fingerprints untouched for 30 days go, and temporary files a killed
    /// run left (a day old).
    static func removeStaleFiles(folder: String, keeping fingerprint: String, now: Date = Date()) {
        StaleCacheFiles.remove(in: folder, kind: "review", keeping: fingerprint, now: now)
    }

    /// A tag byte (0 request, 1 unreadable, 2 too large and its size), then for a request:
    /// id, status and title (`opt`), the id's location, `duplicate_of` and its location.
    static func write(_ facts: VersionFacts, _ writer: inout CacheWriter) {
        switch facts.reading {
        case .unreadable: return writer.byte(1)
        case .tooLarge(let size):
            writer.byte(2)
            writer.int64(Int64(size))
            return
        case .request: writer.byte(0)
        }
        writer.optional(facts.id)
        writer.optional(facts.status)
        writer.optional(facts.title)
        FactsCodec.location(facts.idLocation, &writer)
        writer.optional(facts.duplicateOf)
        FactsCodec.location(facts.duplicateOfLocation, &writer)
    }

    static func facts(_ reader: inout CacheReader) throws -> VersionFacts {
        switch try reader.byte() {
        case 0:
            return VersionFacts(
                reading: .request, id: try reader.optional(), status: try reader.optional(), title: try reader.optional(),
                idLocation: try FactsCodec.location(&reader), duplicateOf: try reader.optional(),
                duplicateOfLocation: try FactsCodec.location(&reader))
        case 1: return VersionFacts(reading: .unreadable)
        case 2:
            guard let size = Int(exactly: try reader.int64()), size >= 0 else { throw CacheReader.Malformed() }
            return VersionFacts(reading: .tooLarge(size: size))
        default: throw CacheReader.Malformed()
        }
    }
}

/// A commit's registry as an outline, cached per folder tree (`review-<fingerprint>-<tree
/// id>.tree` in the cache folder): a tree's content never changes, so the file is written
/// once and read by every later comparison with that tree, instead of listing 10,000
/// entries and looking each blob's facts up. The most recently written few are kept.
public enum OutlineCache {
    static let magic = Array("FREQOUTLINE1\n".utf8)
    /// Tree files kept in the folder, at most.
    static let kept = 8

    static func path(folder: String, fingerprint: String, tree: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "review-\(fingerprint)-\(tree).tree"
    }

    /// The outline stored for `tree` (hex id); nil when absent, damaged or foreign.
    public static func load(folder: String, fingerprint: String, tree: String) -> RegistryOutline? {
        guard let bytes = FileBytes.read(path(folder: folder, fingerprint: fingerprint, tree: tree)),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic)
        else { return nil }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        do {
            guard try reader.string() == fingerprint, try reader.string() == tree else { return nil }
            let count = try reader.count()
            guard count <= (reader.end - reader.at) / 6 else { return nil }
            var files: [RegistryOutline.File] = []
            files.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                if let previous = files.last, previous.path.compareInByteOrder(path) >= 0 { return nil }
                let version: RegistryOutline.Version
                switch try reader.byte() {
                case 0:
                    let high = UInt64(bitPattern: try reader.int64())
                    let middle = UInt64(bitPattern: try reader.int64())
                    guard let low = UInt32(exactly: try reader.int64()) else { return nil }
                    version = .blob(BlobID(high: high, middle: middle, low: low))
                case 1: version = .symlink
                case 2: version = .notAFile
                case 3:
                    guard let size = Int(exactly: try reader.int64()), size >= 0 else { return nil }
                    version = .tooLarge(size: size)
                default: return nil
                }
                files.append(RegistryOutline.File(path: path, version: version, facts: try ReviewCache.facts(&reader)))
            }
            guard reader.at == reader.end else { return nil }
            return RegistryOutline(files: files)
        } catch {
            return nil
        }
    }

    /// Writes the outline of `tree` (every facts known; else nothing is written),
    /// atomically, and removes the oldest tree files beyond the few kept.
    public static func store(_ outline: RegistryOutline, folder: String, fingerprint: String, tree: String) {
        var writer = CacheWriter()
        writer.bytes = magic
        writer.string(fingerprint)
        writer.string(tree)
        writer.uint32(outline.files.count)
        for file in outline.files {
            guard let facts = file.facts else { return }
            writer.string(file.path)
            switch file.version {
            case .blob(let id):
                writer.byte(0)
                writer.int64(Int64(bitPattern: id.high))
                writer.int64(Int64(bitPattern: id.middle))
                writer.int64(Int64(id.low))
            case .symlink: writer.byte(1)
            case .notAFile: writer.byte(2)
            case .tooLarge(let size):
                writer.byte(3)
                writer.int64(Int64(size))
            case .unreadable: return
            }
            ReviewCache.write(facts, &writer)
        }
        guard !writer.overflowed else { return }
        Checksum.append(to: &writer.bytes)
        let folder = folder.hasSuffix("/") ? folder : folder + "/"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(writer.bytes, to: path(folder: folder, fingerprint: fingerprint, tree: tree), newFileMode: 0o666, durable: false)
        } catch {
            return
        }
        removeOldest(folder: folder, suffix: ".tree", kept: kept)
    }

    /// The review files ending in `suffix` (`.tree`, `TreeDiffCache`'s `.diff`) beyond
    /// `kept`, oldest first, and temporary files a killed run left (a day old).
    static func removeOldest(folder: String, suffix: String, kept: Int, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        var trees: [(name: String, modified: Date)] = []
        for name in names where name.hasPrefix("review-") && name.hasSuffix(suffix) || name.hasPrefix(".review-") {
            // `lstat`, not Foundation's attributes: up to a thousand diff files are looked at.
            var info = stat()
            // Files only, as `StaleCacheFiles` removes them.
            guard lstat(folder + name, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
            let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            if name.hasPrefix(".review-") {
                if AtomicFile.isTemporaryName(name) && modified < now.addingTimeInterval(-86_400) { unlink(folder + name) }
                continue
            }
            trees.append((name, modified))
        }
        guard trees.count > kept else { return }
        for old in trees.sorted(by: { $0.modified > $1.modified }).dropFirst(kept) {
            unlink(folder + old.name)
        }
    }
}
