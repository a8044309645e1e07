/// The formats of draft 2020-12, each checked when formats assert (`formats: assert`, the
/// registry's default). Only ASCII digits count as digits in any of them.
enum SchemaFormat: String, Sendable, CaseIterable {
    case date
    case dateTime = "date-time"
    case time
    case duration
    case email
    case idnEmail = "idn-email"
    case hostname
    case idnHostname = "idn-hostname"
    case ipv4
    case ipv6
    case uri
    case uriReference = "uri-reference"
    case iri
    case iriReference = "iri-reference"
    case uuid
    case uriTemplate = "uri-template"
    case jsonPointer = "json-pointer"
    case relativeJSONPointer = "relative-json-pointer"
    case regex

    /// Format names of other vocabularies (OpenAPI) that are accepted without a warning,
    /// and not checked.
    static let knownUnchecked: Set<String> = ["int32", "int64", "float", "double", "byte", "binary", "password"]

    /// What the value should look like, for messages: "a valid date".
    var noun: String {
        switch self {
        case .date: return "a valid date"
        case .dateTime: return "a valid date and time"
        case .time: return "a valid time"
        case .duration: return "a valid duration"
        case .email, .idnEmail: return "a valid email address"
        case .hostname, .idnHostname: return "a valid host name"
        case .ipv4: return "a valid IPv4 address"
        case .ipv6: return "a valid IPv6 address"
        case .uri, .iri: return "a valid absolute URI"
        case .uriReference, .iriReference: return "a valid URI reference"
        case .uuid: return "a valid UUID"
        case .uriTemplate: return "a valid URI template"
        case .jsonPointer: return "a valid JSON pointer"
        case .relativeJSONPointer: return "a valid relative JSON pointer"
        case .regex: return "a valid regular expression"
        }
    }

    /// A fix in plain words, for people who do not know the RFCs.
    var example: String {
        switch self {
        case .date: return "use a date like 2026-11-02"
        case .dateTime: return "use a date and time like 2026-11-02T10:14:03Z"
        case .time: return "use a time with an offset like 10:14:03Z or 10:14:03+01:00"
        case .duration: return "use a duration like P3D (three days), PT4H (four hours) or P1Y2M"
        case .email: return "use an address like jana@example.com"
        case .idnEmail: return "use an address like jana@example.com or jana@bücher.example"
        case .hostname: return "use a name like www.example.com: letters, digits and inner hyphens"
        case .idnHostname: return "use a name like www.example.com or bücher.example"
        case .ipv4: return "use four numbers from 0 to 255, like 192.0.2.10"
        case .ipv6: return "use an address like 2001:db8::1"
        case .uri, .iri: return "use a full address including the scheme, like https://example.com/page"
        case .uriReference, .iriReference: return "use an address like https://example.com/page or ../page#part"
        case .uuid: return "use a UUID like 123e4567-e89b-12d3-a456-426614174000"
        case .uriTemplate: return "use a template like https://example.com/{id}"
        case .jsonPointer: return "use a pointer like /requested_by/0/customer, with ~0 for ~ and ~1 for /"
        case .relativeJSONPointer: return "use a relative pointer like 0/name or 1#"
        case .regex: return "fix the regular expression (an unclosed bracket or parenthesis?)"
        }
    }

