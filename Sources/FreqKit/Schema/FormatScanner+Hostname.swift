import Foundation

/// Internationalized host names (IDNA2008: RFC 5890, 5891, 5892), close enough for a
/// registry: the code point classes come from Unicode properties rather than the IANA
/// table, with the RFC 5892 exceptions and contextual rules written out.
extension FormatScanner {
    /// Labels separated by `.` (or an ideographic or full-width full stop), each an ASCII
    /// host name label or a valid U-label; at most 63 bytes each and 253 in all once
    /// written as Punycode.
    static func isIDNHostname(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let separators: Set<Unicode.Scalar> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var total = 0
        for label in text.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: separators.contains) {
            let scalars = Array(label)
            if scalars.allSatisfy({ $0.isASCII }) {
                guard isHostnameLabel(scalars.map { UInt8($0.value) }) else { return false }
                total += scalars.count + 1
                continue
            }
            guard isUnicodeLabel(scalars), let encoded = Punycode.encode(scalars), encoded.count + 4 <= 63 else {
                return false
            }
            total += encoded.count + 5
        }
        return total - 1 <= 253
    }

    /// RFC 5891 section 5.4: a U-label in NFC, hyphens not first, last, nor 3rd and 4th,
    /// not starting with a combining mark, every code point allowed in its context.
    static func isUnicodeLabel(_ scalars: [Unicode.Scalar]) -> Bool {
        guard let first = scalars.first, scalars.count <= 63 else { return false }
        guard first != "-", scalars.last != "-" else { return false }
        if scalars.count >= 4, scalars[2] == "-", scalars[3] == "-" { return false }
        let text = String(String.UnicodeScalarView(scalars))
        guard text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(scalars) else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        let hasArabicIndic = scalars.contains { (0x0660...0x0669).contains($0.value) }
        let hasExtendedArabicIndic = scalars.contains { (0x06F0...0x06F9).contains($0.value) }
        if hasArabicIndic, hasExtendedArabicIndic { return false }
        for (index, scalar) in scalars.enumerated() {
            let before = index > 0 ? scalars[index - 1] : nil
            let after = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar.value {
            case 0x200C:  // ZERO WIDTH NON-JOINER: after a virama, or between joining letters
                if before.map(isVirama) == true { continue }
                guard joinsAcrossNonJoiner(scalars, at: index) else { return false }
            case 0x200D:  // ZERO WIDTH JOINER: after a virama
                guard before.map(isVirama) == true else { return false }
            case 0x00B7:  // MIDDLE DOT: between two `l`s (Catalan)
                guard before == "l", after == "l" else { return false }
            case 0x0375:  // GREEK LOWER NUMERAL SIGN: before a Greek letter
                guard let after, isGreek(after) else { return false }
            case 0x05F3, 0x05F4:  // HEBREW GERESH and GERSHAYIM: after a Hebrew letter
                guard let before, isHebrew(before) else { return false }
            case 0x30FB:  // KATAKANA MIDDLE DOT: in a label with Hiragana, Katakana or Han
                guard scalars.contains(where: { $0.value != 0x30FB && isJapanese($0) }) else { return false }
            case 0x0660...0x0669, 0x06F0...0x06F9:
                continue  // checked above, against each other
            default:
                guard isProtocolValid(scalar) else { return false }
            }
        }
        return true
    }

    /// Whether IDNA2008 allows the code point (PVALID), approximately: lower-case letters,
    /// marks and digits that NFKC case folding leaves alone, the RFC 5892 exceptions, and
    /// none of the blocks it excludes.
    private static func isProtocolValid(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007: return true  // PVALID exceptions
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: return false  // DISALLOWED exceptions
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return false  // old Hangul jamo
        case 0x20D0...0x20FF, 0x1D100...0x1D24F: return false  // ignorable blocks
        case 0x2D: return true
        default: break
        }
        if scalar.isASCII { return isDigit(UInt8(scalar.value)) || (0x61...0x7A).contains(scalar.value) }
        let properties = scalar.properties
        guard !properties.changesWhenNFKCCaseFolded, !properties.isDefaultIgnorableCodePoint,
            !properties.isNoncharacterCodePoint
        else { return false }
        switch properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private static func isVirama(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.canonicalCombiningClass == .virama
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x0591...0x05F4).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true  // kana
        case 0x2E80...0x2FDF, 0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return true  // Han
        default: return false
        }
    }

    /// RFC 5892 A.1's regular expression: a left- or dual-joining letter, transparent marks,
    /// the non-joiner, transparent marks, then a right- or dual-joining letter. Joining
    /// types are those of the Arabic block (where the non-joiner is used).
    private static func joinsAcrossNonJoiner(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        func isTransparent(_ scalar: Unicode.Scalar) -> Bool {
            [.nonspacingMark, .enclosingMark, .format].contains(scalar.properties.generalCategory) && scalar.value != 0x200C
        }
        var left = index - 1
        while left >= 0, isTransparent(scalars[left]) { left -= 1 }
        var right = index + 1
        while right < scalars.count, isTransparent(scalars[right]) { right += 1 }
        guard left >= 0, right < scalars.count else { return false }
        let before = arabicJoining(scalars[left])
        let after = arabicJoining(scalars[right])
        return (before == "L" || before == "D") && (after == "R" || after == "D")
    }

    /// The Unicode joining type of an Arabic letter: `D` (dual), `R` (right), or nil.
    private static func arabicJoining(_ scalar: Unicode.Scalar) -> Character? {
        switch scalar.value {
        case 0x0622...0x0625, 0x0627, 0x0629, 0x062F...0x0632, 0x0648, 0x0671...0x0673, 0x0675...0x0677,
            0x0688...0x0699, 0x06C0, 0x06C3...0x06CB, 0x06CD, 0x06CF, 0x06D2, 0x06D3, 0x06D5, 0x06EE, 0x06EF:
            return "R"
        case 0x0620...0x064A, 0x066E, 0x066F, 0x0678...0x06D3, 0x06FA...0x06FC, 0x06FF:
            return "D"
        default:
            return nil
        }
    }
}

