/// A fast path for the YAML that request front matter is nearly always written in:
/// block mappings and lists, `name: value` lines, plain or simply quoted one-line
/// scalars and one-line flow lists of plain words.
///
/// Why: Yams costs ~70 µs for a 20-line front matter (its composer allocates several
/// objects per node and hashes every key twice); the history engine parses thousands of
/// blobs and `validate` ten thousand files. This parser handles the common subset in a
/// few microseconds and returns nil for anything else — multi-line scalars, escapes,
/// block scalars, flow mappings, tags, anchors, tabs, repeated keys, limits exceeded, any
/// doubt — so that Yams reads it instead. Within the subset it must give exactly what the
/// Yams path gives (values, locations, texts); a differential test holds it to that.
struct SimpleBlockYAML {
    private struct Line {
        var start: Int
        /// End of the content, before any CR and the line feed.
        var end: Int
        var indent: Int
        /// 1-based file line.
        var number: Int
    }

    private let b: UnsafeBufferPointer<UInt8>
    private let collectLocations: Bool
    private let limits: FrontMatterLimits
    private let watchedKeys: [String]
    private var lines: [Line] = []
    private var li = 0
    private var nodes = 0
    private var output = ComposedFrontMatter()

    /// The typed front matter, or nil when the text is outside the subset (or is not a
    /// mapping, or breaks a rule): the caller then uses Yams, which explains the problem.
    static func parse(
        _ b: UnsafeBufferPointer<UInt8>, firstLine: Int, limits: FrontMatterLimits, collectLocations: Bool,
        watchedKeys: [String]
    ) -> ComposedFrontMatter? {
        var parser = SimpleBlockYAML(b: b, collectLocations: collectLocations, limits: limits, watchedKeys: watchedKeys)
        guard parser.splitLines(firstLine: firstLine), let first = parser.lines.first else { return nil }
        if collectLocations { parser.output.locations.reserveCapacity(2 * parser.lines.count + 1) }
        guard let value = parser.parseMapping(column: first.indent, firstKeyOffset: nil, depth: 1),
            parser.li == parser.lines.count
        else { return nil }
        parser.output.value = value
        return parser.output
    }

    private init(b: UnsafeBufferPointer<UInt8>, collectLocations: Bool, limits: FrontMatterLimits, watchedKeys: [String]) {
        self.b = b
        self.collectLocations = collectLocations
        self.limits = limits
        self.watchedKeys = watchedKeys
    }

    // MARK: - Characters

    private static let space = UInt8(ascii: " ")
    private static let colon = UInt8(ascii: ":")
    private static let hash = UInt8(ascii: "#")
    private static let dash = UInt8(ascii: "-")