    func matches(_ text: String) -> Bool {
        switch self {
        case .date: return FormatScanner.isDate(Array(text.utf8)[...])
        case .dateTime: return FormatScanner.isDateTime(Array(text.utf8))
        case .time: return FormatScanner.isTime(Array(text.utf8)[...])
        case .duration: return FormatScanner.isDuration(Array(text.utf8))
        case .email: return FormatScanner.isEmail(Array(text.utf8), international: false)
        case .idnEmail: return FormatScanner.isEmail(Array(text.utf8), international: true)
        case .hostname: return FormatScanner.isHostname(Array(text.utf8)[...])
        case .idnHostname: return FormatScanner.isIDNHostname(text)
        case .ipv4: return FormatScanner.isIPv4(Array(text.utf8)[...])
        case .ipv6: return FormatScanner.isIPv6(Array(text.utf8)[...])
        case .uri: return FormatScanner.isURI(text, absolute: true, international: false)
        case .uriReference: return FormatScanner.isURI(text, absolute: false, international: false)
        case .iri: return FormatScanner.isURI(text, absolute: true, international: true)
        case .iriReference: return FormatScanner.isURI(text, absolute: false, international: true)
        case .uuid: return FormatScanner.isUUID(Array(text.utf8))
        case .uriTemplate: return FormatScanner.isURITemplate(text)
        case .jsonPointer: return FormatScanner.isJSONPointer(Array(text.utf8)[...])
        case .relativeJSONPointer: return FormatScanner.isRelativeJSONPointer(Array(text.utf8))
        case .regex: return (try? ECMARegex(text)) != nil
        }
    }

    /// A more specific hint for a date whose digits are fine but whose day does not exist.
    static func impossibleDateHint(_ text: String) -> String? {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, let (year, month, day) = FormatScanner.dateFields(bytes[...]),
            (1...12).contains(month), day > FormatScanner.daysIn(month: month, year: year)
        else { return nil }
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        return "\(names[month - 1]) \(year) has only \(FormatScanner.daysIn(month: month, year: year)) days"
    }
}

