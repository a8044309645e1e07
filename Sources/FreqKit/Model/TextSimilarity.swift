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

    /// Candidates scoring at least `threshold` against `text`, best first.
    public static func similar<S: Sequence>(to text: String, among candidates: S, threshold: Double)
        -> [(candidate: S.Element, score: Double)] where S.Element == (id: String, title: String)
    {
        candidates.compactMap { candidate in
            let value = score(text, candidate.title)
            return value >= threshold ? (candidate, value) : nil
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.candidate.id.precedesInByteOrder($1.candidate.id) }
    }

    /// Titles prepared once for many `similar` questions: each one's trigrams counted and
    /// numbered. `check --base` asks about every added request against every existing
    /// one; scoring by `score` computed both texts' trigrams (as string dictionaries) for
    /// every pair, 1.3 ms per added request on a large registry.
    public struct Index<Candidate> {
        /// A text's trigrams as (number, count), sorted by number, and their total count.
        struct Profile {
            var grams: [(gram: Int, count: Int)]
            var total: Int
            var isEmpty: Bool { total == 0 }
        }

        let candidates: [Candidate]
        let profiles: [Profile]
        let normalizedTitles: [String]
        var numbers: [String: Int] = [:]

        public init(_ candidates: [Candidate], title: (Candidate) -> String) {
            self.candidates = candidates
            var numbers: [String: Int] = [:]
            var profiles: [Profile] = []
            var normalizedTitles: [String] = []
            for candidate in candidates {
                let text = TextSimilarity.normalized(title(candidate))
                normalizedTitles.append(text)
                profiles.append(Self.profile(text, numbering: &numbers, adding: true))
            }
            self.profiles = profiles
            self.normalizedTitles = normalizedTitles
            self.numbers = numbers
        }

        /// The candidates scoring at least `threshold` against `text` (the same score as
        /// `TextSimilarity.score`), best first, then in the order given.
        public func similar(to text: String, threshold: Double) -> [(candidate: Candidate, score: Double)] {
            let normalizedText = TextSimilarity.normalized(text)
            var numbers = numbers
            let query = Self.profile(normalizedText, numbering: &numbers, adding: false)
            var found: [(index: Int, score: Double)] = []
            for (index, profile) in profiles.enumerated() {
                let score: Double
                if query.isEmpty && profile.isEmpty {
                    score = normalizedText == normalizedTitles[index] ? 1 : 0
                } else {
                    // Dice is at most 2·min/(sum): skip what cannot reach the threshold.
                    let total = query.total + profile.total
                    guard Double(2 * min(query.total, profile.total)) >= threshold * Double(total) else { continue }
                    score = Double(2 * Self.shared(query, profile)) / Double(total)
                }
                if score >= threshold { found.append((index, score)) }
            }
            return found.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
                .map { (candidates[$0.index], $0.score) }
        }

        /// Trigrams of a normalised text; unknown ones numbered from -1 down when not `adding`
        /// (they match no candidate, and still count in the total).
        static func profile(_ text: String, numbering: inout [String: Int], adding: Bool) -> Profile {
            var counts: [Int: Int] = [:]
            for (gram, count) in TextSimilarity.trigrams(text) {
                let number: Int
                if let known = numbering[gram] {
                    number = known
                } else if adding {
                    number = numbering.count
                    numbering[gram] = number
                } else {
                    number = -1 - counts.count
                }
                counts[number, default: 0] += count
            }
            let grams = counts.map { (gram: $0.key, count: $0.value) }.sorted { $0.gram < $1.gram }
            return Profile(grams: grams, total: grams.reduce(0) { $0 + $1.count })
        }

        /// Σ min(count) over the trigrams both have: a merge of two sorted lists.
        static func shared(_ a: Profile, _ b: Profile) -> Int {
            var i = 0
            var j = 0
            var shared = 0
            while i < a.grams.count && j < b.grams.count {
                let left = a.grams[i]
                let right = b.grams[j]
                if left.gram == right.gram {
                    shared += min(left.count, right.count)
                    i += 1
                    j += 1
                } else if left.gram < right.gram {
                    i += 1
                } else {
                    j += 1
                }
            }
            return shared
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
