import Foundation

/// Writes a file so that readers see either the old content or the new, never a part.
enum AtomicFile {
    struct Failure: Error {
        var message: String
    }

    /// Writes to a temporary file in the same folder (so the rename stays on one file
    /// system), flushes it, then renames it over `path`. An existing file's permissions
    /// are kept; a new one gets 0644 less the umask.
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).freq-\(getpid()).tmp"
        var info = stat()
        let existed = stat(path, &info) == 0
        let mode: mode_t = existed ? info.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw Failure(message: message)
            }
            written += result
        }
        // open() applies the umask; an existing file's mode is kept as it was.
        if existed { _ = fchmod(descriptor, mode) }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        guard close(descriptor) == 0, synced else {
            let message = String(cString: strerror(synced ? errno : syncError))
            unlink(temporary)
            throw Failure(message: message)
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(message: message)
        }
    }
}