    /// Splits the content lines (blank and comment-only lines dropped); false when a
    /// character libyaml treats specially could appear (tabs, lone CR, C0/C1 controls,
    /// DEL, U+2028/U+2029, U+FEFF, U+FFFE/U+FFFF) or a document marker starts a line.
    private mutating func splitLines(firstLine: Int) -> Bool {
        let n = b.count
        var i = 0
        var number = firstLine
        while i < n {
            let start = i
            var indent = 0
            while i < n, b[i] == Self.space { i += 1; indent += 1 }
            let contentStart = i
            var end = -1
            while i < n {
                let c = b[i]
                if c >= 0x20 && c < 0x7F {
                    i += 1
                    continue
                }
                if c == SourceText.lf {
                    end = i
                    break
                }
                if c == SourceText.cr {
                    guard i + 1 < n, b[i + 1] == SourceText.lf else { return false }
                    end = i
                    i += 1
                    break
                }
                guard c >= 0x80 else { return false }
                switch c {
                case 0xC2 where i + 1 < n && b[i + 1] < 0xA0: return false
                case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): return false
                case 0xEF where i + 2 < n && b[i + 1] == 0xBB && b[i + 2] == 0xBF: return false
                case 0xEF where i + 2 < n && b[i + 1] == 0xBF && b[i + 2] >= 0xBE: return false
                default: i += 1
                }
            }
            if end < 0 { end = n }
            i = min(n, i + 1)
            defer { number += 1 }
            if contentStart == end || b[contentStart] == Self.hash { continue }
            if indent == 0, end - start >= 3,
                (b[start] == Self.dash && b[start + 1] == Self.dash && b[start + 2] == Self.dash)
                    || (b[start] == UInt8(ascii: ".") && b[start + 1] == UInt8(ascii: ".") && b[start + 2] == UInt8(ascii: "."))
            {
                return false
            }
            lines.append(Line(start: start, end: end, indent: indent, number: number))
        }
        return true
    }

    private func isBlank(_ offset: Int, _ end: Int) -> Bool {
        offset >= end || b[offset] == Self.space
    }

    private func column(_ offset: Int, in line: Line) -> Int {
        var column = 1
        var i = line.start
        while i < offset {
            if SourceText.startsScalar(b[i]) { column += 1 }
            i += 1
        }
        return column
    }

    private func location(_ offset: Int, in line: Line) -> SourceLocation {
        SourceLocation(line: line.number, column: column(offset, in: line))
    }

    private static func isKeyStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }

    private static func isKeyCharacter(_ c: UInt8) -> Bool {
        isKeyStart(c) || c == dash || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
    }

    /// A simple key at `offset`: its end and the offset just past its `:`.
    private func scanKey(at offset: Int, _ end: Int) -> (keyEnd: Int, afterColon: Int)? {
        guard offset < end, Self.isKeyStart(b[offset]) else { return nil }
        var i = offset + 1
        while i < end, Self.isKeyCharacter(b[i]) { i += 1 }
        guard i < end, b[i] == Self.colon, isBlank(i + 1, end) else { return nil }
        return (i, i + 1)
    }

    private func skipSpaces(_ offset: Int, _ end: Int) -> Int {
        var i = offset
        while i < end, b[i] == Self.space { i += 1 }
        return i
    }

    private func isDashLine(_ line: Line) -> Bool {
        let offset = line.start + line.indent
        return b[offset] == Self.dash && isBlank(offset + 1, line.end)
    }

    private mutating func countNode() -> Bool {
        nodes += 1
        return nodes <= limits.maxNodes
    }

    // MARK: - Blocks

    private mutating func parseBlockNode(column: Int, depth: Int) -> JSONValue? {
        isDashLine(lines[li])
            ? parseSequence(column: column, depth: depth)
            : parseMapping(column: column, firstKeyOffset: nil, depth: depth)
    }

    /// A block mapping whose keys sit at `column`; the first key may sit on a `- ` line.
    private mutating func parseMapping(column: Int, firstKeyOffset: Int?, depth: Int) -> JSONValue? {
        guard depth <= limits.maxDepth, countNode() else { return nil }
        // Sized once: growing a dictionary key by key rehashes it several times.
        var members = [String: JSONValue](minimumCapacity: keyLineCount(column: column, firstOnDashLine: firstKeyOffset != nil))
        var first = true
        while li < lines.count {
            let line = lines[li]
            let keyOffset: Int
            if first, let firstKeyOffset {
                keyOffset = firstKeyOffset
            } else {
                guard line.indent == column else { break }
                keyOffset = line.start + column
            }
            guard let (keyEnd, afterColon) = scanKey(at: keyOffset, line.end) else { return nil }
            if first, collectLocations { output.locations.setValue(location(keyOffset, in: line)) }
            first = false
            let key = String(decoding: UnsafeBufferPointer(rebasing: b[keyOffset..<keyEnd]), as: UTF8.self)
            // A repeated key is refused below, once its value is read: one hash per key.
            guard countNode() else { return nil }
            if collectLocations {
                output.locations.enter(.key(key))
                output.locations.setKey(location(keyOffset, in: line))
            }
            let watched = depth == 1 && watchedKeys.contains(key)
            if watched { output.watchedKeyMarks[key] = location(keyOffset, in: line) }
            let restStart = skipSpaces(afterColon, line.end)
            let value: JSONValue
            if restStart == line.end || b[restStart] == Self.hash {
                li += 1
                if li < lines.count, lines[li].indent > column {
                    guard let nested = parseBlockNode(column: lines[li].indent, depth: depth + 1) else { return nil }
                    value = nested
                } else if li < lines.count, lines[li].indent == column, isDashLine(lines[li]) {
                    // `key:` then `- item` at the key's own column: YAML allows it.
                    guard let nested = parseSequence(column: column, depth: depth + 1) else { return nil }
                    value = nested
                } else {
                    guard countNode() else { return nil }
                    value = .null
                    if collectLocations {
                        output.locations.setValue(location(afterColon, in: line))
                        output.locations.setText("")
                    }
                    if watched { output.watchedTexts[key] = "" }
                }
            } else {
                guard let inline = parseInline(restStart, line: line, depth: depth + 1, watchedKey: watched ? key : nil)
                else { return nil }
                value = inline
                li += 1
                // A more indented line would continue the scalar (or be an error): Yams decides.
                if li < lines.count, lines[li].indent > column { return nil }
            }
            guard members.updateValue(value, forKey: key) == nil else { return nil }
            if collectLocations { output.locations.leave() }
        }
        return .object(members)
    }

    /// How many lines from the current one could hold keys of a mapping at `column` (an
    /// upper bound on its size).
    private func keyLineCount(column: Int, firstOnDashLine: Bool) -> Int {
        var count = firstOnDashLine ? 1 : 0
        var i = firstOnDashLine ? li + 1 : li
        while i < lines.count, lines[i].indent >= column {
            if lines[i].indent == column { count += 1 }
            i += 1
        }
        return count
    }

    /// A block list whose `- ` indicators sit at `column`.
    private mutating func parseSequence(column: Int, depth: Int) -> JSONValue? {
        guard depth <= limits.maxDepth, countNode() else { return nil }
        if collectLocations { output.locations.setValue(location(lines[li].start + column, in: lines[li])) }
        var items: [JSONValue] = []
        while li < lines.count, lines[li].indent == column, isDashLine(lines[li]) {
            let line = lines[li]
            let dashOffset = line.start + column
            let restStart = skipSpaces(dashOffset + 1, line.end)
            if collectLocations { output.locations.enter(.index(items.count)) }
            let value: JSONValue
            if restStart == line.end || b[restStart] == Self.hash {
                li += 1
                if li < lines.count, lines[li].indent > column {
                    guard let nested = parseBlockNode(column: lines[li].indent, depth: depth + 1) else { return nil }
                    value = nested
                } else {
                    guard countNode() else { return nil }
                    value = .null
                    if collectLocations {
                        output.locations.setValue(location(dashOffset + 1, in: line))
                        output.locations.setText("")
                    }
                }
            } else if b[restStart] == Self.dash, isBlank(restStart + 1, line.end) {
                return nil  // `- - item`
            } else if scanKey(at: restStart, line.end) != nil {
                // `- key: value`: a mapping whose keys sit at this key's column (all before it
                // on the line is ASCII, so bytes are columns).
                guard let nested = parseMapping(column: restStart - line.start, firstKeyOffset: restStart, depth: depth + 1)
                else { return nil }
                value = nested
            } else {
                guard let inline = parseInline(restStart, line: line, depth: depth + 1, watchedKey: nil) else { return nil }
                value = inline
                li += 1
                if li < lines.count, lines[li].indent > column { return nil }
            }
            items.append(value)
            if collectLocations { output.locations.leave() }
        }
        return .array(items)
    }

    // MARK: - Inline values

    /// Whether only spaces and maybe a comment follow `offset` (a comment needs a space before it).
    private func onlyCommentAfter(_ offset: Int, _ end: Int) -> Bool {
        let next = skipSpaces(offset, end)
        return next == end || (next > offset && b[next] == Self.hash)
    }

    /// A value on the rest of the line: a plain, single- or double-quoted scalar, or a flow list.
    private mutating func parseInline(_ start: Int, line: Line, depth: Int, watchedKey: String?) -> JSONValue? {
        let end = line.end
        let first = b[start]
        var text: String
        var value: JSONValue
        switch first {
        case UInt8(ascii: "\""):
            var i = start + 1
            while i < end, b[i] != UInt8(ascii: "\"") {
                if b[i] == UInt8(ascii: "\\") { return nil }
                i += 1
            }
            guard i < end, onlyCommentAfter(i + 1, end) else { return nil }
            text = String(decoding: UnsafeBufferPointer(rebasing: b[(start + 1)..<i]), as: UTF8.self)
            value = .string(text)
        case UInt8(ascii: "'"):
            var bytes: [UInt8] = []
            var i = start + 1
            var closed = false
            while i < end {
                if b[i] == UInt8(ascii: "'") {
                    if i + 1 < end, b[i + 1] == UInt8(ascii: "'") {
                        bytes.append(UInt8(ascii: "'"))
                        i += 2
                        continue
                    }
                    closed = true
                    break
                }
                bytes.append(b[i])
                i += 1
            }
            guard closed, onlyCommentAfter(i + 1, end) else { return nil }
            text = String(decoding: bytes, as: UTF8.self)
            value = .string(text)
        case UInt8(ascii: "["):
            return parseFlowList(start, line: line, depth: depth)
        case UInt8(ascii: "{"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"),
            UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return nil
        default:
            if first == Self.dash, isBlank(start + 1, end) { return nil }
            var i = start
            var contentEnd = end
            while i < end {
                let c = b[i]
                if c == Self.hash, b[i - 1] == Self.space {
                    contentEnd = i
                    break
                }
                if c == Self.colon, isBlank(i + 1, end) { return nil }
                i += 1
            }
            while contentEnd > start, b[contentEnd - 1] == Self.space { contentEnd -= 1 }
            text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<contentEnd]), as: UTF8.self)
            value = YAMLCoreTyping.typePlain(text)
        }
        guard countNode() else { return nil }
        if collectLocations {
            output.locations.setValue(location(start, in: line))
            if case .string = value {} else { output.locations.setText(text) }
        }
        if let watchedKey { output.watchedTexts[watchedKey] = text }
        return value
    }

    /// `[a, b, c]` of plain words on one line; nil for anything fancier.
    private mutating func parseFlowList(_ start: Int, line: Line, depth: Int) -> JSONValue? {
        guard depth <= limits.maxDepth, countNode() else { return nil }
        if collectLocations { output.locations.setValue(location(start, in: line)) }
        let end = line.end
        var items: [JSONValue] = []
        var i = start + 1
        while true {
            i = skipSpaces(i, end)
            guard i < end else { return nil }
            if b[i] == UInt8(ascii: "]") {
                // `[]` is empty; `[a, ]` (a trailing comma) is left to Yams.
                guard items.isEmpty else { return nil }
                break
            }
            let itemStart = i
            if b[i] == Self.dash, isBlank(i + 1, end) { return nil }
            while i < end, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "]") {
                switch b[i] {
                case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"), Self.hash, UInt8(ascii: "'"),
                    UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), Self.colon,
                    UInt8(ascii: "?"):
                    return nil
                default:
                    i += 1
                }
            }
            guard i < end else { return nil }
            var itemEnd = i
            while itemEnd > itemStart, b[itemEnd - 1] == Self.space { itemEnd -= 1 }
            guard itemEnd > itemStart, countNode() else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[itemStart..<itemEnd]), as: UTF8.self)
            let value = YAMLCoreTyping.typePlain(text)
            if collectLocations {
                output.locations.enter(.index(items.count))
                output.locations.setValue(location(itemStart, in: line))
                if case .string = value {} else { output.locations.setText(text) }
                output.locations.leave()
            }
            items.append(value)
            if b[i] == UInt8(ascii: "]") { break }
            i += 1  // past the comma
        }
        guard onlyCommentAfter(i + 1, end) else { return nil }
        return .array(items)
    }
}
