import Foundation

/// What `lstat` says about a file: enough to tell, as git's index does, that a file has not
/// changed since it was read (same inode, size, modification and change times).
struct FileStat: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var mode: UInt32
    var size: Int64
    /// Nanoseconds since 1970.
    var modified: Int64
    var changed: Int64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        mode = UInt32(info.st_mode)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_ctim.tv_nsec)
    }

    init(device: UInt64, inode: UInt64, mode: UInt32, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.mode = mode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }

    /// Whether the file may have changed after it was read within the same clock tick as
    /// the stored times (git's "racily clean" entries): its times are not well before
    /// `scanStart`, the moment the run that stored it began. File systems keep times in
    /// coarse ticks (a second on some), hence the margin.
    func isRacy(scanStart: Int64) -> Bool {
        max(modified, changed) >= scanStart &- 2_000_000_000
    }
}

/// A 128-bit hash of a file's bytes (not a defence against forgery): a cached version is
/// taken for the file only when size, times and this hash agree.
struct ContentHash: Sendable, Hashable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ bytes: [UInt8]) {
        high = Checksum.of(bytes, upTo: bytes.count)
        var fnv = FNV1a()
        fnv.add(bytes: bytes)
        low = fnv.value
    }
}

/// How the caches store `lstat` data (six `i64`: device, inode, mode, size, modification
/// and change times) and content hashes (two `i64`).
extension CacheWriter {
    mutating func fileStat(_ stat: FileStat) {
        int64(Int64(bitPattern: stat.device))
        int64(Int64(bitPattern: stat.inode))
        int64(Int64(stat.mode))
        int64(stat.size)
        int64(stat.modified)
        int64(stat.changed)
    }

    mutating func contentHash(_ hash: ContentHash) {
        int64(Int64(bitPattern: hash.high))
        int64(Int64(bitPattern: hash.low))
    }
}

extension CacheReader {
    mutating func fileStat() throws -> FileStat {
        FileStat(
            device: UInt64(bitPattern: try int64()), inode: UInt64(bitPattern: try int64()),
            mode: UInt32(truncatingIfNeeded: try int64()), size: try int64(), modified: try int64(), changed: try int64())
    }

    mutating func contentHash() throws -> ContentHash {
        ContentHash(high: UInt64(bitPattern: try int64()), low: UInt64(bitPattern: try int64()))
    }
}

/// The working-tree cache, in the cache folder: `worktree-<fingerprint>.cache`, the index
/// (one entry per regular request file, sorted by path: stat data, hashes, facts,
/// findings), read by every run; and `worktree-<fingerprint>-<id>.parts`, the records
/// (`list`, `index`…) and bodies (`list --search`) the entries point into, each section
/// with its own checksum (see docs/cache.md). Most of the bytes are records and bodies,
/// which few runs read and fewer change: a run that computed none writes the index alone,
/// still pointing into the same parts file.
struct WorkingTreeCacheFile: Sendable {
    /// An entry is a file as the working registry holds it (so that a run that finds it
    /// unchanged takes the loaded entries as they are): always with a hash and a stat.
    typealias Entry = WorkingRegistry.File

    /// The sections of the parts file.
    struct Parts: OptionSet, Sendable {
        let rawValue: Int
        static let records = Parts(rawValue: 1)
        static let bodies = Parts(rawValue: 2)
        static let all: Parts = [.records, .bodies]
    }

    static let magic = Array("FREQTREE5\n".utf8)
    static let partsMagic = Array("FREQPART1\n".utf8)
    /// Part of the fingerprint: a new layout or meaning makes a new file name.
    static let formatVersion = "worktree 5"
    /// The magic, then the length and checksum (`u64` each) of the index.
    static let headerSize = magic.count + 16

