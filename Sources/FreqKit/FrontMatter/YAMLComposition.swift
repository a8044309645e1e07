import Yams

/// Runs Yams' composer and turns its errors into plain, file-located problems.
enum YAMLComposition {
    /// An empty constructor: freq types scalars itself, and `Constructor.default` builds
    /// three dictionaries of closures on every call.
    private static func constructor() -> Constructor { Constructor([:], [:], [:]) }

    /// Composes `text` and hands the root to `body` while the parser is alive: Yams holds
    /// anchors weakly, so only then does a node still show an anchor the pre-scan missed.
    static func compose<T>(
        _ text: String, yaml: UnsafeBufferPointer<UInt8>, lines: YAMLLineMap,
        _ body: (Node?) throws(FrontMatterProblem) -> T
    ) throws(FrontMatterProblem) -> T {
        let parser: Parser
        let root: Node?
        do {
            // `.basic`: everything untagged is a string, which is fast; `.utf8`: the default
            // encoding reads the process environment on every call.
            parser = try Parser(yaml: text, resolver: .basic, constructor: constructor(), encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw problem(for: error, yaml: yaml, lines: lines)
        } catch {
            throw FrontMatterProblem(
                rule: YAMLSyntaxRule.id, message: "could not parse the front matter", location: nil, hint: nil)
        }
        defer { withExtendedLifetime(parser) {} }
        return try body(root)
    }

    static func problem(for error: YamlError, yaml: UnsafeBufferPointer<UInt8>, lines: YAMLLineMap) -> FrontMatterProblem {
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            return syntaxProblem(problem: problem, context: context, mark: mark, yaml: yaml, lines: lines)
        case .reader(let problem, _, let value, _):
            return readerProblem(problem: problem, value: value, yaml: yaml, lines: lines)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // A repeated list or mapping key: Yams names it with a word of its own and its
            // mark varies from run to run. Such keys are refused anyway: say so, at the
            // first `? ` key line (the same every run).
            if duplicates.contains(where: { !$0.isEmpty && $0.hasPrefix("<") && $0.hasSuffix(">") }) {
                return FrontMatterProblem(
                    rule: NotAMappingRule.id, message: "the front matter uses a list or a mapping as a key",
                    location: firstComplexKeyLine(yaml).map { lines.location(line: $0, column: 1) },
                    hint: "keys must be plain names, like `area:`")
            }
            // Yams' mark is the first occurrence; the finding belongs on the repeat.
            let key = duplicates.min() ?? ""
            let first = lines.location(line: context.mark.line, column: context.mark.column)
            let repeatAt = locateRepeat(yaml: yaml, firstMark: context.mark, key: key)
                .map { lines.location(line: $0.line, column: $0.column) }
            return FrontMatterComposer.duplicateProblem(key, repeatAt: repeatAt, firstAt: first)
        default:
            return FrontMatterProblem(
                rule: YAMLSyntaxRule.id, message: "could not parse the front matter", location: nil, hint: nil)
        }
    }

    /// The 1-based line (of the YAML text) of the first explicit `? ` key; nil when none.
    private static func firstComplexKeyLine(_ yaml: UnsafeBufferPointer<UInt8>) -> Int? {
        var line = 1
        var atLineStart = true
        var index = 0
        while index < yaml.count {
            let byte = yaml[index]
            if atLineStart, byte == UInt8(ascii: "?"), index + 1 >= yaml.count || yaml[index + 1] == UInt8(ascii: " ")
                || yaml[index + 1] == UInt8(ascii: "\t") || yaml[index + 1] == SourceText.lf
            {
                return line
            }
            if byte == SourceText.lf {
                line += 1
                atLineStart = true
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
                atLineStart = false
            }
            index += 1
        }
        return nil
    }

    // MARK: - Syntax errors

