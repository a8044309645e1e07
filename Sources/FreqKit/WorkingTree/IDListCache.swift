import Foundation

/// The ids `new` must not reuse, as found at branch and tag tips: for each requests-folder
/// tree and each blob seen there, the ids it holds (a blob: none or one). A tip whose
/// folder was seen before costs one lookup; a moved tip reads only its new blobs. Stored
/// as `ids-<fingerprint>.cache` in the cache folder (see docs/cache.md).
public struct IDListCache: Sendable {
    static let magic = Array("FREQIDS1\n".utf8)

    /// Folder tree id (hex) → the ids of its selected files, sorted.
    public var trees: [String: [String]]
    /// Blob id (hex) → the id its front matter holds (none when unreadable or without one).
    public var blobs: [String: [String]]
    public init(trees: [String: [String]] = [:], blobs: [String: [String]] = [:]) {
        self.trees = trees
        self.blobs = blobs
    }

    static func path(folder: String, fingerprint: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "ids-\(fingerprint).cache"
    }

    /// The cache for `fingerprint`; nil when absent, damaged or foreign. Without
    /// `blobs`, the blob table is left empty: 10,000 entries decoded for nothing when
    /// every tip's folder tree is known.
    public static func load(folder: String, fingerprint: String, blobs readBlobs: Bool = true) -> IDListCache? {
        guard let bytes = FileBytes.read(path(folder: folder, fingerprint: fingerprint)),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic)
        else { return nil }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        func table() throws -> [String: [String]] {
            var table: [String: [String]] = [:]
            for _ in 0..<(try reader.count()) {
                let key = try reader.string()
                var ids: [String] = []
                for _ in 0..<(try reader.count()) { ids.append(try reader.string()) }
                table[key] = ids
            }
            return table
        }
        do {
            guard try reader.string() == fingerprint else { return nil }
            let trees = try table()
            guard readBlobs else { return IDListCache(trees: trees) }
            let cache = IDListCache(trees: trees, blobs: try table())
            return reader.at == reader.end ? cache : nil
        } catch {
            return nil
        }
    }

    /// Replaces the file atomically; a failure is given up silently.
    public func store(folder: String, fingerprint: String) {
        var writer = CacheWriter()
        writer.bytes = Self.magic
        writer.string(fingerprint)
        for table in [trees, blobs] {
            writer.uint32(table.count)
            for key in table.keys.sorted() {
                writer.string(key)
                let ids = table[key] ?? []
                writer.uint32(ids.count)
                for id in ids { writer.string(id) }
            }
        }
        guard !writer.overflowed else { return }
        Checksum.append(to: &writer.bytes)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? AtomicFile.write(writer.bytes, to: Self.path(folder: folder, fingerprint: fingerprint), newFileMode: 0o666, durable: false)
    }
}