    var fingerprint: String
    /// When the run that wrote it started scanning (nanoseconds since 1970).
    var scanStart: Int64
    var entries: [Entry]
    /// The hash of the folders' listing (`WorkingTree.FolderListing`) when the entries are
    /// exactly the files it selects; nil otherwise. A run whose folders list the same
    /// takes the entries as its files, without a glob match or a sort.
    var listingHash: ContentHash?
    /// With the hash: where each entry's path is in that listing, so that a run whose
    /// folders list the same finds each entry's `lstat` (taken by position while the cache
    /// was read) without sorting the listing. Nil when not stored.
    var listingPositions: [Int]?
    /// The findings of the rules across files (`Rules.registryRules`) on exactly these
    /// entries, encoded with their paths; nil when not computed (the folder held files
    /// that are not cached).
    var registryFindings: ArraySlice<UInt8>?
    /// The id of the parts file the entries' spans point into; nil when there is none.
    var partsID: String?
    /// The sections of the parts file the entries' facts hold (not stored): an entry whose
    /// record was stored but not loaded has none.
    var loaded: Parts = .all
    /// The parts file, opened when the index was loaded: what was not loaded can be read
    /// from it later, even after another run replaced it. Nil when absent or damaged (the
    /// entries then point nowhere).
    var partsFile: SectionFile?

    /// The stored records and bodies, as bytes (for the entries' `storedSpans`); nil when
    /// they cannot be read.
    func storedParts() -> (records: SharedBytes, bodies: SharedBytes)? {
        guard let partsFile, let records = partsFile.mappedSection(0), let bodies = partsFile.mappedSection(1) else { return nil }
        return (records, bodies)
    }

    /// The entries, moved out: the caller holds the only reference (a file changed in
    /// place is then not a copy of all of them). The other parts stay.
    mutating func takeEntries() -> [Entry] {
        var taken: [Entry] = []
        swap(&taken, &entries)
        return taken
    }

    static func path(folder: String, fingerprint: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "worktree-\(fingerprint).cache"
    }

    static func partsPath(folder: String, fingerprint: String, id: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + partsName(fingerprint: fingerprint, id: id)
    }

    static func partsName(fingerprint: String, id: String) -> String { "worktree-\(fingerprint)-\(id).parts" }

