import Foundation
import FreqKit

/// Keeps reads and writes inside the working tree: a relative path with `..`, or one that
/// passes through a symbolic link, could lead anywhere (a committed `requests -> /etc`).
enum InsideRepository {
    /// Throws unless `relative` (from `root`) has no `.`/`..`/absolute parts and none of
    /// its existing components is a symbolic link. Missing trailing components are fine
    /// (a folder or file about to be created).
    static func check(_ relative: String, root: String, what: String) throws {
        if relative.hasPrefix("/") {
            throw ToolFailure("\(what) `\(relative)` must be a path inside the repository")
        }
        // On bytes, as the file system reads the path (`/` and a combining mark are one
        // character but two path bytes).
        let components = PathSegments.of(relative).filter { !$0.isEmpty }
        if relative.utf8.contains(0) || components.contains(where: { $0.elementsEqual([0x2E]) || $0.elementsEqual([0x2E, 0x2E]) }) {
            throw ToolFailure("\(what) `\(relative)` must not contain `.` or `..`")
        }
        var path = root.hasSuffix("/") ? root : root + "/"
        for component in components {
            path += String(decoding: component, as: UTF8.self)
            var info = stat()
            guard lstat(path, &info) == 0 else { return }  // the rest does not exist yet
            if info.st_mode & S_IFMT == S_IFLNK {
                throw ToolFailure("\(what) `\(relative)` goes through the symbolic link `\(path.dropFirst(root.count))`, which freq never follows")
            }
            path += "/"
        }
    }
}
