/// A parsed JSON text: the value, and where each part of it starts in the text.
public struct JSONDocument: Sendable {
    /// The parsed value.
    public var value: JSONValue
    /// Where each value starts (its first character), by path; the root is at `[]`.
    public var locations: [InstancePath: SourceLocation]
    /// Where each object member's key starts (its opening quote), by the member's path.
    public var keyLocations: [InstancePath: SourceLocation]
    /// Problems that do not stop parsing, such as a key given twice in one object.
    public var warnings: [JSONParseWarning]

    /// Creates a document from its parts.
    public init(
        value: JSONValue, locations: [InstancePath: SourceLocation] = [:],
        keyLocations: [InstancePath: SourceLocation] = [:], warnings: [JSONParseWarning] = []
    ) {
        self.value = value
        self.locations = locations
        self.keyLocations = keyLocations
        self.warnings = warnings
    }
}

/// A problem in a JSON text that does not stop parsing (a duplicate key: the last one wins).
public struct JSONParseWarning: Sendable, Hashable {
    /// The path of the member concerned.
    public var path: InstancePath
    /// Where the offending key starts.
    public var location: SourceLocation
    /// Lower-case, no trailing period, names in backticks.
    public var message: String

    /// Creates a warning.
    public init(path: InstancePath, location: SourceLocation, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }
}

/// A JSON syntax error, at a 1-based line and column (columns count Unicode scalars).
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending character.
    public var line: Int
    /// 1-based column of the offending character, in Unicode scalars.
    public var column: Int
    /// What was expected and what was found, e.g. "expected `,` or `}` after object member".
    public var message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// The error's position as a `SourceLocation`.
    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// Parses JSON text (RFC 8259) into a `JSONValue` with the location of every value and key.
///
/// Integers without a fraction or exponent that fit in `Int` become `.integer`, all other
/// numbers `.double`. Nesting is tracked on an explicit stack, so deep input is refused with
/// an error rather than overflowing the call stack.
public enum JSONParser {
    /// The parse result, under the name callers inside `JSONParser` may expect.
    public typealias Result = JSONDocument
    /// The syntax error, under the name callers inside `JSONParser` may expect.
    public typealias SyntaxError = JSONSyntaxError

    /// The default limit on nested arrays and objects.
    public static let defaultMaximumDepth = 512

    /// Parses JSON text given as a string; throws `JSONSyntaxError`.
    public static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws -> JSONDocument {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// Parses JSON text given as UTF-8 bytes (a leading byte order mark is skipped);
    /// throws `JSONSyntaxError`.
    public static func parse<Bytes: Collection>(
        _ bytes: Bytes, maximumDepth: Int = defaultMaximumDepth
    ) throws -> JSONDocument where Bytes.Element == UInt8 {
        var state = JSONParserState(bytes: Array(bytes), maximumDepth: maximumDepth)
        let value = try state.parseDocument()
        return JSONDocument(
            value: value, locations: state.locations, keyLocations: state.keyLocations,
            warnings: state.warnings)
    }
}

/// The parser's cursor and the containers it is building.
private struct JSONParserState {
    let bytes: [UInt8]
    let maximumDepth: Int
    var position = 0
    var line = 1
    /// Index of the first byte of the current line (after a byte order mark on line 1).
    var lineStart = 0
    /// A position on the current line whose column is known, so columns are computed
    /// incrementally (a long one-line document stays linear).
    var columnCache = (index: 0, column: 1)

    var path: InstancePath = []
    var locations: [InstancePath: SourceLocation] = [:]
    var keyLocations: [InstancePath: SourceLocation] = [:]
    var warnings: [JSONParseWarning] = []

    /// Open containers, innermost last; the element arrays live in `arrays` and `objects`
    /// so they can be appended to in place.
    var kinds: [ContainerKind] = []
    var arrays: [[JSONValue]] = []
    var objects: [(members: [String: JSONValue], key: String)] = []

