import Foundation

/// Paths for people, relative to the folder they ran freq in, as git prints them: from
/// `requests/`, `requests/FR-0042-x.md` is `FR-0042-x.md`; from `docs/`, `../requests/…`.
/// Output for programs (JSON, GitHub annotations) keeps paths from the repository root.
struct PathDisplay {
    /// The current folder relative to the repository root, `/`-ended; nil outside it.
    let folder: String?

    init(root: String?, start: String) {
        guard let root else {
            folder = nil
            return
        }
        let base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        let here = URL(fileURLWithPath: start).standardizedFileURL.resolvingSymlinksInPath().path
        if here == base {
            folder = ""
        } else if here.hasPrefix(base.hasSuffix("/") ? base : base + "/") {
            folder = String(here.dropFirst(base.count).drop { $0 == "/" }) + "/"
        } else {
            folder = nil
        }
    }

    /// `path` (from the repository root) as seen from the current folder.
    func show(_ path: String) -> String {
        guard let folder, !folder.isEmpty else { return path }
        var here = folder.split(separator: "/")
        var there = path.split(separator: "/", omittingEmptySubsequences: false)
        while let first = here.first, let other = there.first, there.count > 1, first == other {
            here.removeFirst()
            there.removeFirst()
        }
        return (Array(repeating: "..", count: here.count) + there.map(String.init)).joined(separator: "/")
    }
}