/// RFC 3492 Punycode, for `xn--` labels and for the length of a label once encoded.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte) - 22
        case 0x41...0x5A: return Int(byte) - 0x41
        case 0x61...0x7A: return Int(byte) - 0x61
        default: return nil
        }
    }

    private static func digit(_ value: Int) -> Character {
        Character(Unicode.Scalar(UInt8(value < 26 ? value + 0x61 : value + 22)))
    }

    /// The code points an encoded label stands for; nil when it is not valid Punycode.
    static func decode(_ encoded: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        var output: [UInt32] = []
        var input = encoded
        if let delimiter = encoded.lastIndex(of: 0x2D) {
            output = encoded[..<delimiter].map(UInt32.init)
            input = encoded[(delimiter + 1)...]
            guard !input.isEmpty else { return nil }  // a bare `xn--abc-` encodes nothing
        }
        var n = initialN, i = 0, bias = initialBias
        var cursor = input.startIndex
        while cursor < input.endIndex {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard cursor < input.endIndex, let value = digitValue(input[cursor]) else { return nil }
                cursor += 1
                let (product, overflow) = value.multipliedReportingOverflow(by: weight)
                guard !overflow, i <= Int(Int32.max) - product else { return nil }
                i += product
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if value < t { break }
                weight *= base - t
                guard weight <= Int(Int32.max) else { return nil }
                k += base
            }
            bias = adapt(i - oldI, output.count + 1, oldI == 0)
            n += i / (output.count + 1)
            guard n <= 0x10FFFF else { return nil }
            i %= output.count + 1
            output.insert(UInt32(n), at: i)
            i += 1
        }
        let scalars = output.compactMap(Unicode.Scalar.init)
        return scalars.count == output.count ? scalars : nil
    }

    /// The Punycode of a label (without `xn--`); nil on overflow.
    static func encode(_ scalars: [Unicode.Scalar]) -> String? {
        let input = scalars.map { Int($0.value) }
        var output = String(String.UnicodeScalarView(scalars.filter(\.isASCII)))
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var n = initialN, delta = 0, bias = initialBias
        while handled < input.count {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (step, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow else { return nil }
            delta += step
            n = m
            for code in input {
                if code < n { delta += 1 }
                guard code == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, handled + 1, handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return output
    }
}
