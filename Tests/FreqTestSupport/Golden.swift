import Foundation
import Testing

/// Golden files: expected outputs kept under `Tests/<test target>/Golden/`, found from the
/// calling test file's path (so tests may live in any subfolder of their target).
/// `RECORD_GOLDEN=1 swift test` rewrites them.
public enum Golden {
    /// Compares `actual` with the golden file `name` (a path below the calling target's
    /// Golden folder, e.g. "query/catalogue.md"), recording an issue at the first
    /// differing line; with RECORD_GOLDEN=1, writes `actual` there instead.
    public static func check(
        _ actual: String, _ name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try check(actual, name, in: folder(forTestFile: filePath), sourceLocation: sourceLocation)
    }

    /// `check(_:_:)` against the golden files of `folder`.
    public static func check(_ actual: String, _ name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(name) is missing; run with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if let difference = difference(name, expected: expected, actual: actual) {
            Issue.record(Comment(rawValue: difference), sourceLocation: sourceLocation)
        }
    }

    /// Where `actual` first departs from `expected`, as the issue says it; nil when equal.
    public static func difference(_ name: String, expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = Array(zip(expectedLines, actualLines)).firstIndex { $0 != $1 } ?? min(expectedLines.count, actualLines.count)
        let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
        let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
        return "\(name) differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n(RECORD_GOLDEN=1 rewrites it)"
    }

    /// `Tests/<target>/Golden` for a file anywhere below `Tests/<target>/`.
    public static func folder(forTestFile filePath: String) -> URL {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.pathComponents.count > 1, folder.deletingLastPathComponent().lastPathComponent != "Tests" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("Golden", isDirectory: true)
    }
}