/// Byte-level checks for RFC 3339 dates and times, RFC 5321 mailboxes and RFC 3986 URIs.
/// Only ASCII is accepted: a Bengali `৪` is not a digit here.
enum FormatScanner {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD` split into numbers, without range checks.
    static func dateFields(_ bytes: ArraySlice<UInt8>) -> (Int, Int, Int)? {
        let b = Array(bytes)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D, let year = number(b[0..<4]),
            let month = number(b[5..<7]), let day = number(b[8..<10])
        else { return nil }
        return (year, month, day)
    }

    /// RFC 3339 `full-date`, on the real calendar.
    static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let (year, month, day) = dateFields(bytes) else { return false }
        return (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|±HH:MM)`; second 60 only when the time in
    /// UTC is 23:59 (a leap second, as the JSON Schema test suite expects).
    static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes)
        guard b.count >= 9, b[2] == 0x3A, b[5] == 0x3A, let hour = number(b[0..<2]),
            let minute = number(b[3..<5]), let second = number(b[6..<8]),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var cursor = 8
        if b[cursor] == 0x2E {
            cursor += 1
            let start = cursor
            while cursor < b.count, isDigit(b[cursor]) { cursor += 1 }
            guard cursor > start else { return false }
        }
        guard cursor < b.count else { return false }
        var offsetMinutes = 0
        switch b[cursor] {
        case 0x5A, 0x7A:  // Z, z
            cursor += 1
        case 0x2B, 0x2D:  // +, -
            let sign = b[cursor] == 0x2B ? 1 : -1
            guard b.count == cursor + 6, b[cursor + 3] == 0x3A,
                let offsetHour = number(b[cursor + 1..<cursor + 3]),
                let offsetMinute = number(b[cursor + 4..<cursor + 6]),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
            cursor += 6
        default:
            return false
        }
        guard cursor == b.count else { return false }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// RFC 3339 `date-time`; `T` and `Z` may be lower-case.
    static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 11, bytes[10] == 0x54 || bytes[10] == 0x74 else { return false }
        return isDate(bytes[0..<10]) && isTime(bytes[11...])
    }

    // MARK: - Email (RFC 5321 Mailbox)

    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// RFC 5321 `Mailbox`; `international` (RFC 6531) also allows UTF-8 in the local part and
    /// an internationalized domain name.
    static func isEmail(_ bytes: [UInt8], international: Bool) -> Bool {
        guard let first = bytes.first else { return false }
        var cursor = 0
        if first == 0x22 {
            // Quoted-string: printable ASCII, with `\` escaping one printable character.
            cursor = 1
            var closed = false
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == 0x22 {
                    closed = true
                    cursor += 1
                    break
                }
                if byte == 0x5C {
                    guard cursor + 1 < bytes.count, (0x20...0x7E).contains(bytes[cursor + 1]) else {
                        return false
                    }
                    cursor += 2
                    continue
                }
                guard (0x20...0x7E).contains(byte) || (international && byte >= 0x80) else { return false }
                cursor += 1
            }
            guard closed else { return false }
        } else {
            // Dot-string: atoms of atext separated by single dots.
            var previousWasDot = true
            while cursor < bytes.count, bytes[cursor] != 0x40 {
                let byte = bytes[cursor]
                if byte == 0x2E {
                    if previousWasDot { return false }
                    previousWasDot = true
                } else if isDigit(byte) || isAlpha(byte) || atextSymbols.contains(byte) || (international && byte >= 0x80) {
                    previousWasDot = false
                } else {
                    return false
                }
                cursor += 1
            }
            if previousWasDot { return false }
        }
        guard cursor <= (international ? 255 : 64), cursor < bytes.count, bytes[cursor] == 0x40 else { return false }
        let domain = bytes[(cursor + 1)...]
        guard let domainFirst = domain.first else { return false }
        if domainFirst == 0x5B {
            guard domain.last == 0x5D, domain.count > 2 else { return false }
            let literal = Array(domain.dropFirst().dropLast())
            let tag = Array("ipv6:".utf8)
            if literal.count > tag.count, literal.prefix(tag.count).map({ $0 | 0x20 }) == tag.map({ $0 | 0x20 }) {
                return isIPv6(literal[tag.count...])
            }
            return isIPv4(literal[...])
        }
        return international ? isIDNHostname(String(decoding: domain, as: UTF8.self)) : isHostname(domain)
    }

    /// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens (at
    /// most 63 each, 253 in all). A label `xn--…` must be the Punycode of a valid
    /// internationalized label, and no other label may have `--` in its 3rd and 4th place.
    static func isHostname(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: 0x2E, omittingEmptySubsequences: false) {
            guard isHostnameLabel(Array(label)) else { return false }
        }
        return true
    }

    static func isHostnameLabel(_ label: [UInt8]) -> Bool {
        guard !label.isEmpty, label.count <= 63, label.first != 0x2D, label.last != 0x2D,
            label.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2D })
        else { return false }
        guard label.count >= 4, label[2] == 0x2D, label[3] == 0x2D else { return true }
        guard label[0] | 0x20 == 0x78, label[1] | 0x20 == 0x6E else { return false }  // only `xn--`
        guard let decoded = Punycode.decode(label.dropFirst(4)), !decoded.isEmpty else { return false }
        return isUnicodeLabel(decoded)
    }

    /// Four decimal octets 0–255 without leading zeros.
    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard let value = number(part), part.count <= 3, value <= 255,
                part.count == 1 || part.first != 0x30
            else { return false }
        }
        return true
    }

    /// RFC 4291 text form: eight groups of hex, one `::` allowed, an IPv4 tail allowed.
    static func isIPv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = Array(bytes)
        var halves: [[UInt8]] = []
        if let range = firstRange(of: [0x3A, 0x3A], in: text) {
            let head = Array(text[..<range.lowerBound])
            let tail = Array(text[range.upperBound...])
            if firstRange(of: [0x3A, 0x3A], in: tail) != nil { return false }
            halves = [head, tail]
        } else {
            halves = [text]
        }
        var groups = 0
        for (halfIndex, half) in halves.enumerated() {
            if half.isEmpty { continue }
            let parts = half.split(separator: 0x3A, omittingEmptySubsequences: false)
            for (partIndex, part) in parts.enumerated() {
                let isLastOverall = halfIndex == halves.count - 1 && partIndex == parts.count - 1
                if isLastOverall, part.contains(0x2E) {
                    guard isIPv4(part) else { return false }
                    groups += 2
                    continue
                }
                guard (1...4).contains(part.count), part.allSatisfy(isHex) else { return false }
                groups += 1
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start..<start + needle.count
        }
        return nil
    }
}
