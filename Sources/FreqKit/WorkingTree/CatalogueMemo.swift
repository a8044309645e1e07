import Foundation

/// What `freq index` last generated, and from which registry: the hash of the catalogue it
/// rendered, under the digest of every request file it rendered it from (each path with its
/// content hash, under the working-tree cache's fingerprint: the configuration, schema,
/// template and freq itself). The catalogue depends on nothing else (no dates), so while
/// the working tree holds exactly those files, a catalogue file whose bytes hash as stored
/// is up to date, and `index --check` says so without decoding 10,000 records.
///
/// `catalogue-<fingerprint>.memo` in the cache folder: the magic `FREQCAT1\n`, the registry
/// digest and the catalogue's hash (two `u64` each), a checksum. Damaged or absent: the
/// catalogue is rendered, as without it. It can only ever say "up to date": an out-of-date
/// catalogue is always rendered again, for its diff.
struct CatalogueMemo: Sendable, Equatable {
    static let magic = Array("FREQCAT1\n".utf8)

    var registry: ContentHash
    var catalogue: ContentHash

    static func path(folder: String, fingerprint: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "catalogue-\(fingerprint).memo"
    }

    static func load(folder: String, fingerprint: String) -> CatalogueMemo? {
        guard let bytes = FileBytes.read(path(folder: folder, fingerprint: fingerprint), limit: 4096),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic)
        else { return nil }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        guard let registry = try? reader.contentHash(), let catalogue = try? reader.contentHash(), reader.at == reader.end
        else { return nil }
        return CatalogueMemo(registry: registry, catalogue: catalogue)
    }

    /// Written atomically; a failure is given up silently (the next run renders again).
    func store(folder: String, fingerprint: String) {
        var writer = CacheWriter()
        writer.bytes = Self.magic
        writer.contentHash(registry)
        writer.contentHash(catalogue)
        var bytes = writer.bytes
        Checksum.append(to: &bytes)
        try? AtomicFile.write(bytes, to: Self.path(folder: folder, fingerprint: fingerprint), newFileMode: 0o666, durable: false)
        StaleCacheFiles.remove(
            in: folder.hasSuffix("/") ? folder : folder + "/", kind: "catalogue", keeping: fingerprint,
            keepingAlso: ["catalogue-\(fingerprint).memo", "catalogue-\(fingerprint).rows"])
    }
}

extension WorkingRegistry {
    /// The digest of the registry a catalogue is rendered from: every selected path with
    /// its content hash (or, for a file not cached, that it is none), under the cache's
    /// fingerprint, and the catalogue's folder. Nil without a cache.
    func catalogueDigest(folder: String) -> ContentHash? {
        guard let state = cacheState else { return nil }
        var digest = CacheWriter()
        digest.bytes.reserveCapacity(files.count * 48)
        digest.string(state.fingerprint)
        digest.string(folder)
        files.withUnsafeBufferPointer { files in
            for index in files.indices {
                digest.string(files[index].path)
                if let hash = files[index].hash {
                    digest.byte(1)
                    digest.contentHash(hash)
                } else {
                    digest.byte(0)
                }
            }
        }
        return ContentHash(digest.bytes)
    }

    /// Whether `current` (the catalogue file's bytes) is what `freq index` rendered for
    /// exactly these files when it last remembered one (`rememberCatalogue`); false when
    /// that cannot be told (the catalogue must then be rendered).
    public func catalogueIsKnownCurrent(_ current: [UInt8], folder: String) -> Bool {
        guard let state = cacheState, let digest = catalogueDigest(folder: folder),
            let memo = CatalogueMemo.load(folder: state.folder, fingerprint: state.fingerprint)
        else { return false }
        return memo.registry == digest && memo.catalogue == ContentHash(current)
    }

    /// Remembers that `generated` is the catalogue of exactly these files, and the rows it
    /// was assembled from (`entries`, any order), for the next `catalogueEntries`.
    public func rememberCatalogue(_ generated: [UInt8], entries: [CatalogueRenderer.Entry], folder: String) {
        guard let state = cacheState, let digest = catalogueDigest(folder: folder) else { return }
        let memo = CatalogueMemo(registry: digest, catalogue: ContentHash(generated))
        guard CatalogueMemo.load(folder: state.folder, fingerprint: state.fingerprint) != memo else { return }
        // The rows first: a memo is only ever believed with the bytes it names, and rows
        // only under their own file's hash, so any mix of old and new files answers right.
        // By bytes: two names of one text in two normalizations are two files.
        // Entries in the files' order (`catalogueEntries`) pair up with a cursor; others
        // (in id order) by path.
        var rowOfPath: [ByteKey: String]?
        var next = 0
        var rows: [(path: String, hash: ContentHash, row: String)] = []
        rows.reserveCapacity(files.count)
        files.withUnsafeBufferPointer { files in
            for index in files.indices {
                guard let hash = files[index].hash else { continue }
                let path = files[index].path
                if next < entries.count, entries[next].path.hasSameBytes(as: path) {
                    rows.append((path, hash, entries[next].row))
                    next += 1
                    continue
                }
                if rowOfPath == nil { rowOfPath = Dictionary(entries.map { (ByteKey($0.path), $0.row) }) { _, last in last } }
                if let row = rowOfPath?[ByteKey(path)] { rows.append((path, hash, row)) }
            }
        }
        try? AtomicFile.write(
            CatalogueRows.encode(catalogueFolder: folder, rows: rows),
            to: CatalogueRows.path(folder: state.folder, fingerprint: state.fingerprint), newFileMode: 0o666, durable: false)
        memo.store(folder: state.folder, fingerprint: state.fingerprint)
    }
}

