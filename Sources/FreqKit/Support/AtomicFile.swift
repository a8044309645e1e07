import Foundation
import FreqPaths

/// Why `AtomicFile` wrote nothing, in the words freq shows its users.
public struct AtomicFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file that was to be written, as given.
    public let path: String
    /// The system's reason (`strerror`), nil when the refusal is freq's own (the file
    /// exists, or changed meanwhile).
    public let reason: String?
    /// The whole sentence, e.g. "`requests/x.md` already exists; freq never overwrites a request".
    public let message: String

    /// The message.
    public var description: String { message }

    init(path: String, reason: String? = nil, message: String) {
        self.path = path
        self.reason = reason
        self.message = message
    }

    /// A system call failed with `code`: "`VERB` `PATH`: REASON".
    static func system(_ verb: String, _ path: String, code: Int32) -> AtomicFileError {
        let reason = String(cString: strerror(code))
        return AtomicFileError(path: path, reason: reason, message: "\(verb) `\(AtomicFile.display(path))`: \(reason)")
    }
}

/// Writes files so that readers see either the old content or the new, never a part: the
/// bytes go to a temporary file in the same folder (so the final step stays on one file
/// system), are flushed to the disk, and the file then takes its final name in one step.
public enum AtomicFile {
    /// Writes `bytes` to `path`, replacing whatever is there. An existing file's
    /// permissions are kept; a new one gets 0644 less the umask.
    /// Without `durable`, the data is not flushed to the disk first: readers still see the
    /// old content or the new, but a power cut can leave an empty file. For output that is
    /// regenerated at will (the pages of a website), where flushing thousands of files
    /// would cost seconds.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(AtomicFileError) {
        try write(bytes, to: path, newFileMode: 0o644, durable: durable)
    }

    /// `write(_:to:)` with the mode (less the umask) that a new file gets. Caches write
    /// without `durable` too: their checksum rejects what a crash tore.
    static func write(_ bytes: [UInt8], to path: String, newFileMode: mode_t, durable: Bool = true) throws(AtomicFileError) {
        var info = stat()
        let target = PathBytes.cString(path)
        let existed = stat(target, &info) == 0
        let mode = existed ? mode_t(info.st_mode & 0o7777) : newFileMode
        let temporary = try writeTemporaryFile(next: path, bytes, mode: mode, exact: existed, durable: durable)
        if !durable, swapIntoPlace(temporary, target) { return }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system("cannot write", path, code: code)
        }
    }

    /// Puts `temporary` where the regular file `target` is, in one step as rename(2) does,
    /// but without what ext4 does on a rename over a file (`auto_da_alloc`: it allocates
    /// and starts writing the new file at once, 3 ms for a 2.4 MB cache): the two are
    /// swapped (renameat2 with RENAME_EXCHANGE), then the old one, now at `temporary`,
    /// is unlinked. False, with nothing changed, where that cannot be done (no such call
    /// or file system support, `target` not a regular file): rename(2) then.
    private static func swapIntoPlace(_ temporary: [CChar], _ target: [CChar]) -> Bool {
        var info = stat()
        guard let exchange = renameExchange, lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            exchange(AT_FDCWD, temporary, AT_FDCWD, target, 2 /* RENAME_EXCHANGE */) == 0
        else { return false }
        if unlink(temporary) == 0 { return true }
        // What was swapped out is not a file after all (it changed since `lstat`): swapped
        // back, and rename(2) says why it cannot be replaced.
        let swappedBack = exchange(AT_FDCWD, temporary, AT_FDCWD, target, 2) == 0
        return !swappedBack
    }

    /// renameat2(2), looked up when first needed: Swift's Glibc module does not declare it.
    private static let renameExchange: (@convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32)? = {
        // RTLD_DEFAULT: the process's own symbols, glibc's among them.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(
            symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32).self)
    }()

    /// Creates `path` with `bytes`; fails, writing nothing, when `path` already exists.
    public static func create(_ path: String, _ bytes: [UInt8]) throws(AtomicFileError) {
        let temporary = try writeTemporaryFile(next: path, bytes, mode: 0o644, exact: false)
        let target = PathBytes.cString(path)
        defer { unlink(temporary) }
        // link(2) fails with EEXIST instead of replacing: no window in which an existing
        // request could be overwritten, unlike a check followed by rename(2).
        if link(temporary, target) != 0 {
            let code = errno
            if code == EEXIST { throw alreadyExists(path) }
            // Some file systems have no hard links: fall back to a check, then a rename.
            guard code == EPERM || code == ENOTSUP || code == EXDEV || code == EOPNOTSUPP else {
                throw .system("cannot create", path, code: code)
            }
            var info = stat()
            guard lstat(target, &info) != 0 else { throw alreadyExists(path) }
            guard rename(temporary, target) == 0 else { throw .system("cannot create", path, code: errno) }
        }
    }

    /// Replaces the regular file `path`, whose content must still be `expected` (so an edit
    /// made meanwhile by someone else is not lost), keeping its permissions.
    public static func replace(_ path: String, expecting expected: [UInt8], with bytes: [UInt8]) throws(AtomicFileError) {
        var info = stat()
        let target = PathBytes.cString(path)
        guard lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw AtomicFileError(path: path, message: "`\(display(path))` is no longer a regular file; nothing was changed")
        }
        guard let current = contents(target), current == expected else {
            throw AtomicFileError(
                path: path, message: "`\(display(path))` changed while freq was editing it; nothing was changed, run the command again")
        }
        let temporary = try writeTemporaryFile(next: path, bytes, mode: mode_t(info.st_mode & 0o7777), exact: true)
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system("cannot write", path, code: code)
        }
    }

    /// Whether `name` (a file name, no folder) is one of the temporary files written here:
    /// a run killed before the rename leaves one behind, for its owner to clean up.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp") && name.contains(".freq-")
    }

    private static func alreadyExists(_ path: String) -> AtomicFileError {
        AtomicFileError(path: path, message: "`\(display(path))` already exists; freq never overwrites a request")
    }

    /// Writes and flushes a new temporary file next to `path`; returns its path. With
    /// `exact`, the file gets `mode` as is, not reduced by the umask.
    private static func writeTemporaryFile(
        next path: String, _ bytes: [UInt8], mode: mode_t, exact: Bool, durable: Bool = true
    ) throws(AtomicFileError) -> [CChar] {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var descriptor: Int32 = -1
        var temporary: [CChar] = []
        // A random name, retried: two runs at once (or a file a killed run left) never collide.
        for _ in 0..<16 {
            temporary = PathBytes.cString(
                (folder.isEmpty ? "" : folder + "/") + "." + name + ".freq-" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + ".tmp")
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw .system("cannot write in", folder, code: errno) }
        var failure: Int32? = bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        // `open` applied the umask; a replacement keeps the original's exact permissions
        // (on our own new file this cannot fail, short of dropping a set-group-id bit).
        if failure == nil, exact { _ = fchmod(descriptor, mode) }
        // The data reaches the disk before the name does, so a crash leaves the old file.
        if failure == nil, durable, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if let failure {
            unlink(temporary)
            throw .system("cannot write", path, code: failure)
        }
        return temporary
    }

    /// The bytes of the file at `path` (NUL-terminated), nil when it cannot be read.
    private static func contents(_ path: [CChar]) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            return nil
        }
    }

    /// `path` relative to the current folder when it lies below it, as users typed it.
    static func display(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}
