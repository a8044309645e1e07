import Foundation
import FreqKit

/// One editing command at a time per repository: `new`, `plus-one` and `move` read a file,
/// change it and write it back, and two at once (two agents' scripts, a helpdesk hook)
/// would each write over the other's change. The lock is an `flock` on a file in the git
/// folder, taken before the registry is read and held until the process ends (the
/// kernel releases it even after `kill -9`).
enum EditLock {
    /// The open lock file; kept for the life of the process.
    nonisolated(unsafe) private static var descriptor: Int32 = -1

    /// Waits for the repository's edit lock. A lock that cannot be made (a read-only git
    /// folder) is not worth refusing the edit for: the edit's own compare-and-swap still
    /// refuses to overwrite a file that changed meanwhile.
    static func acquire(gitDirectory: String) {
        guard descriptor < 0 else { return }
        let folder = gitDirectory.hasSuffix("/") ? gitDirectory + "freq" : gitDirectory + "/freq"
        mkdir(folder, 0o755)
        let fd = open(folder + "/edit.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                close(fd)
                return
            }
        }
        descriptor = fd
    }
}