    private static func syntaxProblem(
        problem: String, context: YamlError.Context?, mark: Mark, yaml: UnsafeBufferPointer<UInt8>, lines: YAMLLineMap
    ) -> FrontMatterProblem {
        if context?.text == "expected a single document in the stream" {
            return FrontMatterProblem(
                rule: YAMLSyntaxRule.id, message: "the front matter holds more than one YAML document",
                location: lines.location(line: mark.line, column: mark.column),
                hint: "keep one set of fields between the opening `---` and the closing `---`")
        }
        if problem.contains("undefined alias") {
            return FrontMatterComposer.aliasProblem(name: nil, at: lines.location(line: mark.line, column: mark.column))
        }
        // An unclosed quote or bracket is reported at the end of the text; its start says more.
        var at = mark
        if problem.contains("end of stream"), let context { at = context.mark }
        let location = lines.location(line: at.line, column: at.column)
        var message = "could not parse the front matter: \(problem)"
        if let context, context.text.hasPrefix("while") { message += " \(context.text)" }
        var hint = hint(for: problem, context: context?.text)
        if let tabLine = firstTabIndentedLine(yaml, firstLine: lines.firstLine), tabLine <= location.line {
            hint = "line \(tabLine) is indented with a tab: YAML allows only spaces for indentation, so replace the tab with spaces"
        }
        return FrontMatterProblem(rule: YAMLSyntaxRule.id, message: message, location: location, hint: hint)
    }

    private static func hint(for problem: String, context: String?) -> String {
        if problem.contains("mapping values are not allowed") {
            return "a value that contains `: ` must be in quotes, like `title: \"Export: CSV\"`"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check the indentation: the fields of one mapping, and the items of one list, start in the same column"
        }
        if problem.contains("end of stream"), context?.contains("quoted scalar") == true {
            return "close the quote that starts here"
        }
        if problem.contains("did not find expected ',' or ']'") || problem.contains("did not find expected ',' or '}'") {
            return "close the bracket that starts here, and separate the items with `, `"
        }
        if problem.contains("cannot start any token") {
            return "a value cannot start with `@`, `` ` `` or a tab: put the value in quotes"
        }
        return "check the YAML at this position; put values with special characters in quotes"
    }

    /// The file line of the first non-blank line whose indentation contains a tab.
    private static func firstTabIndentedLine(_ b: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Int? {
        var line = firstLine
        var i = 0
        while i < b.count {
            var sawTab = false
            while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") {
                if b[i] == UInt8(ascii: "\t") { sawTab = true }
                i += 1
            }
            if sawTab, i < b.count, b[i] != SourceText.lf, b[i] != SourceText.cr { return line }
            while i < b.count, b[i] != SourceText.lf { i += 1 }
            i += 1
            line += 1
        }
        return nil
    }

    /// libyaml refused a character (a control character, usually pasted by accident).
    private static func readerProblem(
        problem: String, value: Int32, yaml: UnsafeBufferPointer<UInt8>, lines: YAMLLineMap
    ) -> FrontMatterProblem {
        // Yams reports the offset in Characters (a CRLF is one), so find it again here.
        var offset = 0
        var found: Unicode.Scalar?
        let text = String(decoding: yaml, as: UTF8.self)
        for scalar in text.unicodeScalars {
            if !isPrintableForLibYAML(scalar) {
                found = scalar
                break
            }
            offset += UTF8.width(scalar)
        }
        let location = found.map { _ in SourceText.location(ofYAMLOffset: offset, in: yaml, firstLine: lines.firstLine) }
        let code = found.map { "U+" + String(format4($0.value)) }
        return FrontMatterProblem(
            rule: YAMLSyntaxRule.id,
            message: code.map { "the front matter contains the control character \($0)" }
                ?? "could not parse the front matter: \(problem)",
            location: location,
            hint: "delete the invisible character at this position (it often comes with text copied from another program)")
    }

