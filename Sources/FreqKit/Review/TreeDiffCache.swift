import Foundation

/// The entries that differ between two trees, as the git layer lists them, kept for the
/// last few pairs of trees: a pull request's check then reads neither folder tree again
/// (inflating the two trees of a 10,000-file folder was 6 ms of every `check --base`).
/// Stored as `review-<fingerprint>-<old>-<new>.diff` in the cache folder (docs/cache.md);
/// damaged or foreign, a file is ignored. Ids are the trees' hex ids (`none`: no tree).
public enum TreeDiffCache {
    /// One side of a changed path: the entry's name, object id (hex) and git file mode.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var id: String
        public var mode: UInt32

        public init(name: String, id: String, mode: UInt32) {
            self.name = name
            self.id = id
            self.mode = mode
        }
    }

    /// A path whose entry differs: `old` is nil when added, `new` when deleted.
    public struct Change: Sendable, Hashable {
        public var path: String
        public var old: Entry?
        public var new: Entry?

        public init(path: String, old: Entry?, new: Entry?) {
            self.path = path
            self.old = old
            self.new = new
        }
    }

    static let magic = Array("FREQDIFF1\n".utf8)
    /// Diff files kept in the folder, at most: more than a checked branch asks for in one
    /// run (one pair per commit, up to 500 commits, and its tip against the merge base),
    /// so that checking a long branch again finds every pair. Each file is a few hundred
    /// bytes.
    static let kept = 1_024

    static func path(folder: String, fingerprint: String, old: String, new: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "review-\(fingerprint)-\(old)-\(new).diff"
    }

    /// The changes stored for the pair; nil when absent, damaged or foreign.
    public static func load(folder: String, fingerprint: String, old: String, new: String) -> [Change]? {
        guard let bytes = FileBytes.read(path(folder: folder, fingerprint: fingerprint, old: old, new: new)),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic)
        else { return nil }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        func entry() throws -> Entry? {
            guard try reader.flag() else { return nil }
            let name = try reader.string()
            let id = try reader.string()
            guard let mode = UInt32(exactly: try reader.count()) else { throw CacheReader.Malformed() }
            return Entry(name: name, id: id, mode: mode)
        }
        do {
            guard try reader.string() == fingerprint, try reader.string() == old, try reader.string() == new else { return nil }
            let count = try reader.count()
            // Each change takes at least six bytes: no count a damaged file claims is believed.
            guard count <= (reader.end - reader.at) / 6 else { return nil }
            var changes: [Change] = []
            changes.reserveCapacity(count)
            for _ in 0..<count {
                changes.append(Change(path: try reader.string(), old: try entry(), new: try entry()))
            }
            return reader.at == reader.end ? changes : nil
        } catch {
            return nil
        }
    }

    /// Writes the changes of the pair atomically (a failure is given up silently). A run
    /// that wrote any calls `removeOldest` once, at its end.
    public static func store(_ changes: [Change], folder: String, fingerprint: String, old: String, new: String) {
        var writer = CacheWriter()
        writer.bytes = magic
        writer.string(fingerprint)
        writer.string(old)
        writer.string(new)
        writer.uint32(changes.count)
        func write(_ entry: Entry?) {
            guard let entry else { return writer.byte(0) }
            writer.byte(1)
            writer.string(entry.name)
            writer.string(entry.id)
            writer.uint32(Int(entry.mode))
        }
        for change in changes {
            writer.string(change.path)
            write(change.old)
            write(change.new)
        }
        guard !writer.overflowed else { return }
        Checksum.append(to: &writer.bytes)
        let folder = folder.hasSuffix("/") ? folder : folder + "/"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(
                writer.bytes, to: path(folder: folder, fingerprint: fingerprint, old: old, new: new), newFileMode: 0o666, durable: false)
        } catch {
            return
        }
    }

    /// The diff files beyond `kept`, least recently written first.
    public static func removeOldest(folder: String) {
        OutlineCache.removeOldest(folder: folder.hasSuffix("/") ? folder : folder + "/", suffix: ".diff", kept: kept)
    }
}
