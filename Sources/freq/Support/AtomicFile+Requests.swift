import Foundation
import FreqKit

/// Creating a request without ever overwriting one, and replacing one only if nobody
/// changed it meanwhile: the bytes go to a temporary file in the same folder, which then
/// takes the final name in one step.
extension AtomicFile {
    /// Creates `path` with `bytes`; fails, writing nothing, when `path` already exists.
    static func create(_ path: String, _ bytes: [UInt8]) throws {
        let temporary = try writeTemporaryFile(next: path, bytes, mode: 0o644, exact: false)
        defer { unlink(temporary) }
        // link(2) fails with EEXIST instead of replacing: no window in which an existing
        // request could be overwritten, unlike a check followed by rename(2).
        if link(temporary, path) != 0 {
            let code = errno
            if code == EEXIST { throw ToolFailure("`\(display(path))` already exists; freq never overwrites a request") }
            // Some file systems have no hard links: fall back to a check, then a rename.
            guard code == EPERM || code == ENOTSUP || code == EXDEV || code == EOPNOTSUPP else {
                throw ToolFailure("cannot create `\(display(path))`: \(String(cString: strerror(code)))")
            }
            var info = stat()
            guard lstat(path, &info) != 0 else {
                throw ToolFailure("`\(display(path))` already exists; freq never overwrites a request")
            }
            guard rename(temporary, path) == 0 else {
                throw ToolFailure("cannot create `\(display(path))`: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Replaces the regular file `path`, whose content must still be `expected` (so an edit
    /// made meanwhile by someone else is not lost), keeping its permissions.
    static func replace(_ path: String, expecting expected: [UInt8], with bytes: [UInt8]) throws {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ToolFailure("`\(display(path))` is no longer a regular file; nothing was changed")
        }
        guard let current = FileManager.default.contents(atPath: path), [UInt8](current) == expected else {
            throw ToolFailure("`\(display(path))` changed while freq was editing it; nothing was changed, run the command again")
        }
        let temporary = try writeTemporaryFile(next: path, bytes, mode: mode_t(info.st_mode & 0o7777), exact: true)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ToolFailure("cannot write `\(display(path))`: \(String(cString: strerror(code)))")
        }
    }

    /// Writes and flushes a new temporary file next to `path`; returns its path. With
    /// `exact`, the file gets `mode` as is, not reduced by the umask.
    private static func writeTemporaryFile(next path: String, _ bytes: [UInt8], mode: mode_t, exact: Bool) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<16 {
            temporary = folder + "/." + name + ".freq-" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + ".tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw ToolFailure("cannot write in `\(display(folder))`: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            // The data reaches the disk before the name does, so a crash leaves the old file.
            return fsync(descriptor) == 0 ? nil : errno
        }
        // `open` applied the umask; a replacement keeps the original's exact permissions.
        if failure == nil, exact { fchmod(descriptor, mode) }
        if let failure {
            unlink(temporary)
            throw ToolFailure("cannot write `\(display(path))`: \(String(cString: strerror(failure)))")
        }
        return temporary
    }

    fileprivate static func display(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}
