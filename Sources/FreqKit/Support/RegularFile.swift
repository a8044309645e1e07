import Foundation

/// Reading a file someone named (a configuration, a schema, a body): only a regular file,
/// and only up to a limit, so a folder, a FIFO (which would block forever) or a device
/// (`/dev/zero`) is a clear error instead of a hang or a "no such file".
public enum RegularFile {
    /// The bytes of the file at `path`; nil when there is none. `what` and `display` (the
    /// path as the person wrote it) name it in errors.
    public static func read(
        _ path: String, what: String, display: String? = nil, limit: Int = 16 << 20
    ) throws(ToolFailure) -> [UInt8]? {
        let shown = display ?? path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the
        // opened file, so it cannot change between the check and the read.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ToolFailure("cannot read \(what) `\(shown)`: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ToolFailure("cannot read \(what) `\(shown)`: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let kind = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
            throw ToolFailure("\(what) `\(shown)` is \(kind)")
        }
        guard Int(info.st_size) <= limit else {
            throw ToolFailure("\(what) `\(shown)` is \(info.st_size) bytes, more than the \(limit) freq reads")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                Foundation.read(descriptor, raw.baseAddress.map { $0 + total }, raw.count - total)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        return Array(bytes.prefix(total))
    }
}