    enum ContainerKind { case array, object }

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            lineStart = 3
            columnCache = (3, 1)
        }
    }

    // MARK: - Positions and errors

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func location(at index: Int) -> SourceLocation {
        if columnCache.index > index || columnCache.index < lineStart {
            columnCache = (lineStart, 1)
        }
        var column = columnCache.column
        var cursor = columnCache.index
        while cursor < index {
            // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        columnCache = (index, column)
        return SourceLocation(line: line, column: column)
    }

    mutating func error(_ message: String, at index: Int? = nil) -> JSONSyntaxError {
        let where_ = location(at: index ?? position)
        return JSONSyntaxError(line: where_.line, column: where_.column, message: message)
    }

    /// The character at the cursor for an error message: "`x`", "end of input".
    func found(at index: Int? = nil) -> String {
        let index = index ?? position
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte < 0x20 { return "a control character (U+\(hex(UInt32(byte))))" }
        if byte < 0x80 { return "`\(Character(Unicode.Scalar(byte)))`" }
        let length = utf8SequenceLength(at: index)
        guard length > 0 else { return "a byte that is not valid UTF-8" }
        let text = String(decoding: bytes[index..<index + length], as: UTF8.self)
        return "`\(text)`"
    }

    /// A bare word at the cursor (for "found `planned`" when quotes are missing).
    func word(at index: Int) -> String? {
        var end = index
        while end < bytes.count, end - index < 40 {
            let byte = bytes[end]
            let isWordByte =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D || byte == 0x2E
            guard isWordByte else { break }
            end += 1
        }
        guard end > index else { return nil }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09:
                position += 1
            case 0x0A:
                position += 1
                newLine()
            case 0x0D:
                position += 1
                if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                newLine()
            default:
                return
            }
        }
    }

    mutating func newLine() {
        line += 1
        lineStart = position
        columnCache = (position, 1)
    }

    // MARK: - Structure

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        parseValue: while true {
            skipWhitespace()
            let start = position
            locations[path] = location(at: start)
            var value: JSONValue
            switch peek {
            case UInt8(ascii: "{"):
                try enterContainer()
                position += 1
                skipWhitespace()
                if peek == UInt8(ascii: "}") {
                    position += 1
                    value = .object([:])
                } else {
                    let key = try parseKey()
                    kinds.append(.object)
                    objects.append(([:], key))
                    path.append(.key(key))
                    continue parseValue
                }
            case UInt8(ascii: "["):
                try enterContainer()
                position += 1
                skipWhitespace()
                if peek == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    kinds.append(.array)
                    arrays.append([])
                    path.append(.index(0))
                    continue parseValue
                }
            default:
                value = try parseScalar()
            }

            // Attach the finished value to its parents, closing every container it ends.
            while true {
                guard let kind = kinds.last else {
                    skipWhitespace()
                    guard position == bytes.count else {
                        throw error("unexpected \(found()) after the end of the JSON value")
                    }
                    return value
                }
                path.removeLast()
                switch kind {
                case .array:
                    let last = arrays.count - 1
                    arrays[last].append(value)
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        position += 1
                        skipWhitespace()
                        if peek == UInt8(ascii: "]") {
                            throw error("a trailing comma before `]` is not allowed in JSON")
                        }
                        path.append(.index(arrays[last].count))
                        continue parseValue
                    }
                    guard peek == UInt8(ascii: "]") else {
                        throw error("expected `,` or `]` after array element, found \(found())")
                    }
                    position += 1
                    kinds.removeLast()
                    value = .array(arrays.removeLast())
                case .object:
                    let last = objects.count - 1
                    let key = objects[last].key
                    if objects[last].members.updateValue(value, forKey: key) != nil {
                        let memberPath = path + [.key(key)]
                        warnings.append(
                            JSONParseWarning(
                                path: memberPath,
                                location: keyLocations[memberPath] ?? location(at: position),
                                message: "the key `\(key)` appears more than once; the last one is used"
                            ))
                    }
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") {
                        position += 1
                        skipWhitespace()
                        if peek == UInt8(ascii: "}") {
                            throw error("a trailing comma before `}` is not allowed in JSON")
                        }
                        let next = try parseKey()
                        objects[last].key = next
                        path.append(.key(next))
                        continue parseValue
                    }
                    guard peek == UInt8(ascii: "}") else {
                        throw error("expected `,` or `}` after object member, found \(found())")
                    }
                    position += 1
                    kinds.removeLast()
                    value = .object(objects.removeLast().members)
                }
            }
        }
    }

    mutating func enterContainer() throws(JSONSyntaxError) {
        guard kinds.count < maximumDepth else {
            throw error("arrays and objects are nested more than \(maximumDepth) levels deep")
        }
    }

    /// Parses `"key" :` and records the key's location under the member's path.
    mutating func parseKey() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        let start = position
        guard peek == UInt8(ascii: "\"") else {
            if peek == UInt8(ascii: "'") {
                throw error("keys must be in double quotes, found `'`")
            }
            throw error("expected a key in double quotes, found \(found())")
        }
        let startLocation = location(at: start)
        let key = try parseString()
        keyLocations[path + [.key(key)]] = startLocation
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else {
            throw error("expected `:` after the key `\(key)`, found \(found())")
        }
        position += 1
        return key
    }

    mutating func parseScalar() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek else {
            throw error("expected a JSON value, found end of input")
        }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (literal, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
            where bytes[position...].starts(with: literal.utf8) {
                let end = position + literal.utf8.count
                // `nullx` is a bare word, not `null` followed by garbage.
                if end < bytes.count, word(at: end) != nil { break }
                position = end
                return value
            }
        case UInt8(ascii: "'"):
            throw error("strings must be in double quotes, found `'`")
        case UInt8(ascii: "/"):
            throw error("comments are not allowed in JSON")
        case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
            throw error("expected a JSON value, found \(found())")
        default:
            break
        }
        if let bare = word(at: position) {
            throw error("expected a JSON value, found `\(bare)`; text must be in double quotes")
        }
        throw error("expected a JSON value, found \(found())")
    }

    // MARK: - Strings

    /// Parses a string; the cursor is on the opening quote.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var segmentStart = position
        var decoded: [UInt8]? = nil  // only built once an escape is seen
        while true {
            guard position < bytes.count else {
                throw error("the text in double quotes is not closed (missing `\"`)")
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let segment = bytes[segmentStart..<position]
                position += 1
                if var buffer = decoded {
                    buffer.append(contentsOf: segment)
                    return String(decoding: buffer, as: UTF8.self)
                }
                return String(decoding: segment, as: UTF8.self)
            case UInt8(ascii: "\\"):
                var buffer = decoded ?? []
                buffer.append(contentsOf: bytes[segmentStart..<position])
                try parseEscape(into: &buffer)
                decoded = buffer
                segmentStart = position
            case 0x00..<0x20:
                let name = byte == 0x0A ? "a line break" : byte == 0x09 ? "a tab" : "a control character"
                throw error("\(name) is not allowed inside text in double quotes; write it as an escape like `\\n`")
            case 0x00..<0x80:
                position += 1
            default:
                let length = utf8SequenceLength(at: position)
                guard length > 0 else { throw error("the text is not valid UTF-8") }
                position += length
            }
        }
    }

    /// Decodes one escape sequence; the cursor is on the backslash.
    mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let start = position
        position += 1
        guard let byte = peek else {
            throw error("the text in double quotes is not closed (missing `\"`)")
        }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalarValue = try parseHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(scalarValue) {
                // A high surrogate must be followed by `\u` and a low surrogate.
                let lowStart = position
                guard bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                    throw error("the escape `\\u\(hex(scalarValue))` is half of a surrogate pair", at: start)
                }
                position += 2
                let low = try parseHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("the escape `\\u\(hex(scalarValue))` is half of a surrogate pair", at: start)
                }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalarValue) {
                throw error("the escape `\\u\(hex(scalarValue))` is half of a surrogate pair", at: start)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw error("the escape `\\u\(hex(scalarValue))` is not a valid character", at: start)
            }
            buffer.append(contentsOf: String(Character(scalar)).utf8)
        default:
            position = start
            throw error("unknown escape `\\\(found(at: start + 1).trimmingBackticks)` in text")
        }
    }

    mutating func parseHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = hexDigitValue(byte) else {
                throw error("`\\u` must be followed by four hexadecimal digits", at: escapeStart)
            }
            result = result << 4 | UInt32(digit)
            position += 1
        }
        return result
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 when it is invalid
    /// (overlong forms, surrogates and values above U+10FFFF are invalid).
    func utf8SequenceLength(at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return 0
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    // MARK: - Numbers

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        var negative = false
        if peek == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard let first = peek, isDigit(first) else {
            throw error("expected a digit after `-`, found \(found())")
        }
        // Accumulate the integer part (negatively, so Int.min fits) while checking overflow.
        var integer = 0
        var overflow = false
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek, isDigit(next) {
                throw error("numbers cannot start with a leading zero", at: start)
            }
        } else {
            while let byte = peek, isDigit(byte) {
                let (shifted, o1) = integer.multipliedReportingOverflow(by: 10)
                let (sum, o2) = shifted.subtractingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                integer = sum
                position += 1
            }
        }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let byte = peek, isDigit(byte) else {
                throw error("expected a digit after the decimal point, found \(found())")
            }
            while let byte = peek, isDigit(byte) { position += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek, isDigit(byte) else {
                throw error("expected a digit in the exponent, found \(found())")
            }
            while let byte = peek, isDigit(byte) { position += 1 }
        }
        if isInteger, !overflow {
            if negative { return .integer(integer) }
            if integer != Int.min { return .integer(-integer) }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw error("the number `\(text)` is too large", at: start)
        }
        return .double(double)
    }
}

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

private func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

extension String {
    fileprivate var trimmingBackticks: String {
        var text = self
        if text.hasPrefix("`") { text.removeFirst() }
        if text.hasSuffix("`") { text.removeLast() }
        return text
    }
}
