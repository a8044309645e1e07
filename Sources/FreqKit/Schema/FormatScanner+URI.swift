/// RFC 3986 URIs and RFC 3987 IRIs, RFC 6570 URI templates, RFC 6901 JSON pointers and
/// their relative form, RFC 4122 UUIDs and RFC 3339 durations.
extension FormatScanner {
    // MARK: - URI and IRI

    private static let subDelims = Set("!$&'()*+,;=".unicodeScalars)

    private static func isASCIIAlpha(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 && isAlpha(UInt8(scalar.value))
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 && isDigit(UInt8(scalar.value))
    }

    private static func isHexScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 && isHex(UInt8(scalar.value))
    }

    /// RFC 3987 `ucschar`: the non-ASCII characters an IRI may hold anywhere.
    private static func isUCSChar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
        case 0x10000...0xDFFFD, 0xE1000...0xEFFFD: return value & 0xFFFF <= 0xFFFD
        default: return false
        }
    }

    /// RFC 3987 `iprivate`: allowed in an IRI's query only.
    private static func isPrivateUse(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true
        default: return false
        }
    }

    private static func isUnreserved(_ scalar: Unicode.Scalar, international: Bool) -> Bool {
        isASCIIAlpha(scalar) || isASCIIDigit(scalar) || "-._~".unicodeScalars.contains(scalar)
            || (international && isUCSChar(scalar))
    }

    /// Whether every character is allowed by `allowed` or is a `%XX` escape.
    private static func isEncoded(_ scalars: ArraySlice<Unicode.Scalar>, allowing allowed: (Unicode.Scalar) -> Bool) -> Bool {
        var cursor = scalars.startIndex
        while cursor < scalars.endIndex {
            if scalars[cursor] == "%" {
                guard cursor + 2 < scalars.endIndex, isHexScalar(scalars[cursor + 1]), isHexScalar(scalars[cursor + 2])
                else { return false }
                cursor += 3
                continue
            }
            guard allowed(scalars[cursor]) else { return false }
            cursor += 1
        }
        return true
    }

    /// An RFC 3986 URI-reference (`absolute`: a URI, scheme required), or with
    /// `international` an RFC 3987 IRI-reference.
    static func isURI(_ text: String, absolute: Bool, international: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let pathCharacter: (Unicode.Scalar) -> Bool = {
            isUnreserved($0, international: international) || subDelims.contains($0) || $0 == ":" || $0 == "@" || $0 == "/"
        }
        var end = scalars.endIndex
        if let hash = scalars.firstIndex(of: "#") {
            guard isEncoded(scalars[(hash + 1)...], allowing: { pathCharacter($0) || $0 == "?" }) else { return false }
            end = hash
        }
        if let question = scalars[..<end].firstIndex(of: "?") {
            let query = scalars[(question + 1)..<end]
            guard isEncoded(query, allowing: { pathCharacter($0) || $0 == "?" || (international && isPrivateUse($0)) })
            else { return false }
            end = question
        }
        var rest = scalars[..<end]
        // A scheme is what comes before the first `:`, when no `/` comes before it.
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            guard colon > rest.startIndex, isASCIIAlpha(rest[rest.startIndex]),
                rest[(rest.startIndex + 1)..<colon].allSatisfy({
                    isASCIIAlpha($0) || isASCIIDigit($0) || $0 == "+" || $0 == "-" || $0 == "."
                })
            else { return false }
            rest = rest[(colon + 1)...]
        } else if absolute {
            return false
        }
        if rest.starts(with: ["/", "/"]) {
            let start = rest.startIndex + 2
            let authorityEnd = rest[start...].firstIndex(of: "/") ?? rest.endIndex
            guard isAuthority(rest[start..<authorityEnd], international: international) else { return false }
            rest = rest[authorityEnd...]
        }
        return isEncoded(rest, allowing: pathCharacter)
    }

    /// `[ userinfo "@" ] host [ ":" port ]`.
    private static func isAuthority(_ scalars: ArraySlice<Unicode.Scalar>, international: Bool) -> Bool {
        var hostAndPort = scalars
        if let at = scalars.firstIndex(of: "@") {
            let userinfo = scalars[..<at]
            guard
                isEncoded(userinfo, allowing: { isUnreserved($0, international: international) || subDelims.contains($0) || $0 == ":" })
            else { return false }
            hostAndPort = scalars[(at + 1)...]
        }
        if hostAndPort.first == "[" {
            guard let close = hostAndPort.firstIndex(of: "]") else { return false }
            let literal = Array(String(String.UnicodeScalarView(hostAndPort[(hostAndPort.startIndex + 1)..<close])).utf8)
            guard isIPv6(literal[...]) || isIPvFuture(literal[...]) else { return false }
            let afterHost = hostAndPort[(close + 1)...]
            guard afterHost.isEmpty || afterHost.first == ":" else { return false }
            return afterHost.dropFirst().allSatisfy(isASCIIDigit)
        }
        var host = hostAndPort
        if let colon = hostAndPort.lastIndex(of: ":") {
            guard hostAndPort[(colon + 1)...].allSatisfy(isASCIIDigit) else { return false }
            host = hostAndPort[..<colon]
        }
        return isEncoded(host, allowing: { isUnreserved($0, international: international) || subDelims.contains($0) })
    }

    /// `"v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPvFuture(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.first == 0x76 || bytes.first == 0x56, let dot = bytes.firstIndex(of: 0x2E) else {
            return false
        }
        let version = bytes[(bytes.startIndex + 1)..<dot]
        let rest = bytes[(dot + 1)...]
        return !version.isEmpty && version.allSatisfy(isHex) && !rest.isEmpty
            && rest.allSatisfy {
                isAlpha($0) || isDigit($0) || Set("-._~!$&'()*+,;=:".utf8).contains($0)
            }
    }

    // MARK: - URI template (RFC 6570, level 4)

    static func isURITemplate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var cursor = 0
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if scalar == "{" {
                guard let close = scalars[cursor...].firstIndex(of: "}"),
                    isTemplateExpression(scalars[(cursor + 1)..<close])
                else { return false }
                cursor = close + 1
                continue
            }
            if scalar == "%" {
                guard cursor + 2 < scalars.count, isHexScalar(scalars[cursor + 1]), isHexScalar(scalars[cursor + 2])
                else { return false }
                cursor += 3
                continue
            }
            // Literals: anything but controls, space and `"<>\^`|}` (the apostrophe, which
            // RFC 6570 leaves out by oversight, is allowed as the test suite allows it).
            guard scalar.value > 0x20, scalar.value != 0x7F, !"\"<>\\^`|}".unicodeScalars.contains(scalar) else {
                return false
            }
            cursor += 1
        }
        return true
    }

    /// `[ operator ] varspec *( "," varspec )`, varspec = varname [ ":" 1-4 digits / "*" ].
    private static func isTemplateExpression(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = scalars
        if let first = body.first, "+#./;?&=,!@|".unicodeScalars.contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        for varspec in body.split(separator: ",", omittingEmptySubsequences: false) {
            var name = varspec
            if let colon = varspec.firstIndex(of: ":") {
                let length = varspec[(colon + 1)...]
                guard (1...4).contains(length.count), length.allSatisfy(isASCIIDigit), length.first != "0" else {
                    return false
                }
                name = varspec[..<colon]
            } else if varspec.last == "*" {
                name = varspec.dropLast()
            }
            guard !name.isEmpty, name.first != ".", name.last != ".", !zip(name, name.dropFirst()).contains(where: { $0 == "." && $1 == "." }),
                isEncoded(name, allowing: { isASCIIAlpha($0) || isASCIIDigit($0) || $0 == "_" || $0 == "." })
            else { return false }
        }
        return true
    }

    // MARK: - JSON pointers

    /// RFC 6901: empty, or `/`-prefixed tokens where `~` is followed by `0` or `1`.
    static func isJSONPointer(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        guard first == 0x2F else { return false }
        var cursor = bytes.startIndex
        while cursor < bytes.endIndex {
            if bytes[cursor] == 0x7E {
                guard cursor + 1 < bytes.endIndex, bytes[cursor + 1] == 0x30 || bytes[cursor + 1] == 0x31 else {
                    return false
                }
                cursor += 1
            }
            cursor += 1
        }
        return true
    }

    /// A non-negative integer (no leading zero), an optional `+N`/`-N` index change, then
    /// `#` or a JSON pointer.
    static func isRelativeJSONPointer(_ bytes: [UInt8]) -> Bool {
        func integerEnd(from start: Int) -> Int? {
            var cursor = start
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor > start, bytes[start] != 0x30 || cursor == start + 1 else { return nil }
            return cursor
        }
        guard var cursor = integerEnd(from: 0) else { return false }
        if cursor < bytes.count, bytes[cursor] == 0x2B || bytes[cursor] == 0x2D {
            guard let end = integerEnd(from: cursor + 1) else { return false }
            cursor = end
        }
        if cursor < bytes.count, bytes[cursor] == 0x23 { return cursor + 1 == bytes.count }
        return isJSONPointer(bytes[cursor...])
    }

    // MARK: - UUID and duration

    /// `8-4-4-4-12` hexadecimal digits.
    static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == 0x2D else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    /// RFC 3339 appendix A: `P` then years, months, days (each unit only after the one
    /// before it: `P1Y2M3D`, `P2M3D`, `P3D`), or weeks alone (`P2W`); then `T` and hours,
    /// minutes, seconds, likewise (`PT1H30M`).
    static func isDuration(_ bytes: [UInt8]) -> Bool {
        guard bytes.first == 0x50 else { return false }  // P
        var cursor = 1
        // Reads `1*DIGIT unit`; nil when there is none.
        func element() -> UInt8? {
            let start = cursor
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor > start, cursor < bytes.count else {
                cursor = start
                return nil
            }
            cursor += 1
            return bytes[cursor - 1]
        }
        /// Units in order, each one followed only by the next: "YMD" or "HMS".
        func sequence(_ units: [UInt8]) -> Bool? {
            guard let first = element() else { return nil }
            guard var position = units.firstIndex(of: first) else { return false }
            while cursor < bytes.count, bytes[cursor] != 0x54 {
                guard let unit = element(), position + 1 < units.count, unit == units[position + 1] else { return false }
                position += 1
            }
            return true
        }
        if cursor < bytes.count, bytes[cursor] != 0x54 {
            let save = cursor
            if element() == 0x57 { return cursor == bytes.count }  // weeks stand alone
            cursor = save
            guard sequence(Array("YMD".utf8)) == true else { return false }
        }
        guard cursor < bytes.count else { return cursor > 1 }
        guard bytes[cursor] == 0x54 else { return false }  // T
        cursor += 1
        guard sequence(Array("HMS".utf8)) == true else { return false }
        return cursor == bytes.count
    }
}
