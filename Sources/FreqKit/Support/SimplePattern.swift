/// A regular expression of the simplest kind ids and tags are checked against, matched
/// without ICU: `^`, then ASCII letters, digits and `-`/`_` (or `\d`, `\.`, `\-`, or a
/// class such as `[a-z0-9-]`), each optionally followed by `?`, `*`, `+`, `{n}`, `{n,}` or
/// `{n,m}`, then `$`. `^FR-[0-9]{5}$` and `^[a-z0-9][a-z0-9-]*$` are such patterns.
///
/// Why: NSRegularExpression costs a few microseconds a call (it converts the text to
/// UTF-16 and enters ICU), and `validate` asks several patterns per file. Within this form
/// ICU (`id.pattern`) and ECMA-262 (a schema's `pattern`) agree on printable ASCII text —
/// `$` differs only before a final line break, `\d` only on non-ASCII digits — so
/// `matches` answers only for such text and returns nil otherwise; the caller then asks the
/// full engine. A differential test holds both to the same answers.
struct SimplePattern: Sendable {
    /// One position of the expanded pattern: a byte of `allowed`, once (or, when
    /// `repeats`, any number of times, zero included).
    private struct Step: Sendable {
        var allowed: ByteSet
        var optional: Bool
        var repeats: Bool
    }

