import Foundation
import FreqKit

/// Writes a site into its output folder: each file atomically, only the files whose
/// content changed, and never over or in place of a file freq did not write. A manifest
/// (`.freq-site`) lists what freq wrote, with each file's fingerprint, so that the next
/// build can tell its own files (and remove the pages of requests that are gone) from the
/// user's.
public enum SiteWriter {
    public static let manifestName = ".freq-site"
    static let manifestHeader = "# freq site manifest 1: the files freq wrote here (fingerprint, path); do not edit"

    /// What a build did.
    public struct Summary: Sendable, Hashable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        /// Files of an earlier build that were changed since: left where they are.
        public var keptChanged: [String] = []
    }

    /// Writes `files` into `path` (created when missing); `display` names it in messages
    /// as the user wrote it. Throws, writing nothing, when a file to write exists and freq
    /// did not write it, or a folder on the way is a symbolic link or not a folder.
    public static func write(_ files: [SiteFile], into path: String, display: String? = nil) throws(ToolFailure) -> Summary {
        let folder = display ?? path
        let root = path.hasSuffix("/") ? String(path.dropLast()) : path
        try makeFolder(root, display: folder, followingLink: true)
        let previous = try readManifest(root + "/" + manifestName, display: folder)

        // Check every target before writing any.
        var folders = Set<String>()
        for file in files {
            var parts = file.path.split(separator: "/").map(String.init)
            parts.removeLast()
            var path = ""
            for part in parts {
                path += (path.isEmpty ? "" : "/") + part
                folders.insert(path)
            }
        }
        for path in folders.sorted() {
            try checkFolder(root + "/" + path, display: path)
        }
        var foreign: [String] = []
        for file in files where previous[file.path] == nil {
            var info = stat()
            if lstat(root + "/" + file.path, &info) == 0 { foreign.append(file.path) }
        }
        guard foreign.isEmpty else {
            let listed = foreign.prefix(3).map { "`\($0)`" }.joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
            throw ToolFailure("`\(folder)` already holds \(listed), which freq did not write; nothing was written (choose an empty or new folder)")
        }

        var summary = Summary()
        for path in folders.sorted() { try makeFolder(root + "/" + path, display: path) }
        var manifest: [(path: String, fingerprint: String)] = []
        for file in files {
            let fingerprint = ContentFingerprint.hex(file.bytes)
            manifest.append((file.path, fingerprint))
            let target = root + "/" + file.path
            if previous[file.path] == fingerprint, size(of: target) == file.bytes.count {
                summary.unchanged += 1
                continue
            }
            do {
                try AtomicFile.write(file.bytes, to: target)
            } catch {
                throw ToolFailure("cannot write the site: \(error.message)")
            }
            summary.written += 1
        }
        // Pages of an earlier build that this one has not (a request removed): removed when
        // they still hold what freq wrote.
        let current = Set(files.map(\.path))
        for (path, fingerprint) in previous.sorted(by: { $0.key.precedesInByteOrder($1.key) }) where !current.contains(path) {
            let target = root + "/" + path
            guard let bytes = FileManager.default.contents(atPath: target) else { continue }
            if ContentFingerprint.hex([UInt8](bytes)) == fingerprint {
                unlink(target)
                summary.removed += 1
            } else {
                summary.keptChanged.append(path)
            }
        }
        var text = manifestHeader + "\n"
        for entry in manifest { text += entry.fingerprint + " " + entry.path + "\n" }
        do {
            try AtomicFile.write(Array(text.utf8), to: root + "/" + manifestName)
        } catch {
            throw ToolFailure("cannot write the site: \(error.message)")
        }
        return summary
    }

    /// The files an earlier build wrote, with their fingerprints; empty when there was none.
    static func readManifest(_ path: String, display: String) throws(ToolFailure) -> [String: String] {
        guard let bytes = try RegularFile.read(path, what: "the site manifest", display: display + "/" + manifestName) else { return [:] }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first.map(String.init) == manifestHeader else {
            throw ToolFailure("`\(display)/\(manifestName)` is not a manifest this freq wrote; nothing was written")
        }
        lines.removeFirst()
        var entries: [String: String] = [:]
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 16, isSafe(String(parts[1])) else { continue }
            entries[String(parts[1])] = String(parts[0])
        }
        return entries
    }

    /// A manifest path freq could have written: relative, no `..`, no empty segment.
    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    private static func size(of path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// A folder of the site must be a real folder: a symbolic link could send the pages
    /// anywhere.
    private static func checkFolder(_ path: String, display: String) throws(ToolFailure) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ToolFailure("`\(display)` in the output folder is not a folder (a symbolic link or a file); nothing was written")
        }
    }

    /// Creates `path` when missing. The output folder itself may be a link to a folder (the
    /// user named it); a folder inside it may not.
    private static func makeFolder(_ path: String, display: String, followingLink: Bool = false) throws(ToolFailure) {
        var info = stat()
        if (followingLink ? stat(path, &info) : lstat(path, &info)) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw ToolFailure("`\(display)` is not a folder; nothing was written")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ToolFailure("cannot create the folder `\(display)`: \(error.localizedDescription)")
        }
    }
}
