import Foundation

/// What `freq new` needs to name a new request: the next id, a slug, the file name.
public enum RequestScaffold {
    /// A file-name slug of `title`: ASCII lower-case letters and digits joined by single
    /// `-`, accents transliterated (`é` → `e`, `ß` → `ss`), anything else a separator, cut
    /// at a word boundary to at most `maxLength` characters. Never empty (`request` when
    /// nothing is left), never holding `.` or `/`, so it cannot leave its folder.
    public static func slug(_ title: String, maxLength: Int = 60) -> String {
        let special: [Character: String] = [
            "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i",
        ]
        var words: [String] = []
        var word = ""
        // Canonical decomposition splits `é` into `e` and a combining accent, dropped below.
        for character in title.lowercased().decomposedStringWithCanonicalMapping {
            var piece = ""
            if let mapped = special[character] {
                piece = mapped
            } else {
                for scalar in character.unicodeScalars where scalar.isASCII {
                    if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                        piece.unicodeScalars.append(scalar)
                    } else {
                        piece = ""
                        break
                    }
                }
                if piece.isEmpty, character.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }),
                    let base = character.unicodeScalars.first, base.isASCII,
                    ("a"..."z").contains(base) || ("0"..."9").contains(base)
                {
                    piece = String(base)
                }
            }
            if piece.isEmpty {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word += piece
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.count <= maxLength {
                slug = candidate
            } else {
                // One overlong word is cut; otherwise stop at the last whole word.
                if slug.isEmpty { slug = String(word.prefix(maxLength)) }
                break
            }
        }
        return slug.isEmpty ? "request" : slug
    }

    /// The file name for a new request from the `id.filename` template: `{id}` is the id,
    /// the first `*` the slug (`{id}-*.md` → `FR-0012-export-invoices.md`); without a
    /// template `{id}-{slug}.md`. Nil when the result could leave its folder or is not a
    /// plain name (a `/`, a `..`, a wildcard other than `*` left over).
    public static func fileName(template: String?, id: String, slug: String) -> String? {
        let pattern = template ?? "{id}-*.md"
        var name = pattern.replacingOccurrences(of: "{id}", with: id)
        if let star = name.firstIndex(of: "*") {
            name.replaceSubrange(star...star, with: slug)
        }
        guard !name.isEmpty, name != ".", name != "..", !name.hasPrefix("."),
            !name.contains("/"), !name.contains("\\"), !name.contains("*"), !name.contains("?"), !name.contains("["),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return nil }
        return name
    }

    /// The next free id: one more than the highest number among `existing` ids of the
    /// dominant shape (prefix, digits, suffix), zero-padded like them (`FR-0012` after
    /// `FR-0011`); with no ids, the first one the pattern allows (`^FR-[0-9]{4,}$` →
    /// `FR-0001`). Nil when neither the ids nor the pattern say what an id looks like,
    /// or the candidate does not match `pattern`.
    public static func nextID(after existing: [String], pattern: String?) -> String? {
        let regex = pattern.flatMap { SendableRegex(pattern: $0) }
        return nextID(shapes: shapes(of: existing, matching: regex), pattern: pattern, matching: regex)
    }

    /// `nextID(after:)` of the ids in `lists` together, without repeats. Counted with repeats
    /// where all are of one shape (the usual registry): only the counts of shapes change
    /// with repeats, and they only choose between shapes. No set of them all is made then
    /// (hashing 200,000 ids was a tenth of `new` on 100,000 requests).
    public static func nextID(afterAll lists: [[String]], pattern: String?) -> String? {
        let regex = pattern.flatMap { SendableRegex(pattern: $0) }
        // A list the same as the one before it (a branch whose requests have the same ids)
        // adds no id: left out, each list compared with one other only.
        var distinct: [[String]] = []
        for list in lists where distinct.last != list { distinct.append(list) }
        let repeated = shapes(of: distinct.joined(), matching: regex)
        guard repeated.count > 1 else { return nextID(shapes: repeated, pattern: pattern, matching: regex) }
        return nextID(shapes: shapes(of: Set(distinct.joined()), matching: regex), pattern: pattern, matching: regex)
    }

    private static func nextID(shapes: [Shape: ShapeCount], pattern: String?, matching regex: SendableRegex?) -> String? {
        let candidate: String
        if let (shape, stats) = shapes.max(by: { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key.prefix > $1.key.prefix }) {
            guard stats.maximum < Int.max - 1 else { return nil }
            candidate = shape.prefix + pad(stats.maximum + 1, stats.width) + shape.suffix
        } else if let pattern, let (shape, width) = shapeOfPattern(pattern) {
            candidate = shape.prefix + pad(1, width) + shape.suffix
        } else if pattern == nil {
            candidate = "1"
        } else {
            return nil
        }
        return (regex?.matches(candidate) ?? true) ? candidate : nil
    }

    typealias ShapeCount = (count: Int, maximum: Int, width: Int)

    /// How many of `ids` (those `regex` matches) have each shape, their highest number and
    /// their fewest digits.
    private static func shapes(of ids: some Sequence<String>, matching regex: SendableRegex?) -> [Shape: ShapeCount] {
        // SendableRegex matches a simple pattern (`^FR-[0-9]{4,}$`) without ICU: `new` asks
        // about every id in the working tree and on every branch.
        var shapes: [Shape: ShapeCount] = [:]
        // Ids of one shape mostly follow each other (often all of them do): a run of them is
        // counted apart and added once, not hashed into `shapes` id by id.
        var run: (shape: Shape, count: Int, maximum: Int, width: Int)?
        func endRun() {
            guard let run else { return }
            let previous = shapes[run.shape] ?? (0, 0, Int.max)
            shapes[run.shape] = (previous.count + run.count, max(previous.maximum, run.maximum), min(previous.width, run.width))
        }
        for id in ids where regex?.matches(id) ?? true {
            guard let (shape, number, digits) = split(id) else { continue }
            if let current = run, current.shape == shape {
                run = (shape, current.count + 1, max(current.maximum, number), min(current.width, digits))
            } else {
                endRun()
                run = (shape, 1, number, digits)
            }
        }
        endRun()
        return shapes
    }

    struct Shape: Hashable {
        var prefix: String
        var suffix: String
    }

    /// `FR-0042` → (`FR-`, ``), 42, 4 digits; nil without digits or for too many digits.
    /// Read as UTF-8 bytes: the digits are ASCII, and no other character's bytes are.
    static func split(_ id: String) -> (Shape, Int, Int)? {
        var id = id
        return id.withUTF8 { bytes -> (Shape, Int, Int)? in
            func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            guard let lastDigit = bytes.lastIndex(where: isDigit) else { return nil }
            var firstDigit = lastDigit
            while firstDigit > 0, isDigit(bytes[firstDigit - 1]) { firstDigit -= 1 }
            let count = lastDigit - firstDigit + 1
            guard count <= 18 else { return nil }
            let number = bytes[firstDigit...lastDigit].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<firstDigit]), as: UTF8.self)
            let suffix = String(decoding: UnsafeBufferPointer(rebasing: bytes[(lastDigit + 1)...]), as: UTF8.self)
            return (Shape(prefix: prefix, suffix: suffix), number, count)
        }
    }

    /// `^FR-[0-9]{4,}$` → (`FR-`, ``), 4: a literal prefix, one digit run, a literal suffix.
    static func shapeOfPattern(_ pattern: String) -> (Shape, Int)? {
        var text = Substring(pattern)
        if text.hasPrefix("^") { text = text.dropFirst() }
        if text.hasSuffix("$") { text = text.dropLast() }
        let digitClasses = ["[0-9]", "\\d"]
        guard let digitClass = digitClasses.compactMap({ text.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else {
            return nil
        }
        guard let prefix = literal(text[..<digitClass.lowerBound]) else { return nil }
        var rest = text[digitClass.upperBound...]
        var width = 1
        if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            guard let minimum = Int(inside.split(separator: ",", omittingEmptySubsequences: false).first ?? "") else {
                return nil
            }
            width = max(1, minimum)
            rest = rest[rest.index(after: close)...]
        } else if rest.hasPrefix("+") || rest.hasPrefix("*") {
            rest = rest.dropFirst()
        }
        guard let suffix = literal(rest) else { return nil }
        return (Shape(prefix: prefix, suffix: suffix), width)
    }

    /// The text a regular-expression fragment matches when it has no special characters
    /// (escaped ones allowed: `\-`, `\.`); nil otherwise.
    static func literal(_ fragment: Substring) -> String? {
        var out = ""
        var escaped = false
        for character in fragment {
            if escaped {
                guard !character.isLetter, !character.isNumber else { return nil }
                out.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if ".[](){}*+?|^$".contains(character) {
                return nil
            } else {
                out.append(character)
            }
        }
        return escaped ? nil : out
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension JSONSchema {
    /// The property names the root schema requires (its `required`, including those
    /// reached through `$ref` and `allOf`), in schema order: what `freq new` must ask for.
    public var requiredProperties: [String] {
        var names: [String] = []
        var seen: Set<SchemaNodeID> = []
        var stack: [SchemaNodeID] = [0]
        // Only `$ref` and `allOf` make a requirement unconditional; `anyOf`, `oneOf` and
        // `if`/`then` branches may not apply.
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            for keyword in nodes[id].keywords {
                switch keyword {
                case .required(let required):
                    for name in required where !names.contains(name) { names.append(name) }
                case .ref(let target, _): stack.append(target)
                case .allOf(let branches): stack.append(contentsOf: branches.reversed())
                default: continue
                }
            }
        }
        return names
    }
}
