/// How alike two short texts (request titles) are, from 0 (nothing shared) to 1 (same
/// words). Used to warn before filing a request that probably exists already.
public enum TextSimilarity {
    /// Dice coefficient over character trigrams of the normalised texts (lower-cased,
    /// letters and digits only, words joined by single spaces): robust to word order,
    /// plurals and small typos ("Export invoice as CSV" vs "CSV export of invoices").
    public static func score(_ a: String, _ b: String) -> Double {
        let left = trigrams(normalized(a))
        let right = trigrams(normalized(b))
        if left.isEmpty && right.isEmpty { return normalized(a) == normalized(b) ? 1 : 0 }
        var shared = 0
        var remaining = right
        for (gram, count) in left {
            let other = remaining[gram] ?? 0
            shared += min(count, other)
            remaining[gram] = nil
        }
        let total = left.values.reduce(0, +) + right.values.reduce(0, +)
        return total == 0 ? 0 : Double(2 * shared) / Double(total)
    }

    /// Candidates scoring at least `threshold` against `text`, best first (the same
    /// score as `score`, computed on trigram numbers instead of string dictionaries:
    /// `new` asks once against every title of the registry, on every core).
    public static func similar(to text: String, among candidates: [(id: String, title: String)], threshold: Double)
        -> [(candidate: (id: String, title: String), score: Double)]
    {
        similarIndices(to: text, count: candidates.count, threshold: threshold) { index, body in
            var title = candidates[index].title
            title.withUTF8(body)
        }
        .map { (candidates[$0.index], $0.score) }
        .sorted(by: bestFirst)
    }

    /// `similar`'s order: the higher score first, then the id in byte order.
    static func bestFirst(
        _ a: (candidate: (id: String, title: String), score: Double), _ b: (candidate: (id: String, title: String), score: Double)
    ) -> Bool {
        a.score != b.score ? a.score > b.score : a.candidate.id.precedesInByteOrder(b.candidate.id)
    }

