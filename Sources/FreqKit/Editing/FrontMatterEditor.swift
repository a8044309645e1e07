/// Minimal textual edits of a request file's front matter: bytes in, bytes out.
///
/// Every byte outside the edited span stays as it was: comments, key order, quoting,
/// CRLF line endings, a BOM and the body. Each edit re-reads its result and checks that
/// the typed front matter is exactly the original with the one intended change; when the
/// file's shape makes that impossible (a multi-line value, an anchor, a flow list over
/// several lines), it throws `FrontMatterEditError` instead of guessing.
public enum FrontMatterEditor {
    /// Sets the top-level scalar `field` to the string `text`. An existing value keeps its
    /// quoting style (plain values are quoted only when `text` needs it); a missing field
    /// is added on its own line after the field `anchor` (when it is a one-line value),
    /// else at the end of the front matter.
    public static func setScalar(
        _ bytes: [UInt8], field: String, to text: String, insertingAfter anchor: String? = nil
    ) throws(FrontMatterEditError) -> [UInt8] {
        let file = try EditableFile(bytes)
        var expected = file.fields
        expected[field] = .string(text)
        let result: [UInt8]
        if file.fields[field] != nil {
            let value = try file.scalarValue(of: field)
            let replacement: String
            switch value.style {
            case .doubleQuoted: replacement = YAMLText.doubleQuoted(text)
            case .singleQuoted where !text.contains(where: \.isNewline) && text.unicodeScalars.allSatisfy({ $0.value >= 0x20 }):
                replacement = "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            case .singleQuoted, .plain: replacement = YAMLText.scalar(text)
            case .empty: replacement = " " + YAMLText.scalar(text)
            }
            result = file.replacing(value.range, with: replacement)
        } else {
            let line = file.keyIndent + YAMLText.scalar(field) + ": " + YAMLText.scalar(text) + file.newline
            let offset: Int
            if let anchor, file.fields[anchor] != nil, let value = try? file.scalarValue(of: anchor) {
                offset = file.lineEnd(containing: value.range.upperBound)
            } else {
                offset = file.closingFenceOffset
            }
            result = file.replacing(offset..<offset, with: line)
        }
        return try verify(result, expected: expected, editing: field)
    }

