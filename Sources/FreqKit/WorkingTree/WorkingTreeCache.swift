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

/// The working-tree cache file, `worktree-<fingerprint>.cache` in the cache folder: one
/// entry per regular request file, sorted by path (see docs/cache.md). Three sections, each
/// with its own checksum, so that a run reads only what it needs: the index (paths, stat
/// data, hashes, facts, findings; every run), the records (`list`, `show`, `index`…) and
/// the bodies (`list --search`): most of the file's bytes are bodies few runs read.
struct WorkingTreeCacheFile: Sendable {
    /// An entry is a file as the working registry holds it (so that a run that finds it
    /// unchanged takes the loaded entries as they are): always with a hash and a stat.
    typealias Entry = WorkingRegistry.File

    /// The sections besides the index.
    struct Parts: OptionSet, Sendable {
        let rawValue: Int
        static let records = Parts(rawValue: 1)
        static let bodies = Parts(rawValue: 2)
        static let all: Parts = [.records, .bodies]
    }

    static let magic = Array("FREQTREE3\n".utf8)
    /// Part of the fingerprint: a new layout or meaning makes a new file name.
    static let formatVersion = "worktree 3"
    /// The magic, then the length and checksum (`u64` each) of the three sections.
    static let headerSize = 10 + 48

    var fingerprint: String
    /// When the run that wrote it started scanning (nanoseconds since 1970).
    var scanStart: Int64
    var entries: [Entry]
    /// The hash of the folders' listing (`WorkingTree.FolderListing`) when the entries are
    /// exactly the files it selects; nil otherwise. A run whose folders list the same
    /// takes the entries as its files, without a glob match or a sort.
    var listingHash: ContentHash?
    /// The findings of the rules across files (`Rules.registryRules`) on exactly these
    /// entries, encoded with their paths; nil when not computed (the folder held files
    /// that are not cached).
    var registryFindings: ArraySlice<UInt8>?
    /// The sections whose parts the entries' facts hold (not stored): an entry whose
    /// record was stored but not loaded has none.
    var loaded: Parts = .all
    /// The file it was loaded from, still open: what was not loaded can be read from the
    /// same file later, even after another run renamed a new one into place.
    var source: SectionFile?