    /// The indices of the candidates scoring at least `threshold` against `text`, in no
    /// particular order. `withTitle(index, body)` hands candidate `index`'s title to `body`
    /// as UTF-8 bytes, or does not call it when that candidate has none: a registry's
    /// titles are compared where its cache holds them, no string made.
    static func similarIndices(
        to text: String, count: Int, threshold: Double,
        withTitle: @Sendable (Int, (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) -> [(index: Int, score: Double)] {
        var numbering = GramNumbering()
        let query = numbering.grams(of: text, adding: true)
        let numbered = numbering
        // For titles without trigrams (`dice`'s `sameText`).
        let queryText = query.isEmpty ? TextSimilarity.normalized(text) : ""
        // A slice per core for a large registry; below that, threads cost more than they save.
        let slices = count < 2_048 ? 1 : System.coreCount
        let found = ParallelWork.map(Array(0..<slices), chunks: slices) { slice -> [(index: Int, score: Double)] in
            var numbering = numbered
            var grams: [Int32] = []
            var found: [(index: Int, score: Double)] = []
            query.withUnsafeBufferPointer { query in
                for index in ParallelWork.range(of: slice, in: slices, count: count) {
                    var score: Double?
                    withTitle(index) { title in
                        numbering.grams(ofUTF8: title, adding: false, into: &grams)
                        score = grams.withUnsafeBufferPointer { grams in
                            dice(query, grams[...], threshold: threshold) {
                                TextSimilarity.normalized(String(decoding: title, as: UTF8.self)) == queryText
                            }
                        }
                    }
                    if let score { found.append((index, score)) }
                }
            }
            return found
        }
        return Array(found.joined())
    }

    /// `score` of two texts' sorted trigram numbers, or nil below `threshold`. Two texts
    /// without trigrams score 1 when `sameText` (asked only then: their normalised forms are
    /// the same; a lone combining letter has none, and is not nothing), else 0.
    /// Dice is at most 2·min/(sum): what cannot reach the threshold is skipped unread
    /// (the bound computed with the score's own division, so a score equal to the
    /// threshold is never skipped by a rounding of `threshold · sum`).
    static func dice(
        _ left: UnsafeBufferPointer<Int32>, _ right: Slice<UnsafeBufferPointer<Int32>>, threshold: Double, sameText: () -> Bool
    ) -> Double? {
        let total = left.count + right.count
        guard total > 0 else {
            let score: Double = sameText() ? 1 : 0
            return score >= threshold ? score : nil
        }
        guard Double(2 * min(left.count, right.count)) / Double(total) >= threshold else { return nil }
        let score = Double(2 * sharedCount(left, right)) / Double(total)
        return score >= threshold ? score : nil
    }

    /// How many numbers two ascending lists share, repeats counted (the sum over trigrams
    /// of the smaller count).
    static func sharedCount(_ left: UnsafeBufferPointer<Int32>, _ right: Slice<UnsafeBufferPointer<Int32>>) -> Int {
        var shared = 0
        var i = left.startIndex
        var j = right.startIndex
        while i < left.endIndex && j < right.endIndex {
            if left[i] == right[j] {
                shared += 1
                i += 1
                j += 1
            } else if left[i] < right[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    /// Titles prepared once for many `similar` questions: each one's trigram numbers in one
    /// flat array. `check --base` asks about every added request against every existing one.
    public struct Index<Candidate> {
        let candidates: [Candidate]
        /// Candidate `i`'s trigram numbers (ascending, repeats kept) are
        /// `grams[starts[i]..<starts[i + 1]]`.
        let grams: [Int32]
        let starts: [Int]
        let numbering: GramNumbering
        /// The normalised titles of the candidates without trigrams, by index (compared
        /// as `score` compares two such texts).
        let withoutGrams: [Int: String]

        public init(_ candidates: [Candidate], title: (Candidate) -> String) {
            self.candidates = candidates
            var numbering = GramNumbering()
            var grams: [Int32] = []
            var starts = [0]
            var withoutGrams: [Int: String] = [:]
            starts.reserveCapacity(candidates.count + 1)
            for (index, candidate) in candidates.enumerated() {
                let text = title(candidate)
                let numbers = numbering.grams(of: text, adding: true)
                if numbers.isEmpty { withoutGrams[index] = TextSimilarity.normalized(text) }
                grams += numbers
                starts.append(grams.count)
            }
            self.withoutGrams = withoutGrams
            self.grams = grams
            self.starts = starts
            self.numbering = numbering
        }

        /// The candidates scoring at least `threshold` against `text` (the same score as
        /// `TextSimilarity.score`), best first, then in the order given; at most `limit`.
        public func similar(to text: String, threshold: Double, limit: Int = .max) -> [(candidate: Candidate, score: Double)] {
            var numbering = numbering
            let query = numbering.grams(of: text, adding: false)
            let queryText = query.isEmpty ? TextSimilarity.normalized(text) : ""
            // Best first, then by index; kept to `limit` as it goes.
            var found: [(index: Int, score: Double)] = []
            func better(_ a: (index: Int, score: Double), _ b: (index: Int, score: Double)) -> Bool {
                a.score != b.score ? a.score > b.score : a.index < b.index
            }
            query.withUnsafeBufferPointer { query in
                grams.withUnsafeBufferPointer { grams in
                    for index in candidates.indices {
                        let range = starts[index]..<starts[index + 1]
                        guard let score = TextSimilarity.dice(query, grams[range], threshold: threshold, sameText: {
                            withoutGrams[index] == queryText
                        }) else { continue }
                        let entry = (index: index, score: score)
                        if found.count == limit {
                            guard let last = found.last, better(entry, last) else { continue }
                            found.removeLast()
                        }
                        let position = found.firstIndex { better(entry, $0) } ?? found.endIndex
                        found.insert(entry, at: position)
                    }
                }
            }
            return found.map { (candidates[$0.index], $0.score) }
        }
    }

    /// Numbers for trigrams: three ASCII characters are their three bytes (below 2²⁴), so
    /// an ASCII title is numbered from its bytes alone; any other trigram is numbered from
    /// 2²⁴ on when `adding`, else -1 (it matches none of the numbered ones, and counts).
    struct GramNumbering: Sendable {
        private var others: [String: Int32] = [:]

        /// The trigram numbers of `text`'s normalised form, ascending, repeats kept.
        mutating func grams(of text: String, adding: Bool) -> [Int32] {
            var grams: [Int32] = []
            self.grams(of: text, adding: adding, into: &grams)
            return grams
        }

        /// `grams(of:adding:)` into `grams` (emptied first): one buffer for many texts.
        mutating func grams(of text: String, adding: Bool, into grams: inout [Int32]) {
            var text = text
            text.withUTF8 { self.grams(ofUTF8: $0, adding: adding, into: &grams) }
        }

        /// `grams(of:adding:into:)` of a text's UTF-8 bytes (a string is made only for
        /// a text with a byte outside ASCII).
        mutating func grams(ofUTF8 bytes: UnsafeBufferPointer<UInt8>, adding: Bool, into grams: inout [Int32]) {
            grams.removeAll(keepingCapacity: true)
            if Self.asciiGrams(bytes, into: &grams) { return }
            grams.removeAll(keepingCapacity: true)
            let text = String(decoding: bytes, as: UTF8.self)
            let characters = Array(" " + TextSimilarity.normalized(text) + " ")
            guard characters.count >= 3 else { return }
            for index in 0...(characters.count - 3) {
                let window = characters[index..<(index + 3)]
                if window.allSatisfy({ $0.unicodeScalars.count == 1 && $0.isASCII }) {
                    grams.append(window.reduce(0) { $0 << 8 | Int32($1.asciiValue ?? 0) })
                } else {
                    let key = String(window)
                    if let known = others[key] {
                        grams.append(known)
                    } else if adding {
                        let number = Int32(1 << 24) + Int32(others.count)
                        others[key] = number
                        grams.append(number)
                    } else {
                        grams.append(-1)
                    }
                }
            }
            grams.sort()
        }

        /// `grams` of an ASCII text without building strings: letters lower-cased, digits
        /// kept, every other run of bytes one space between words (what `normalized`
        /// does to ASCII). False when the text has a byte outside ASCII.
        static func asciiGrams(_ bytes: UnsafeBufferPointer<UInt8>, into grams: inout [Int32]) -> Bool {
            // The last two bytes of " " + normalised text, as a rolling window.
            var window: Int32 = 0x20
            var length = 1
            var inWord = false
            for byte in bytes {
                guard byte < 0x80 else { return false }
                let folded: UInt8
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): folded = byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): folded = byte | 0x20
                default:
                    inWord = false
                    continue
                }
                if !inWord && length > 1 {
                    // The space between this word and the one before.
                    window = (window << 8 | 0x20) & 0xFF_FFFF
                    length += 1
                    if length >= 3 { grams.append(window) }
                }
                inWord = true
                window = (window << 8 | Int32(folded)) & 0xFF_FFFF
                length += 1
                if length >= 3 { grams.append(window) }
            }
            // The closing space.
            window = (window << 8 | 0x20) & 0xFF_FFFF
            length += 1
            if length >= 3 { grams.append(window) }
            grams.sort()
            return true
        }
    }

    static func normalized(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    static func trigrams(_ text: String) -> [String: Int] {
        let characters = Array(" " + text + " ")
        guard characters.count >= 3 else { return [:] }
        var grams: [String: Int] = [:]
        for index in 0...(characters.count - 3) {
            grams[String(characters[index..<(index + 3)]), default: 0] += 1
        }
        return grams
    }
}
