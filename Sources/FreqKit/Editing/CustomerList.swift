import Foundation

/// The customers who asked for a request: the list named by `fields.customers` in the
/// configuration (`requested_by` by default), one mapping per customer whose name is
/// under `fields.customer`. `freq new`, `freq plus-one` and `freq move` write it.
public struct CustomerList: Sendable {
    /// The front-matter list of customer entries.
    public let field: String
    /// The key of an entry holding the customer's name.
    public let nameKey: String

    public init(_ names: FieldNames) {
        field = names.customers
        nameKey = names.customer
    }

    /// The customer names of the list's value, as written; entries without a string
    /// name are skipped.
    public func names(in value: JSONValue?) -> [String] {
        guard case .array(let entries)? = value else { return [] }
        return entries.compactMap { $0[nameKey]?.stringValue }
    }

    /// Whether two customer names are the same customer: `Globex` and `Globex Inc.`,
    /// `Émile Söhne` and `emile  sohne` are (case, accents, spacing, punctuation and legal
    /// suffixes aside).
    public static func sameCustomer(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    /// The name without what people vary when they write it: case, accents, punctuation,
    /// repeated spaces, and a trailing legal form (`Inc.`, `GmbH`, `Ltd`...).
    public static func normalized(_ name: String) -> String {
        // Most names are ASCII: byte by byte, ten times faster than by Character (the site
        // and `plus-one` normalize every customer entry of the registry).
        name.utf8.allSatisfy { $0 < 0x80 } ? asciiNormalized(name) : textNormalized(name)
    }

    /// False when `normalized(name)` cannot be `target` (itself normalized): an ASCII name
    /// whose first letter or digit is not `target`'s first byte. A cheap test before
    /// normalizing every customer entry of the registry (`plus-one`'s other spellings).
    public static func mightNormalize(_ name: String, to target: String) -> Bool {
        var name = name
        return name.withUTF8 { mightNormalize($0, to: target) }
    }

    /// `mightNormalize` of a name given as its UTF-8 bytes.
    static func mightNormalize(_ name: UnsafeBufferPointer<UInt8>, to target: String) -> Bool {
        guard let first = target.utf8.first, name.allSatisfy({ $0 < 0x80 }) else { return true }
        for byte in name {
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            // The first word stays (only trailing legal forms go): its first byte leads.
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) || lower == 0x26 { return lower == first }
        }
        return false
    }

    /// `normalized` by Characters and Foundation's folding (any text).
    static func textNormalized(_ name: String) -> String {
        let folded = name.utf8.allSatisfy { $0 < 0x80 }
            ? name.lowercased() : name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "&" }).map(String.init)
        while words.count > 1, let last = words.last, legalForms.contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    /// `normalized` of an ASCII name, by bytes: letters and digits lower-cased, `&` kept,
    /// everything else separates words.
    static func asciiNormalized(_ name: String) -> String {
        // One buffer, words joined by single spaces as they are met: `plus-one` normalizes
        // every customer entry of the registry, and a buffer per word was most of it.
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var inWord = false
        for byte in name.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) || lower == 0x26 {
                if !inWord && !out.isEmpty { out.append(0x20) }
                inWord = true
                out.append(lower)
            } else {
                inWord = false
            }
        }
        // Trailing legal forms, while another word stays.
        while let space = out.lastIndex(of: 0x20), out.count - space - 1 <= 12,
            legalForms.contains(String(decoding: out[(space + 1)...], as: UTF8.self))
        {
            out.removeSubrange(space...)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let legalForms: Set<String> = [
        "inc", "incorporated", "llc", "llp", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "kg",
        "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "oy", "ab", "as", "aps", "pty", "pte", "kk", "se",
    ]

    /// The members of entry `index` of the list in `document`, in the order written (by
    /// their keys' positions), so a merged entry reads like the original.
    public func orderedEntry(_ document: FrontMatterDocument, index: Int) -> [(key: String, value: JSONValue)]? {
        guard case .object(let members)? = document.value(at: [.key(field), .index(index)]) else { return nil }
        let base: InstancePath = [.key(field), .index(index)]
        let ordered = members.keys.sorted { left, right in
            let a = document.keyLocation(at: base + [.key(left)]) ?? SourceLocation(line: .max, column: .max)
            let b = document.keyLocation(at: base + [.key(right)]) ?? SourceLocation(line: .max, column: .max)
            return a != b ? a < b : left < right
        }
        return ordered.map { (key: $0, value: members[$0] ?? .null) }
    }
}

extension RegistrySnapshot {
    /// The spellings of `name` already in the registry that are the same customer written
    /// differently (`Globex` for `Globex Inc.`), each with the requests that use it: one
    /// customer written two ways counts twice.
    public func otherSpellings(of name: String, config: RegistryConfig) -> [(name: String, ids: [String])] {
        let customers = CustomerList(config.fields)
        let wanted = CustomerList.normalized(name)
        var found: [String: [String]] = [:]
        for request in requests {
            for listed in customers.names(in: request.document.value[customers.field])
            where listed != name && CustomerList.normalized(listed) == wanted {
                found[listed, default: []].append(request.id ?? request.path)
            }
        }
        return found.keys.sorted { $0.precedesInByteOrder($1) }.map { ($0, found[$0] ?? []) }
    }
}
