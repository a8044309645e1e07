/// A glob over `/`-separated paths relative to the repository root (docs/history.md,
/// "Request files"): `*` and `?` match within one path segment (a leading dot included),
/// `[...]` is a class (`[!...]` or `[^...]` negates; ranges like `a-z`), `**/` at the
/// start of a segment matches zero or more folders, a final `**` matches anything (a
/// final `/**` at least one more segment), and any other `**` acts as `*`. `\` makes the
/// next character literal. A leading `/` or `./` is ignored.
///
/// Compiled once; `matches` walks the path's UTF-8 bytes without allocating, and never
/// backtracks exponentially (each star backtracks only to its own last position).
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public let pattern: String
    /// The leading folders that hold no wildcard, with a trailing `/` (`requests/` for
    /// `requests/*.md`, `a/b/` for `a/b/**/x.md`, empty for `*/README.md`): every match
    /// lies under it, so a commit whose tree there did not change cannot change matches.
    public let fixedPrefix: String
    private let segments: [Segment]

    /// The bytes every path it matches ends with, as far as the pattern's end holds no
    /// wildcard: what follows its last `/`, `*`, `?`, `]` or `\` (`.md` for `requests/*.md`);
    /// empty when it ends in one of them. A cheap first test of a name.
    var literalEnding: [UInt8] {
        let marks = Set("/*?]\\".utf8)
        return Array(pattern.utf8.reversed().prefix { !marks.contains($0) }.reversed())
    }

    /// Compiles `pattern`; throws `GlobError` for a malformed one (an unclosed `[`).
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var text = Substring(pattern)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasPrefix("/") { text = text.dropFirst() }
        // Globs name paths inside the repository: `..` (or `.`, or `a//b`) could only
        // lead out of it or nowhere, so they are refused rather than resolved. Checked on
        // bytes, as the file system reads them.
        if !text.isEmpty, !PathSegments.staysInside(String(text)) {
            throw GlobError(pattern: pattern, message: "a glob cannot contain `.`, `..`, empty folder names or NUL; write paths from the repository root")
        }
        let parsed = try Self.compile(Array(text.unicodeScalars), pattern: pattern)
        // Escapes can spell what the text hides (`\.\.`, `a\/..`): the folders the walk
        // starts from must stay inside too.
        guard parsed.fixedPrefix.isEmpty || PathSegments.staysInside(String(parsed.fixedPrefix.dropLast())) else {
            throw GlobError(pattern: pattern, message: "a glob cannot name `.` or `..`, even escaped; write paths from the repository root")
        }
        segments = parsed.segments
        fixedPrefix = parsed.fixedPrefix
    }

    /// The pattern as given.
    public var description: String { pattern }

    /// Two globs are equal when their patterns are (the compiled form follows from it).
    public static func == (lhs: Glob, rhs: Glob) -> Bool { lhs.pattern == rhs.pattern }
    /// Hashes the pattern.
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether `path` (`/`-separated, relative to the repository root) matches.
    public func matches(_ path: String) -> Bool {
        if let result = path.utf8.withContiguousStorageIfAvailable({ match($0) }) { return result }
        return Array(path.utf8).withUnsafeBufferPointer { match($0) }
    }

    /// Whether the path spelled by `bytes` (UTF-8) matches.
    func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        match(bytes)
    }

    // MARK: - Compiled form

    fileprivate enum Token: Sendable {
        case literal([UInt8])
        /// `?`: one character.
        case one
        /// `*`: any run of characters within the segment.
        case star
        case set(CharacterClass)
    }

    fileprivate struct CharacterClass: Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        func contains(_ scalar: UInt32) -> Bool {
            ranges.contains { $0.contains(scalar) } != negated
        }
    }

    private enum Segment: Sendable {
        /// `**` followed by more segments: zero or more whole segments.
        case anyFolders
        /// `**` as the last segment: one or more segments.
        case anyRest
        /// A segment pattern; `openEnded` when it is the last and ends in `**` (the rest
        /// of the path may follow, `/` included).
        case match([Token], openEnded: Bool)
    }

    private static let slash = Unicode.Scalar(UInt8(ascii: "/"))

    private static func compile(
        _ scalars: [Unicode.Scalar], pattern: String
    ) throws -> (segments: [Segment], fixedPrefix: String) {
        // Split into segments, keeping `[...]` and `\` escapes intact.
        var rawSegments: [[Unicode.Scalar]] = [[]]
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\", i + 1 < scalars.count {
                rawSegments[rawSegments.count - 1] += [c, scalars[i + 1]]
                i += 2
                continue
            }
            if c == "[" {
                let end = try classEnd(scalars, from: i, pattern: pattern)
                rawSegments[rawSegments.count - 1] += scalars[i...end]
                i = end + 1
                continue
            }
            if c == slash {
                rawSegments.append([])
            } else {
                rawSegments[rawSegments.count - 1].append(c)
            }
            i += 1
        }

        var segments: [Segment] = []
        var prefix = ""
        var prefixOpen = true
        for (index, raw) in rawSegments.enumerated() {
            let isLast = index == rawSegments.count - 1
            if raw == ["*", "*"] {
                segments.append(isLast ? .anyRest : .anyFolders)
                prefixOpen = false
                continue
            }
            let (tokens, literalText) = try compileSegment(raw, pattern: pattern)
            if let literalText, literalText == "." || literalText == ".." || literalText.contains("/") {
                throw GlobError(pattern: pattern, message: "a glob cannot name `.`, `..` or `/` within a folder name, even escaped")
            }
            // A final `**` is open-ended unless its first `*` is escaped: an odd run of
            // backslashes before it (`a\\**` is an escaped backslash, then `**`).
            let backslashes = raw.dropLast(2).reversed().prefix { $0 == "\\" }.count
            let openEnded = isLast && raw.count >= 2 && raw[raw.count - 1] == "*" && raw[raw.count - 2] == "*"
                && backslashes % 2 == 0
            segments.append(.match(tokens, openEnded: openEnded))
            if !isLast, prefixOpen, let literalText {
                prefix += literalText + "/"
            } else {
                prefixOpen = false
            }
        }
        return (segments, prefix)
    }

    /// The index of the `]` that closes the class opening at `start`.
    private static func classEnd(_ scalars: [Unicode.Scalar], from start: Int, pattern: String) throws -> Int {
        var j = start + 1
        if j < scalars.count, scalars[j] == "!" || scalars[j] == "^" { j += 1 }
        if j < scalars.count, scalars[j] == "]" { j += 1 }  // `[]a]`: a leading `]` is literal
        while j < scalars.count {
            if scalars[j] == "\\", j + 1 < scalars.count {
                j += 2
                continue
            }
            if scalars[j] == slash {
                throw GlobError(pattern: pattern, message: "a `[...]` class cannot contain `/`")
            }
            if scalars[j] == "]" { return j }
            j += 1
        }
        throw GlobError(pattern: pattern, message: "the `[` at character \(start + 1) is never closed by a `]`")
    }

    /// Tokens of one segment, and its text when it holds no wildcard.
    private static func compileSegment(
        _ raw: [Unicode.Scalar], pattern: String
    ) throws -> (tokens: [Token], literal: String?) {
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var plainText = ""
        var hasWildcard = false
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = []
            }
        }
        var i = 0
        while i < raw.count {
            let c = raw[i]
            switch c {
            case "\\" where i + 1 < raw.count:
                literal += Array(String(raw[i + 1]).utf8)
                plainText.unicodeScalars.append(raw[i + 1])
                i += 2
                continue
            case "*":
                flush()
                hasWildcard = true
                // Runs of stars (`**` inside a segment) act as one `*`.
                if case .star? = tokens.last {} else { tokens.append(.star) }
            case "?":
                flush()
                hasWildcard = true
                tokens.append(.one)
            case "[":
                flush()
                hasWildcard = true
                let end = try classEnd(raw, from: i, pattern: pattern)
                tokens.append(.set(parseClass(raw[(i + 1)..<end])))
                i = end
            default:
                literal += Array(String(c).utf8)
                plainText.unicodeScalars.append(c)
            }
            i += 1
        }
        flush()
        return (tokens, hasWildcard ? nil : plainText)
    }

    private static func parseClass(_ body: ArraySlice<Unicode.Scalar>) -> CharacterClass {
        var items = Array(body)
        var negated = false
        if let first = items.first, first == "!" || first == "^" {
            negated = true
            items.removeFirst()
        }
        // Unescape first, remembering which characters were escaped (an escaped `-` is
        // not a range).
        var chars: [(scalar: Unicode.Scalar, escaped: Bool)] = []
        var k = 0
        while k < items.count {
            if items[k] == "\\", k + 1 < items.count {
                chars.append((items[k + 1], true))
                k += 2
            } else {
                chars.append((items[k], false))
                k += 1
            }
        }
        var ranges: [ClosedRange<UInt32>] = []
        var j = 0
        while j < chars.count {
            let low = chars[j].scalar.value
            if j + 2 < chars.count, chars[j + 1].scalar == "-", !chars[j + 1].escaped {
                let high = chars[j + 2].scalar.value
                if low <= high { ranges.append(low...high) }
                j += 3
            } else {
                ranges.append(low...low)
                j += 1
            }
        }
        return CharacterClass(ranges: ranges, negated: negated)
    }

    // MARK: - Matching

    private static let slashByte = UInt8(ascii: "/")

    /// Greedy matching over segments; a mismatch hands one more segment to the last `**/`
    /// (the classic wildcard algorithm, with segments as its characters).
    private func match(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var s = 0
        var p = 0  // start of the current path segment; n + 1 once the path is used up
        var starSegment = -1
        var starPosition = 0
        while p <= n {
            if s < segments.count {
                switch segments[s] {
                case .anyFolders:
                    starSegment = s
                    starPosition = p
                    s += 1
                    continue
                case .anyRest:
                    return true
                case .match(let tokens, let openEnded):
                    let end = segmentEnd(b, from: p)
                    if Self.matchSegment(tokens, b, p, end) {
                        if openEnded { return true }
                        s += 1
                        p = end + 1
                        continue
                    }
                }
            }
            guard starSegment >= 0 else { return false }
            // The `**/` takes one more segment; stop when there is none left to take.
            let end = segmentEnd(b, from: starPosition)
            guard end < n else { return false }
            starPosition = end + 1
            p = starPosition
            s = starSegment + 1
        }
        return s == segments.count
    }

    private func segmentEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < b.count, b[i] != Self.slashByte { i += 1 }
        return i
    }

    /// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
    @inline(__always)
    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }

    private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (value: UInt32, length: Int) {
        let lead = b[i]
        let length = min(scalarLength(lead), end - i)
        guard length > 1 else { return (UInt32(lead), 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(b[i + k] & 0x3F) }
        return (value, length)
    }

    /// Matches one segment `b[start..<end]`; `*` backtracks only to its last position,
    /// so the cost is at most (segment length × tokens).
    fileprivate static func matchSegment(_ tokens: [Token], _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var t = 0
        var i = start
        var starToken = -1
        var starIndex = start
        while i < end || t < tokens.count {
            if t < tokens.count {
                switch tokens[t] {
                case .literal(let bytes):
                    if end - i >= bytes.count, bytes.indices.allSatisfy({ b[i + $0] == bytes[$0] }) {
                        i += bytes.count
                        t += 1
                        continue
                    }
                case .one:
                    if i < end {
                        i += decode(b, i, end).length
                        t += 1
                        continue
                    }
                case .set(let set):
                    if i < end {
                        let scalar = decode(b, i, end)
                        if set.contains(scalar.value) {
                            i += scalar.length
                            t += 1
                            continue
                        }
                    }
                case .star:
                    starToken = t
                    starIndex = i
                    t += 1
                    continue
                }
            }
            // Mismatch (or tokens left over): let the last `*` take one more character.
            guard starToken >= 0, starIndex < end else { return false }
            starIndex += decode(b, starIndex, end).length
            i = starIndex
            t = starToken + 1
        }
        return true
    }
}

/// A malformed glob, e.g. an unclosed `[`.
public struct GlobError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public var pattern: String
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error about `pattern`.
    public init(pattern: String, message: String) {
        self.pattern = pattern
        self.message = message
    }

    /// "the glob `requests/[a-z.md` is malformed: the `[` at character 10 is never closed by a `]`"
    public var description: String { "the glob `\(pattern)` is malformed: \(message)" }
}
