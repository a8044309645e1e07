/// One request per file: a second front matter pasted below the first would be invisible
/// to every tool.
struct OneRequestPerFileRule: PullRequestRule {
    static let id = "one-request-per-file"
    static let summary = "a new file holds a second request below the first"
    static let defaultSeverity = Severity.error
    static let example = "two `---`/`id:` blocks pasted into one file"

    static func check(_ change: PullRequestChange, _ sink: inout FindingSink) {
        for request in change.head.requests where !change.basePaths.contains(ByteKey(request.path)) {
            guard let line = secondRequestLine(request, idField: change.config.idField) else { continue }
            sink.report(
                self, path: request.path, at: SourceLocation(line: line, column: 1),
                "the file holds a second request after the first one's front matter",
                hint: "put each request in its own file, named after its id")
        }
    }

    /// The 1-based file line of a second front matter in the body: a `---` line followed
    /// by an `ID_FIELD:` line; nil when there is none.
    static func secondRequestLine(_ request: Request, idField: String) -> Int? {
        let lines = LineDiff.lines(request.body)
        // The body starts right after the closing fence, on the fence's own line ending.
        let firstLine = request.document.bodyStartLine
        guard lines.count >= 2 else { return nil }
        for index in 0..<(lines.count - 1) where lines[index].trimmingTrailingSpaces == "---" {
            if lines[index + 1].hasPrefix(idField + ":") { return firstLine + index + 1 }
        }
        return nil
    }
}

extension String {
    /// The text without trailing spaces and tabs (a fence line may carry them).
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " || copy.last == "\t" { copy.removeLast() }
        return copy
    }
}