    /// A parts id is 16 lower-case hex digits: anything else in an index (damage, forgery)
    /// must not name a path.
    static func isPartsID(_ id: String) -> Bool {
        id.utf8.count == 16 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The cache for `fingerprint`, with the parts file's sections `parts` in the entries'
    /// facts; nil when the index is absent, damaged, foreign or not a regular file (every
    /// field is checked, paths must strictly increase, the checksum must hold). A parts
    /// file absent or damaged leaves the entries pointing nowhere: what needs records
    /// reads those files again.
    static func load(folder: String, fingerprint: String, parts: Parts = .all) -> WorkingTreeCacheFile? {
        guard let file = SectionFile(path: path(folder: folder, fingerprint: fingerprint), magic: magic, sections: 1),
            let index = file.section(0)
        else { return nil }
        var reader = CacheReader(bytes: index, at: 0, end: index.count)
        do {
            guard try reader.string() == fingerprint else { return nil }
            let scanStart = try reader.int64()
            let partsID = try reader.flag() ? try reader.string() : nil
            if let partsID, !isPartsID(partsID) { return nil }
            var partsFile = partsID.flatMap {
                SectionFile(path: partsPath(folder: folder, fingerprint: fingerprint, id: $0), magic: partsMagic, sections: 2)
            }
            let lengths = partsFile?.lengths ?? [0, 0]
            let count = try reader.count()
            guard count <= (index.count - reader.at) / 8 else { return nil }
            var entries: [Entry] = []
            entries.reserveCapacity(count)
            var previous: String?
            var spansFit = true
            for _ in 0..<count {
                let entryStart = reader.at
                let path = try reader.string()
                if let previous, !previous.precedesInByteOrder(path) { return nil }
                previous = path
                let stat = try reader.fileStat()
                let hash = try reader.contentHash()
                let facts = try FactsCodec.read(&reader)
                let recordSpan = try span(&reader)
                let bodySpan = try span(&reader)
                if let recordSpan, recordSpan.upperBound > lengths[0] { spansFit = false }
                if let bodySpan, bodySpan.upperBound > lengths[1] { spansFit = false }
                // Made where it goes: a copy of each entry was a tenth of loading.
                entries.append(Entry(
                    path: path, facts: facts, hash: hash, stat: stat, storedSpans: (recordSpan, bodySpan),
                    storedEntry: index[entryStart..<reader.at]))
            }
            var listingHash: ContentHash?
            var listingPositions: [Int]?
            if try reader.flag() {
                listingHash = try reader.contentHash()
                let count = try reader.count()
                // None written, or one per entry.
                guard count == 0 || count == entries.count, count <= (reader.end - reader.at) / 4 else { return nil }
                if count > 0 {
                    var positions: [Int] = []
                    positions.reserveCapacity(count)
                    for _ in 0..<count { positions.append(try reader.count()) }
                    listingPositions = positions
                }
            }
            let registryFindings = try reader.flag() ? index[try reader.stringRange()] : nil
            guard reader.at == reader.end else { return nil }
            // The parts file must be the one the index was written with, and whole.
            let records = spansFit && parts.contains(.records) ? partsFile?.mappedSection(0) : nil
            let bodies = spansFit && parts.contains(.bodies) ? partsFile?.mappedSection(1) : nil
            if !spansFit || parts.contains(.records) && records == nil || parts.contains(.bodies) && bodies == nil {
                partsFile = nil
            }
            if partsFile == nil {
                // Spans into nothing: such an entry is written again without them.
                for index in entries.indices where entries[index].storedSpans != (nil, nil) {
                    entries[index].forgetStoredParts()
                }
            } else {
                for index in entries.indices {
                    if let records, let span = entries[index].storedSpans.record { entries[index].facts.record = records[span] }
                    if let bodies, let span = entries[index].storedSpans.body { entries[index].facts.body = bodies[span] }
                }
            }
            return WorkingTreeCacheFile(
                fingerprint: fingerprint, scanStart: scanStart, entries: entries, listingHash: listingHash,
                listingPositions: listingPositions,
                registryFindings: registryFindings, partsID: partsFile == nil ? nil : partsID, loaded: parts,
                partsFile: partsFile)
        } catch {
            return nil
        }
    }

    /// `u8` 0, or 1 and a `u32` offset and length.
    private static func span(_ reader: inout CacheReader) throws -> Range<Int>? {
        guard try reader.flag() else { return nil }
        let start = try reader.count()
        let count = try reader.count()
        return start..<(start + count)
    }

    /// The index file and, `writingParts`, a parts file of every record and body the
    /// entries' facts hold, the spans pointing into it (its id then named by the index);
    /// without, the spans are the entries' `storedSpans` in the parts file `partsID` names,
    /// and an unchanged entry is copied as it was stored. The index is written in place,
    /// into the file's bytes: 2.4 MB copied once more was a tenth of a warm run's time.
    func encode(writingParts: Bool) -> (index: [UInt8], parts: (bytes: [UInt8], id: String)?)? {
        var spans: [(record: Range<Int>?, body: Range<Int>?)] = []
        var parts: (bytes: [UInt8], id: String)?
        if writingParts {
            var records: [UInt8] = []
            var bodies: [UInt8] = []
            // Sized once: growing 12 MB by doubling copied it several times over.
            records.reserveCapacity(entries.reduce(0) { $0 + ($1.facts.record?.count ?? 0) })
            bodies.reserveCapacity(entries.reduce(0) { $0 + ($1.facts.body?.count ?? 0) })
            func place(_ part: SharedBytes?, in section: inout [UInt8]) -> Range<Int>? {
                guard let part else { return nil }
                part.withUnsafeBufferPointer { section.append(contentsOf: $0) }
                return (section.count - part.count)..<section.count
            }
            spans = entries.map { (place($0.facts.record, in: &records), place($0.facts.body, in: &bodies)) }
            guard records.count <= UInt32.max, bodies.count <= UInt32.max else { return nil }
            let bytes = SectionFile.encode(magic: Self.partsMagic, sections: [records, bodies])
            // Named by its content: the header holds both sections' lengths and checksums.
            var name = FNV1a()
            name.add(bytes: bytes.prefix(Self.partsMagic.count + 32))
            parts = (bytes, name.hex)
        }
        var index = CacheWriter()
        index.bytes.reserveCapacity(Self.headerSize + 64 + entries.count * 256)
        index.bytes.append(contentsOf: Self.magic)
        index.bytes.append(contentsOf: [UInt8](repeating: 0, count: 16))
        index.string(fingerprint)
        index.int64(scanStart)
        if let id = writingParts ? parts?.id : partsID {
            index.byte(1)
            index.string(id)
        } else {
            index.byte(0)
        }
        index.uint32(entries.count)
        func span(_ range: Range<Int>?) {
            guard let range else { return index.byte(0) }
            index.byte(1)
            index.uint32(range.lowerBound)
            index.uint32(range.count)
        }
        for position in entries.indices {
            // Fields read in place: copying 10,000 entries of a dozen references each was
            // most of an index rewrite.
            guard let stat = entries[position].stat, let hash = entries[position].hash else { return nil }
            if !writingParts, let stored = entries[position].storedEntry, Self.entry(stored, holds: entries[position].path, stat, hash) {
                index.bytes.append(contentsOf: stored)
                continue
            }
            let entry = entries[position]
            index.string(entry.path)
            index.fileStat(stat)
            index.contentHash(hash)
            FactsCodec.write(entry.facts, &index)
            let (record, body) = writingParts ? spans[position] : entry.storedSpans
            span(record)
            span(body)
        }
        if let listingHash {
            index.byte(1)
            index.contentHash(listingHash)
            let positions = listingPositions.flatMap { $0.count == entries.count ? $0 : nil } ?? []
            index.uint32(positions.count)
            for position in positions { index.uint32(position) }
        } else {
            index.byte(0)
        }
        if let registryFindings {
            index.byte(1)
            index.uint32(registryFindings.count)
            index.bytes.append(contentsOf: registryFindings)
        } else {
            index.byte(0)
        }
        guard !index.overflowed else { return nil }
        SectionFile.sealSingleSection(&index.bytes, magic: Self.magic)
        return (index.bytes, parts)
    }

    /// Whether stored entry bytes begin with this path, stat data and hash (what a run may
    /// have changed in a loaded entry; its facts come anew from reading the file).
    private static func entry(_ stored: ArraySlice<UInt8>, holds path: String, _ stat: FileStat, _ hash: ContentHash) -> Bool {
        var path = path
        return path.withUTF8 { name in
            stored.withUnsafeBytes { raw in
                let fields = 4 + name.count
                guard raw.count >= fields + 64,
                    UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)) == name.count,
                    name.elementsEqual(raw[4..<fields])
                else { return false }
                func field(_ number: Int) -> Int64 {
                    Int64(littleEndian: raw.loadUnaligned(fromByteOffset: fields + 8 * number, as: Int64.self))
                }
                return field(0) == Int64(bitPattern: stat.device) && field(1) == Int64(bitPattern: stat.inode)
                    && field(2) == Int64(stat.mode) && field(3) == stat.size && field(4) == stat.modified
                    && field(5) == stat.changed && field(6) == Int64(bitPattern: hash.high)
                    && field(7) == Int64(bitPattern: hash.low)
            }
        }
    }

    /// Writes the index, and first a new parts file when `writingParts`; each replaces its
    /// file atomically (a temporary file renamed over it). The parts file this cache was
    /// loaded with goes when a new one replaces it (a run still reading it holds it open).
    /// A failure is given up silently: a read-only repository still gets its answer.
    func store(folder: String, writingParts: Bool, replacing previousParts: String?) {
        guard let (index, parts) = encode(writingParts: writingParts) else { return }
        let folder = folder.hasSuffix("/") ? folder : folder + "/"
        let referenced = writingParts ? parts?.id : partsID
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if let parts {
                try AtomicFile.write(
                    parts.bytes, to: Self.partsPath(folder: folder, fingerprint: fingerprint, id: parts.id), newFileMode: 0o666,
                    durable: false)
            }
            try AtomicFile.write(index, to: Self.path(folder: folder, fingerprint: fingerprint), newFileMode: 0o666, durable: false)
        } catch {
            return
        }
        if let previousParts, previousParts != referenced {
            unlink(Self.partsPath(folder: folder, fingerprint: fingerprint, id: previousParts))
        }
        Self.removeStaleFiles(folder: folder, keeping: fingerprint, parts: referenced)
    }

    /// Files of other fingerprints (another configuration, an older freq) untouched for 30
    /// days go; parts files of this fingerprint the index does not name, and temporary
    /// files a killed run left, after a day.
    static func removeStaleFiles(folder: String, keeping fingerprint: String, parts: String? = nil, now: Date = Date()) {
        StaleCacheFiles.remove(
            in: folder, kind: "worktree", keeping: fingerprint,
            keepingAlso: parts.map { [partsName(fingerprint: fingerprint, id: $0)] } ?? [], now: now)
    }
}