    /// The stored records and bodies of the sections this run did not load, in
    /// `entries`' facts, keyed by `(path, hash)` of the entries given; nil when the
    /// sections cannot be read. Copied as bytes, not decoded.
    func storedParts() -> (records: [UInt8], bodies: [UInt8])? {
        guard let source, let records = source.section(1), let bodies = source.section(2) else { return nil }
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

    /// The cache for `fingerprint` with the index and the sections `parts`, or nil when
    /// absent, damaged, foreign or not a regular file: every field is checked, paths must
    /// strictly increase, each section's checksum must hold.
    static func load(folder: String, fingerprint: String, parts: Parts = .all) -> WorkingTreeCacheFile? {
        guard let file = SectionFile(path: path(folder: folder, fingerprint: fingerprint), magic: magic, sections: 3),
            let index = file.section(0)
        else { return nil }
        let records = parts.contains(.records) ? file.section(1) : nil
        let bodies = parts.contains(.bodies) ? file.section(2) : nil
        if parts.contains(.records) && records == nil || parts.contains(.bodies) && bodies == nil { return nil }
        var reader = CacheReader(bytes: index, at: 0, end: index.count)
        do {
            guard try reader.string() == fingerprint else { return nil }
            let scanStart = try reader.int64()
            let count = try reader.count()
            guard count <= (index.count - reader.at) / 8 else { return nil }
            var entries: [Entry] = []
            entries.reserveCapacity(count)
            var previous: String?
            for _ in 0..<count {
                let path = try reader.string()
                if let previous, !previous.precedesInByteOrder(path) { return nil }
                previous = path
                let stat = FileStat(
                    device: UInt64(bitPattern: try reader.int64()), inode: UInt64(bitPattern: try reader.int64()),
                    mode: UInt32(truncatingIfNeeded: try reader.int64()), size: try reader.int64(),
                    modified: try reader.int64(), changed: try reader.int64())
                let hash = ContentHash(
                    high: UInt64(bitPattern: try reader.int64()), low: UInt64(bitPattern: try reader.int64()))
                var facts = try FactsCodec.read(&reader)
                let recordSpan = try span(&reader, within: file.lengths[1])
                let bodySpan = try span(&reader, within: file.lengths[2])
                if let records, let recordSpan { facts.record = records[recordSpan] }
                if let bodies, let bodySpan { facts.body = bodies[bodySpan] }
                entries.append(Entry(path: path, facts: facts, hash: hash, stat: stat, storedSpans: (recordSpan, bodySpan)))
            }
            let listingHash = try reader.flag()
                ? ContentHash(high: UInt64(bitPattern: try reader.int64()), low: UInt64(bitPattern: try reader.int64())) : nil
            let registryFindings = try reader.flag() ? index[try reader.stringRange()] : nil
            guard reader.at == reader.end else { return nil }
            return WorkingTreeCacheFile(
                fingerprint: fingerprint, scanStart: scanStart, entries: entries, listingHash: listingHash,
                registryFindings: registryFindings, loaded: parts, source: file)
        } catch {
            return nil
        }
    }

    /// `u8` 0, or 1 and a `u32` offset and length inside a section of `length` bytes.
    private static func span(_ reader: inout CacheReader, within length: Int) throws -> Range<Int>? {
        guard try reader.flag() else { return nil }
        let start = try reader.count()
        let count = try reader.count()
        guard start <= length, count <= length - start else { throw CacheReader.Malformed() }
        return start..<(start + count)
    }

    func encode() -> [UInt8]? {
        var index = CacheWriter()
        var records = CacheWriter()
        var bodies = CacheWriter()
        // Sized once: growing 14 MB by doubling copied it several times over.
        records.bytes.reserveCapacity(entries.reduce(0) { $0 + ($1.facts.record?.count ?? 0) })
        bodies.bytes.reserveCapacity(entries.reduce(0) { $0 + ($1.facts.body?.count ?? 0) })
        index.bytes.reserveCapacity(entries.count * 160)
        index.string(fingerprint)
        index.int64(scanStart)
        index.uint32(entries.count)
        func span(_ part: ArraySlice<UInt8>?, into section: inout CacheWriter) {
            guard let part else { return index.byte(0) }
            index.byte(1)
            index.uint32(section.bytes.count)
            index.uint32(part.count)
            section.bytes.append(contentsOf: part)
        }
        for entry in entries {
            guard let stat = entry.stat, let hash = entry.hash else { return nil }
            index.string(entry.path)
            index.int64(Int64(bitPattern: stat.device))
            index.int64(Int64(bitPattern: stat.inode))
            index.int64(Int64(stat.mode))
            index.int64(stat.size)
            index.int64(stat.modified)
            index.int64(stat.changed)
            index.int64(Int64(bitPattern: hash.high))
            index.int64(Int64(bitPattern: hash.low))
            FactsCodec.write(entry.facts, &index)
            span(entry.facts.record, into: &records)
            span(entry.facts.body, into: &bodies)
        }
        if let listingHash {
            index.byte(1)
            index.int64(Int64(bitPattern: listingHash.high))
            index.int64(Int64(bitPattern: listingHash.low))
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
        guard !index.overflowed, records.bytes.count <= UInt32.max, bodies.bytes.count <= UInt32.max else { return nil }
        return SectionFile.encode(magic: Self.magic, sections: [index.bytes, records.bytes, bodies.bytes])
    }

    /// Replaces the file atomically (a temporary file renamed over it); a failure is given
    /// up silently: a read-only repository still gets its answer.
    func store(folder: String) {
        guard let bytes = encode() else { return }
        let folder = folder.hasSuffix("/") ? folder : folder + "/"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(bytes, to: Self.path(folder: folder, fingerprint: fingerprint), newFileMode: 0o666, durable: false)
        } catch {
            return
        }
        Self.removeStaleFiles(folder: folder, keeping: fingerprint)
    }

    /// Files of other fingerprints (another configuration, an older freq) untouched for 30
    /// days go, and temporary files a killed run left (a day old).
    static func removeStaleFiles(folder: String, keeping fingerprint: String, now: Date = Date()) {
        StaleCacheFiles.remove(in: folder, kind: "worktree", keeping: fingerprint, now: now)
    }
}