/// The rows of the catalogue `freq index` last rendered, each under its file's path and
/// content hash. A row depends on its request alone (and the configuration, in the
/// fingerprint, and the catalogue's folder, stored): after an edit, the catalogue is the
/// remembered rows of the files that did not change and the others' rendered again, not
/// 10,000 records decoded and rendered.
///
/// `catalogue-<fingerprint>.rows`: the magic `FREQROWS1\n`, the catalogue's folder (`str`),
/// the row count (`u32`), then per row the file's path (`str`), its content hash (two
/// `u64`) and the row (`str`), in the files' order; a checksum. Damaged, foreign or absent:
/// every row is rendered, as without it.
struct CatalogueRows {
    static let magic = Array("FREQROWS1\n".utf8)

    private let bytes: [UInt8]
    private let rows: [(path: Range<Int>, hash: ContentHash, row: Range<Int>)]

    static func path(folder: String, fingerprint: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "catalogue-\(fingerprint).rows"
    }

    init?(folder: String, fingerprint: String, catalogueFolder: String) {
        // About 150 bytes a request: 256 MB is well over a million.
        guard let bytes = FileBytes.read(Self.path(folder: folder, fingerprint: fingerprint), limit: 256 << 20),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: Self.magic)
        else { return nil }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        do {
            guard try reader.string() == catalogueFolder else { return nil }
            let count = try reader.count()
            var rows: [(path: Range<Int>, hash: ContentHash, row: Range<Int>)] = []
            rows.reserveCapacity(min(count, body.count / 24))
            for _ in 0..<count {
                rows.append((try reader.stringRange(), try reader.contentHash(), try reader.stringRange()))
            }
            guard reader.at == reader.end else { return nil }
            self.bytes = bytes
            self.rows = rows
        } catch {
            return nil
        }
    }

    static func encode(catalogueFolder: String, rows: [(path: String, hash: ContentHash, row: String)]) -> [UInt8] {
        var writer = CacheWriter()
        // Sized once: 1.6 MB for 10,000 rows, grown by doubling, was copied several times.
        writer.bytes.reserveCapacity(
            magic.count + catalogueFolder.utf8.count + 16 + rows.reduce(0) { $0 + 24 + $1.path.utf8.count + $1.row.utf8.count })
        writer.bytes.append(contentsOf: magic)
        writer.string(catalogueFolder)
        writer.uint32(rows.count)
        for row in rows {
            writer.string(row.path)
            writer.contentHash(row.hash)
            writer.string(row.row)
        }
        Checksum.append(to: &writer.bytes)
        return writer.bytes
    }

    /// Looks rows up by path; most lookups come in the stored order, so a cursor finds
    /// them without hashing a path.
    struct Finder {
        let rows: CatalogueRows
        private var next = 0
        private var byPath: [ByteKey: Int]?

        init(_ rows: CatalogueRows) { self.rows = rows }

        /// The row stored for `path` with content `hash`; nil when none is.
        mutating func row(path: String, hash: ContentHash) -> String? {
            let found: Int?
            if next < rows.rows.count, path.utf8.elementsEqual(rows.bytes[rows.rows[next].path]) {
                found = next
            } else {
                if byPath == nil {
                    var index: [ByteKey: Int] = [:]
                    for (position, row) in rows.rows.enumerated() {
                        index[ByteKey(String(decoding: rows.bytes[row.path], as: UTF8.self))] = position
                    }
                    byPath = index
                }
                found = byPath?[ByteKey(path)]
            }
            guard let found else { return nil }
            next = found + 1
            let stored = rows.rows[found]
            guard stored.hash == hash else { return nil }
            return String(decoding: rows.bytes[stored.row], as: UTF8.self)
        }
    }
}

extension WorkingRegistry {
    /// The catalogue's entries for these files: the rows `rememberCatalogue` kept for files
    /// whose path and content are unchanged, and the others' files read and rendered again.
    /// Nil when that cannot be told (no cache or no rows, more than `limit` files to read
    /// again, a file that changed during the run): the caller renders every record.
    public func catalogueEntries(folder: String, rereadingAtMost limit: Int = 256) -> [CatalogueRenderer.Entry]? {
        guard let state = cacheState,
            let stored = CatalogueRows(folder: state.folder, fingerprint: state.fingerprint, catalogueFolder: folder)
        else { return nil }
        var finder = CatalogueRows.Finder(stored)
        var entries: [CatalogueRenderer.Entry] = []
        entries.reserveCapacity(files.count)
        var reread = 0
        // Read in place: a copy of each file's facts, 10,000 times, cost more than the rows.
        let complete = files.withUnsafeBufferPointer { files in
            for index in files.indices {
                guard case .request(let facts) = files[index].facts.reading, facts.holdsRecord, let id = facts.id,
                    let status = facts.status, let hash = files[index].hash
                else {
                    if files[index].facts.requestFacts?.holdsRecord == true { return false }
                    continue
                }
                let path = files[index].path
                if let row = finder.row(path: path, hash: hash) {
                    entries.append(CatalogueRenderer.Entry(id: id, path: path, status: status, row: row))
                    continue
                }
                reread += 1
                guard reread <= limit, let record = record(of: files[index]) else { return false }
                entries.append(CatalogueRenderer.Entry(record, folder: folder))
            }
            return true
        }
        return complete ? entries : nil
    }
}