    /// The set of printable ASCII bytes a step accepts.
    private struct ByteSet: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
        }
    }

    /// The steps as bit sets, the state set's bit `k` standing for step `k` (and bit
    /// `stepCount` for the end): for each printable ASCII byte, the steps that accept it;
    /// the steps that repeat, and those that may be skipped. A byte then moves every state
    /// at once, in a few instructions (step by step it was most of `new`'s next id).
    private let accepting: [UInt64]
    private let repeating: UInt64
    private let skippable: UInt64
    private let stepCount: Int

    /// More steps than fit the matcher's 64-bit state set: left to the full engine.
    private static let maximumSteps = 63

    /// Nil when `pattern` is not of the simple form.
    init?(_ pattern: String) {
        let p = Array(pattern.utf8)
        guard p.count >= 2, p[0] == UInt8(ascii: "^"), p[p.count - 1] == UInt8(ascii: "$") else { return nil }
        var steps: [Step] = []
        var i = 1
        let end = p.count - 1
        while i < end {
            var set = ByteSet()
            let c = p[i]
            if Self.isPlainLiteral(c) {
                set.insert(c)
                i += 1
            } else if c == UInt8(ascii: "\\") {
                guard i + 1 < end else { return nil }
                switch p[i + 1] {
                case UInt8(ascii: "d"): for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(digit) }
                case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"): set.insert(p[i + 1])
                default: return nil
                }
                i += 2
            } else if c == UInt8(ascii: "[") {
                guard let (parsed, next) = Self.parseClass(p, from: i + 1, end: end) else { return nil }
                set = parsed
                i = next
            } else {
                return nil
            }
            // The quantifier, if any.
            var minimum = 1
            var maximum: Int? = 1
            if i < end {
                switch p[i] {
                case UInt8(ascii: "?"): (minimum, maximum) = (0, 1); i += 1
                case UInt8(ascii: "*"): (minimum, maximum) = (0, nil); i += 1
                case UInt8(ascii: "+"): (minimum, maximum) = (1, nil); i += 1
                case UInt8(ascii: "{"):
                    guard let (low, high, next) = Self.parseBraces(p, from: i + 1, end: end) else { return nil }
                    (minimum, maximum) = (low, high)
                    i = next
                default: break
                }
                // Lazy and possessive forms, or a quantifier on a quantifier: not simple.
                if i < end, p[i] == UInt8(ascii: "?") || p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "*")
                    || p[i] == UInt8(ascii: "{")
                {
                    return nil
                }
            }
            let added = minimum + (maximum.map { $0 - minimum } ?? 1)
            guard steps.count + added <= Self.maximumSteps else { return nil }
            for _ in 0..<minimum { steps.append(Step(allowed: set, optional: false, repeats: false)) }
            if let maximum {
                for _ in minimum..<maximum { steps.append(Step(allowed: set, optional: true, repeats: false)) }
            } else {
                steps.append(Step(allowed: set, optional: true, repeats: true))
            }
        }
        // Bit `k` set where step `k` holds.
        func mask(_ holds: (Step) -> Bool) -> UInt64 {
            steps.indices.reduce(0) { mask, k in holds(steps[k]) ? mask | 1 << UInt64(k) : mask }
        }
        accepting = (0..<128).map { byte in mask { $0.allowed.contains(UInt8(byte)) } }
        repeating = mask(\.repeats)
        skippable = mask(\.optional)
        stepCount = steps.count
    }

    /// Whether the whole of `text` matches; nil when `text` is not all printable ASCII.
    func matches(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            // Bit k: the first k steps have consumed the text so far.
            var states = closure(1)
            for byte in bytes {
                guard byte >= 0x20, byte < 0x7F else { return nil }
                // Each state whose step accepts the byte stays (a repeat) or moves on one.
                let live = states & accepting[Int(byte)]
                states = closure((live & repeating) | (live & ~repeating) << 1)
                if states == 0 {
                    // Still check the rest is printable ASCII, so the answer does not depend
                    // on where the text stopped matching.
                    return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? false : nil
                }
            }
            return states & (1 << UInt64(stepCount)) != 0
        }
    }

    /// `states` plus every state reachable by skipping optional steps.
    private func closure(_ states: UInt64) -> UInt64 {
        var result = states
        while true {
            let next = result | (result & skippable) << 1
            if next == result { return result }
            result = next
        }
    }

    private static func isPlainLiteral(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
    }

    /// `[a-z0-9_-]` after its `[`: letters, digits, `_`, ranges between two of them, and a
    /// `-` first or last. Returns the set and the index after `]`.
    private static func parseClass(_ p: [UInt8], from start: Int, end: Int) -> (ByteSet, Int)? {
        var set = ByteSet()
        var i = start
        var empty = true
        while i < end, p[i] != UInt8(ascii: "]") {
            let c = p[i]
            if c == UInt8(ascii: "-") {
                // A literal only first or last in the class.
                guard i == start || (i + 1 < end && p[i + 1] == UInt8(ascii: "]")) else { return nil }
                set.insert(c)
                i += 1
            } else if isClassMember(c) {
                if i + 2 < end, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                    let last = p[i + 2]
                    guard isClassMember(last), c <= last, sameKind(c, last) else { return nil }
                    for byte in c...last { set.insert(byte) }
                    i += 3
                } else {
                    set.insert(c)
                    i += 1
                }
            } else {
                return nil
            }
            empty = false
        }
        guard i < end, !empty else { return nil }
        return (set, i + 1)
    }

    private static func isClassMember(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }

    /// Ranges only within lower-case letters, upper-case letters, or digits.
    private static func sameKind(_ a: UInt8, _ b: UInt8) -> Bool {
        func kind(_ c: UInt8) -> Int {
            c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") ? 0 : c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? 1 : c == UInt8(ascii: "_") ? 3 : 2
        }
        return kind(a) == kind(b) && kind(a) != 3
    }

    /// `{n}`, `{n,}` or `{n,m}` after its `{`, with small numbers: (n, m or nil, index after `}`).
    private static func parseBraces(_ p: [UInt8], from start: Int, end: Int) -> (Int, Int?, Int)? {
        func number(_ i: inout Int) -> Int? {
            var value = 0
            var digits = 0
            while i < end, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") {
                value = value * 10 + Int(p[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
                if digits > 3 { return nil }
            }
            return digits > 0 ? value : nil
        }
        var i = start
        guard let low = number(&i), i < end else { return nil }
        if p[i] == UInt8(ascii: "}") { return (low, low, i + 1) }
        guard p[i] == UInt8(ascii: ",") else { return nil }
        i += 1
        guard i < end else { return nil }
        if p[i] == UInt8(ascii: "}") { return (low, nil, i + 1) }
        guard let high = number(&i), high >= low, i < end, p[i] == UInt8(ascii: "}") else { return nil }
        return (low, high, i + 1)
    }
}
