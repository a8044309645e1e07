/// Renders validation findings for people (text), programs (json) and git hosts (github).
public enum DiagnosticRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    /// Text for people, rustc-style: the finding, the source line with a caret, the hint,
    /// then a one-line summary. `color` adds ANSI colours (a terminal only).
    /// `displayPath` shows a repository path the way the reader refers to it (relative to
    /// their current folder, as git does).
    public static func text(
        _ report: ValidationReport, noun: String = "request", color: Bool = false,
        displayPath: (String) -> String = { $0 }
    ) -> String {
        var output = ""
        let style = Style(enabled: color)
        for diagnostic in report.diagnostics {
            let severity = diagnostic.severity.rawValue
            let label = diagnostic.severity == .error ? style.red(severity) : style.yellow(severity)
            var position = displayPath(diagnostic.path)
            if let location = diagnostic.location { position += ":\(location.line):\(location.column)" }
            output += "\(style.bold(position)): \(style.bold(label + "[\(diagnostic.rule)]")): \(diagnostic.message)\n"
            if let location = diagnostic.location, let line = sourceLine(report.sources[ByteKey(diagnostic.path)], location.line) {
                let number = String(location.line)
                let gutter = String(repeating: " ", count: number.count)
                let shown = line.replacingOccurrences(of: "\t", with: " ")
                let scalars = Array(shown.unicodeScalars)
                let start = min(max(location.column - 1, 0), scalars.count)
                let width = underlineWidth(scalars, from: start)
                let caret = String(repeating: " ", count: start) + String(repeating: "^", count: max(width, 1))
                output += " \(style.blue(number + " |")) \(shown)\n"
                output += " \(style.blue(gutter + " |")) \(style.red(caret))"
                output += diagnostic.hint.map { " " + $0 } ?? ""
                output += "\n"
            } else if let hint = diagnostic.hint {
                output += "  = hint: \(hint)\n"
            }
        }
        if !report.diagnostics.isEmpty { output += "\n" }
        output += summary(report, noun: noun) + "\n"
        return output
    }

    /// How many characters to underline from `start`: a key's name (up to its colon), or
    /// a value up to the end of the line, without a trailing comment or spaces.
    static func underlineWidth(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        while end < scalars.count {
            let scalar = scalars[end]
            if scalar == ":" && (end + 1 == scalars.count || scalars[end + 1] == " ") { break }  // a key
            if scalar == "#" && end > start && scalars[end - 1] == " " { break }  // a comment
            end += 1
        }
        while end > start && scalars[end - 1] == " " { end -= 1 }
        return max(end - start, 1)
    }

    /// "812 requests, 2 errors, 1 warning".
    public static func summary(_ report: ValidationReport, noun: String = "request") -> String {
        "\(count(report.fileCount, noun)), \(count(report.errorCount, "error")), \(count(report.warningCount, "warning"))"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// The contract of docs/contracts.md: `{"files", "errors", "warnings", "findings": [...]}`.
    public static func json(_ report: ValidationReport) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("files", report.fileCount)
        writer.field("errors", report.errorCount)
        writer.field("warnings", report.warningCount)
        writer.key("findings")
        writer.beginArray()
        for diagnostic in report.diagnostics {
            writer.beginObject()
            writer.field("path", diagnostic.path)
            writer.field("line", diagnostic.location?.line)
            writer.field("column", diagnostic.location?.column)
            writer.field("severity", diagnostic.severity.rawValue)
            writer.field("rule", diagnostic.rule)
            writer.field("message", diagnostic.message)
            writer.field("hint", diagnostic.hint)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    /// GitHub Actions workflow commands: one annotation per finding.
    public static func github(_ report: ValidationReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            var properties = "file=\(escapeProperty(diagnostic.path))"
            if let location = diagnostic.location {
                properties += ",line=\(location.line),col=\(location.column)"
            }
            properties += ",title=\(escapeProperty(diagnostic.rule))"
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += " (\(hint))" }
            output += "::\(diagnostic.severity == .error ? "error" : "warning") \(properties)::\(escapeData(message))\n"
        }
        output += summary(report) + "\n"
        return output
    }

    /// Workflow command data: `%`, CR and LF are escaped (actions/toolkit's escapeData).
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Workflow command properties also escape `:` and `,` (actions/toolkit's escapeProperty).
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Line `number` (1-based) of a file, without its line break or a leading BOM.
    static func sourceLine(_ bytes: [UInt8]?, _ number: Int) -> String? {
        guard let bytes, number >= 1 else { return nil }
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if line == number { return decodeLine(bytes[start..<index]) }
            line += 1
            start = index + 1
        }
        return line == number && start < bytes.count ? decodeLine(bytes[start...]) : nil
    }

    private static func decodeLine(_ slice: ArraySlice<UInt8>) -> String {
        var slice = slice
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}

/// ANSI styling that does nothing when disabled, so golden files never see escapes.
struct Style {
    let enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func red(_ text: String) -> String { wrap("31;1", text) }
    func yellow(_ text: String) -> String { wrap("33;1", text) }
    func blue(_ text: String) -> String { wrap("34;1", text) }
    func bold(_ text: String) -> String { wrap("1", text) }
}