    /// Removes the top-level `field` (its key line and, for a block list or mapping, the
    /// lines of its value). Removing a field that is not there returns the bytes unchanged.
    public static func removeField(_ bytes: [UInt8], field: String) throws(FrontMatterEditError) -> [UInt8] {
        let file = try EditableFile(bytes)
        guard file.fields[field] != nil else { return bytes }
        var expected = file.fields
        expected[field] = nil
        let key = try file.keyPosition(of: field)
        let firstLine = file.lineIndex(containing: key.start)
        let keyIndent = file.indent(ofLine: firstLine)
        var lastLine = firstLine
        var line = firstLine + 1
        // The value's lines: deeper than the key, or `- ` items at the key's own indent.
        while line < file.closingFenceLineIndex {
            let text = file.lineContent(line)
            let indent = file.indent(ofLine: line)
            if text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                line += 1
                continue
            }
            let isItem = indent == keyIndent && text.count > indent && text[indent] == UInt8(ascii: "-")
                && (text.count == indent + 1 || text[indent + 1] == UInt8(ascii: " "))
            guard indent > keyIndent || isItem else { break }
            lastLine = line
            line += 1
        }
        let result = file.replacing(file.lineStarts[firstLine]..<file.lineStarts[lastLine + 1], with: "")
        return try verify(result, expected: expected, editing: field)
    }

    /// Appends `item` (a mapping, members in the order given) to the top-level list
    /// `field`: after the last entry, indented like the existing entries; an empty or flow
    /// `[]` list, or an empty value, has just that value rewritten; a missing field is
    /// added at the end of the front matter.
    public static func appendItem(
        _ bytes: [UInt8], toList field: String, item: [(key: String, value: JSONValue)],
        dayKeys: Set<String> = FieldNames().dayKeys
    ) throws(FrontMatterEditError) -> [UInt8] {
        guard !item.isEmpty else { throw FrontMatterEditError("nothing to add to `\(field)`") }
        let file = try EditableFile(bytes)
        var members: [String: JSONValue] = [:]
        for (key, value) in item { members[key] = value }
        var expected = file.fields
        let result: [UInt8]
        switch file.fields[field] {
        case nil:
            expected[field] = .array([.object(members)])
            let indent = file.keyIndent
            let lines = indent + YAMLText.scalar(field) + ":" + file.newline
                + blockItem(item, dash: indent + "  ", content: indent + "    ", newline: file.newline, dayKeys: dayKeys)
            result = file.replacing(file.closingFenceOffset..<file.closingFenceOffset, with: lines)
        case .null?:
            expected[field] = .array([.object(members)])
            let value = try file.scalarValue(of: field)
            let key = try file.keyPosition(of: field)
            let indent = String(repeating: " ", count: file.indent(ofLine: file.lineIndex(containing: key.start)))
            let lineEnd = file.lineEnd(containing: key.start)
            // `field: ~` loses its `~`; a comment after it stays on the key line.
            let lines = blockItem(item, dash: indent + "  ", content: indent + "    ", newline: file.newline, dayKeys: dayKeys)
            let removal = value.style == .empty ? value.range : key.afterColon..<value.range.upperBound
            result = file.replacing([(removal, ""), (lineEnd..<lineEnd, lines)])
        case .array(let items)?:
            expected[field] = .array(items + [.object(members)])
            let key = try file.keyPosition(of: field)
            let keyLine = file.lineIndex(containing: key.start)
            let valueStart = file.skipSpaces(from: key.afterColon)
            if valueStart < file.bytes.count, file.bytes[valueStart] == UInt8(ascii: "[") {
                let close = try file.flowEnd(from: valueStart, field: field)
                if items.isEmpty {
                    // `field: []  # note` becomes `field:  # note` followed by a block list.
                    let indent = String(repeating: " ", count: file.indent(ofLine: keyLine))
                    let lineEnd = file.lineEnd(containing: key.start)
                    let lines = blockItem(item, dash: indent + "  ", content: indent + "    ", newline: file.newline, dayKeys: dayKeys)
                    result = file.replacing([(key.afterColon..<(close + 1), ""), (lineEnd..<lineEnd, lines)])
                } else {
                    var last = close
                    while last > valueStart, file.bytes[last - 1] == UInt8(ascii: " ") { last -= 1 }
                    result = file.replacing(last..<last, with: ", " + flowMapping(item, dayKeys: dayKeys))
                }
            } else {
                result = try appendBlockItem(file, item: item, field: field, keyLine: keyLine, dayKeys: dayKeys)
            }
        case .some:
            throw FrontMatterEditError("`\(field)` is not a list, so no entry can be added to it")
        }
        return try verify(result, expected: expected, editing: field)
    }

    /// A value of a new file's field: one value on the key's line, or a block list of
    /// mappings whose members keep the order given.
    public enum NewValue: Sendable {
        case value(JSONValue)
        case items([[(key: String, value: JSONValue)]])
    }

    /// A new request file: `fields` as block YAML in the order given, then `body`.
    /// Scalars are written plain when that reads back as the same value, else double-quoted.
    /// `dayKeys` are the fields whose `YYYY-MM-DD` values are days and stay plain (a YAML
    /// 1.1 reader's date is what they mean); anywhere else such a text is quoted.
    public static func newFile(
        fields: [(key: String, value: NewValue)], body: String, newline: String = "\n",
        dayKeys: Set<String> = FieldNames().dayKeys
    ) throws(FrontMatterEditError) -> [UInt8] {
        var text = "---" + newline
        var expected: [String: JSONValue] = [:]
        for (key, value) in fields {
            text += YAMLText.scalar(key) + ":"
            switch value {
            case .value(let value):
                expected[key] = value
                text += " " + YAMLText.render(value, flow: false, plainDay: dayKeys.contains(key)) + newline
            case .items(let items):
                expected[key] = .array(items.map { item in
                    .object(Dictionary(item.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
                })
                text += items.isEmpty ? " []" + newline : newline
                for item in items {
                    text += blockItem(item, dash: "  ", content: "    ", newline: newline, dayKeys: dayKeys)
                }
            }
        }
        text += "---" + newline + body
        let bytes = Array(text.utf8)
        let file = try EditableFile(bytes)
        guard file.fields == expected else {
            throw FrontMatterEditError("the new front matter does not read back as written")
        }
        return bytes
    }

    // MARK: - Implementation

    private static func verify(
        _ result: [UInt8], expected: [String: JSONValue], editing field: String
    ) throws(FrontMatterEditError) -> [UInt8] {
        let reread: EditableFile
        do {
            reread = try EditableFile(result)
        } catch {
            throw FrontMatterEditError("editing `\(field)` would break the front matter (\(error.message)); edit the file by hand")
        }
        guard reread.fields == expected else {
            throw FrontMatterEditError(
                "`\(field)` is written in a way freq cannot edit safely (a value over several lines, or unusual indentation); edit the file by hand")
        }
        return result
    }

    private static func appendBlockItem(
        _ file: EditableFile, item: [(key: String, value: JSONValue)], field: String, keyLine: Int, dayKeys: Set<String>
    ) throws(FrontMatterEditError) -> [UInt8] {
        // The first entry's dash sets the style: `  - customer:` or `- customer:`.
        var line = keyLine + 1
        var dashColumn: Int?
        var contentColumn = 0
        while line < file.closingFenceLineIndex {
            let text = file.lineContent(line)
            let indent = file.indent(ofLine: line)
            if indent < text.count, text[indent] != UInt8(ascii: "#") {
                guard text[indent] == UInt8(ascii: "-") else { break }
                dashColumn = indent
                var content = indent + 1
                while content < text.count, text[content] == UInt8(ascii: " ") { content += 1 }
                contentColumn = content < text.count && text[content] != UInt8(ascii: "#") ? content : indent + 2
                break
            }
            line += 1
        }
        guard let dash = dashColumn else {
            throw FrontMatterEditError("`\(field)` is a list written in a way freq cannot edit safely; edit the file by hand")
        }
        // The list ends at the first line (not blank) that is shallower than its dashes, or
        // at the dash's indent but not an entry; trailing blank lines stay after the insert.
        var lastContent = line
        line += 1
        while line < file.closingFenceLineIndex {
            let text = file.lineContent(line)
            let indent = file.indent(ofLine: line)
            if indent >= text.count {
                line += 1
                continue
            }
            let isEntry = indent == dash && text[indent] == UInt8(ascii: "-")
            guard indent > dash || isEntry else { break }
            lastContent = line
            line += 1
        }
        let offset = file.lineStarts[lastContent + 1]
        let lines = blockItem(
            item, dash: String(repeating: " ", count: dash), content: String(repeating: " ", count: contentColumn),
            newline: file.newline, dayKeys: dayKeys)
        return file.replacing(offset..<offset, with: lines)
    }

    /// `<dash>- k: v` then `<content>k: v` lines.
    private static func blockItem(
        _ item: [(key: String, value: JSONValue)], dash: String, content: String, newline: String, dayKeys: Set<String>
    ) -> String {
        var text = ""
        for (index, member) in item.enumerated() {
            let prefix = index == 0 ? dash + "-" + String(repeating: " ", count: max(1, content.count - dash.count - 1)) : content
            text += prefix + YAMLText.scalar(member.key) + ": "
                + YAMLText.render(member.value, flow: false, plainDay: dayKeys.contains(member.key)) + newline
        }
        return text
    }

    private static func flowMapping(_ item: [(key: String, value: JSONValue)], dayKeys: Set<String>) -> String {
        "{" + item.map { YAMLText.scalar($0.key, flow: true) + ": " + YAMLText.render($0.value, flow: true, plainDay: dayKeys.contains($0.key)) }
            .joined(separator: ", ") + "}"
    }
}

/// Why an edit was refused: the file's shape cannot be edited without guessing.
public struct FrontMatterEditError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A request file prepared for editing: its lines, its front matter and its style.
struct EditableFile {
    let bytes: [UInt8]
    let document: FrontMatterDocument
    let fields: [String: JSONValue]
    /// Offset of the first byte of each line, plus `bytes.count` at the end.
    let lineStarts: [Int]
    /// `\r\n` when the opening fence line ends with one, else `\n`.
    let newline: String
    /// Zero-based index of the closing fence line.
    let closingFenceLineIndex: Int

    enum ScalarStyle { case plain, singleQuoted, doubleQuoted, empty }

    init(_ bytes: [UInt8]) throws(FrontMatterEditError) {
        self.bytes = bytes
        switch FrontMatterReader.read(bytes) {
        case .failure(let problem):
            throw FrontMatterEditError("the front matter cannot be read: \(problem.message)")
        case .success(let document):
            self.document = document
        }
        guard case .object(let fields) = document.value else {
            throw FrontMatterEditError("the front matter is not a mapping of fields")
        }
        self.fields = fields
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        if starts.last != bytes.count { starts.append(bytes.count) }
        lineStarts = starts
        let firstEnd = starts.count > 1 ? starts[1] : bytes.count
        newline = firstEnd >= 2 && bytes[firstEnd - 2] == UInt8(ascii: "\r") && bytes[firstEnd - 1] == UInt8(ascii: "\n") ? "\r\n" : "\n"
        closingFenceLineIndex = document.bodyStartLine - 2
    }

    /// Where the closing fence line starts: new fields go just before it.
    var closingFenceOffset: Int { lineStarts[closingFenceLineIndex] }

    /// The indentation of the top-level keys (the first key's), as spaces.
    var keyIndent: String {
        let first = document.rootKeyLocations.map(\.location).min()
        return String(repeating: " ", count: max(0, (first?.column ?? 1) - 1))
    }

    /// The bytes of line `index` (zero-based) without its line break, indexed from 0.
    func lineContent(_ index: Int) -> [UInt8] {
        var end = lineStarts[index + 1]
        if end > lineStarts[index], bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > lineStarts[index], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Array(bytes[lineStarts[index]..<end])
    }

    /// Leading spaces of line `index`.
    func indent(ofLine index: Int) -> Int {
        lineContent(index).prefix { $0 == UInt8(ascii: " ") }.count
    }

    func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low + 1 < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return low
    }

    /// The offset just past the line break of the line holding `offset`.
    func lineEnd(containing offset: Int) -> Int { lineStarts[lineIndex(containing: offset) + 1] }

    func offset(of location: SourceLocation) -> Int {
        let line = location.line - 1
        guard line >= 0, line + 1 < lineStarts.count else { return bytes.count }
        var offset = lineStarts[line]
        var scalars = 0
        // Columns count Unicode scalars: step over UTF-8 continuation bytes.
        while offset < lineStarts[line + 1], scalars < location.column - 1 {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    func skipSpaces(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i
    }

    /// Where a top-level key starts and where its `:` ends.
    func keyPosition(of field: String) throws(FrontMatterEditError) -> (start: Int, afterColon: Int) {
        guard let location = document.keyLocation(at: [.key(field)]) else {
            throw FrontMatterEditError("`\(field)` is not a field of the front matter")
        }
        let start = offset(of: location)
        let end = lineStarts[lineIndex(containing: start) + 1]
        var i = start
        if i < end, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
            guard let close = quotedEnd(from: i, limit: end) else {
                throw FrontMatterEditError("the key `\(field)` is written in a way freq cannot edit safely")
            }
            i = close
        }
        while i < end {
            if bytes[i] == UInt8(ascii: ":"),
                i + 1 >= bytes.count || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(bytes[i + 1])
            {
                return (start, i + 1)
            }
            i += 1
        }
        throw FrontMatterEditError("the key `\(field)` is written in a way freq cannot edit safely (`? key` or a key over several lines)")
    }

    /// The span of a one-line scalar value of a top-level field, and how it is quoted.
    func scalarValue(of field: String) throws(FrontMatterEditError) -> (range: Range<Int>, style: ScalarStyle) {
        let key = try keyPosition(of: field)
        let end = lineStarts[lineIndex(containing: key.start) + 1]
        let start = skipSpaces(from: key.afterColon)
        guard start < end else { return (start..<start, .empty) }
        switch bytes[start] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
            return (key.afterColon..<key.afterColon, .empty)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let close = quotedEnd(from: start, limit: end) else {
                throw FrontMatterEditError("`\(field)` is a quoted value over several lines; edit the file by hand")
            }
            return (start..<close, bytes[start] == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted)
        case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"):
            throw FrontMatterEditError("`\(field)` is not written as a simple value; edit the file by hand")
        default:
            var i = start
            var last = start
            while i < end, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") {
                let byte = bytes[i]
                if byte == UInt8(ascii: "#"), i > start, bytes[i - 1] == UInt8(ascii: " ") || bytes[i - 1] == UInt8(ascii: "\t") { break }
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { last = i + 1 }
                i += 1
            }
            return (start..<last, .plain)
        }
    }

    /// The offset just past the closing quote of the quoted scalar at `start`, on its line.
    func quotedEnd(from start: Int, limit: Int) -> Int? {
        let quote = bytes[start]
        var i = start + 1
        while i < limit {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") { return nil }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if byte == quote {
                if quote == UInt8(ascii: "'"), i + 1 < limit, bytes[i + 1] == quote {
                    i += 2
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return nil
    }

    /// The offset of the `]` closing the flow list at `start`, on the same line.
    func flowEnd(from start: Int, field: String) throws(FrontMatterEditError) -> Int {
        let end = lineStarts[lineIndex(containing: start) + 1]
        var depth = 0
        var i = start
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return i }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // An unclosed quote leaves no `]` on this line: fall through to the error.
                i = quotedEnd(from: i, limit: end) ?? end
                continue
            default: break
            }
            i += 1
        }
        throw FrontMatterEditError("`\(field)` is a list in brackets over several lines; edit the file by hand")
    }

    func replacing(_ range: Range<Int>, with text: String) -> [UInt8] {
        replacing([(range, text)])
    }

    /// Applies non-overlapping replacements (any order).
    func replacing(_ edits: [(Range<Int>, String)]) -> [UInt8] {
        var result = bytes
        for (range, text) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            result.replaceSubrange(range, with: Array(text.utf8))
        }
        return result
    }
}