    private static func format4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// libyaml's set of allowed characters (YAML 1.1 `c-printable`, without a BOM).
    private static func isPrintableForLibYAML(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD: return s.value != 0xFEFF
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    // MARK: - Duplicate keys

    private struct MarkKey: Hashable {
        var line: Int
        var column: Int
        init(_ mark: Mark) {
            line = mark.line
            column = mark.column
        }
    }

    /// Finds where `key` is repeated, given its first occurrence. Yams throws before any
    /// tree exists, so: rename the first occurrence in a copy of the text (one Unicode
    /// scalar replaced by a private-use one, so every mark stays put), compose again, and
    /// repeat while Yams finds other duplicates; then look beside the renamed key for a
    /// key whose original text is `key`. Nil when that does not work out (an empty or
    /// escaped quoted key, a non-scalar key): the caller falls back to the first occurrence.
    static func locateRepeat(yaml: UnsafeBufferPointer<UInt8>, firstMark: Mark, key: String) -> Mark? {
        var bytes = Array(yaml)
        var renamed: [MarkKey: String] = [:]
        var mark = firstMark
        var currentKey = key
        for round in 0..<32 {
            guard renamed[MarkKey(mark)] == nil, rename(&bytes, at: mark, round: round) else { return nil }
            renamed[MarkKey(mark)] = currentKey
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let parser = try Parser(yaml: text, resolver: .basic, constructor: constructor(), encoding: .utf8)
                guard let root = try parser.singleRoot() else { return nil }
                return findRepeat(in: root, firstMark: MarkKey(firstMark), key: key, renamed: renamed, depth: 0)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                mark = context.mark
                currentKey = duplicates.min() ?? ""
            } catch {
                return nil
            }
        }
        return nil
    }

    /// Replaces the first character of the key whose node starts at `mark`.
    private static func rename(_ bytes: inout [UInt8], at mark: Mark, round: Int) -> Bool {
        let lineStarts = bytes.withUnsafeBufferPointer { YAMLLineMap(yaml: $0, firstLine: 1, needLineStarts: true).lineStarts }
        guard mark.line >= 1, mark.line <= lineStarts.count else { return false }
        var i = lineStarts[mark.line - 1]
        var column = 1
        while column < mark.column, i < bytes.count {
            i += 1
            while i < bytes.count, !SourceText.startsScalar(bytes[i]) { i += 1 }
            column += 1
        }
        func isBlank(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == SourceText.lf || c == SourceText.cr
        }
        guard i < bytes.count else { return false }
        if bytes[i] == UInt8(ascii: "!") {  // a tagged key: skip the tag
            while i < bytes.count, !isBlank(bytes[i]) { i += 1 }
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        }
        guard i < bytes.count else { return false }
        let quote = bytes[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            i += 1
            guard i < bytes.count, bytes[i] != quote, bytes[i] != UInt8(ascii: "\\") else { return false }
        }
        let c = bytes[i]
        guard !isBlank(c), c != UInt8(ascii: "["), c != UInt8(ascii: "{") else { return false }
        var end = i + 1
        while end < bytes.count, !SourceText.startsScalar(bytes[end]) { end += 1 }
        guard let placeholder = Unicode.Scalar(0xE000 + UInt32(round)) else { return false }
        bytes.replaceSubrange(i..<end, with: Array(String(Character(placeholder)).utf8))
        return true
    }

    private static func findRepeat(
        in node: Node, firstMark: MarkKey, key: String, renamed: [MarkKey: String], depth: Int
    ) -> Mark? {
        guard depth < 200 else { return nil }
        switch node {
        case .mapping(let mapping):
            var seenFirst = false
            for (keyNode, _) in mapping {
                guard case .scalar(let scalar) = keyNode, let mark = scalar.mark else { continue }
                if seenFirst, (renamed[MarkKey(mark)] ?? scalar.string) == key { return mark }
                if MarkKey(mark) == firstMark { seenFirst = true }
            }
            for (keyNode, valueNode) in mapping {
                if let found = findRepeat(in: keyNode, firstMark: firstMark, key: key, renamed: renamed, depth: depth + 1)
                    ?? findRepeat(in: valueNode, firstMark: firstMark, key: key, renamed: renamed, depth: depth + 1)
                {
                    return found
                }
            }
            return nil
        case .sequence(let sequence):
            for item in sequence {
                if let found = findRepeat(in: item, firstMark: firstMark, key: key, renamed: renamed, depth: depth + 1) {
                    return found
                }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }
}
