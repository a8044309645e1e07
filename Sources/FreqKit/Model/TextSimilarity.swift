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
    /// numbered, all of them in flat arrays. `check --base` asks about every added request
    /// against every existing one; `score` computed both texts' trigrams (as string
    /// dictionaries) for every pair, 1.3 ms per added request on a large registry.
    public struct Index<Candidate> {
        let candidates: [Candidate]
        let normalizedTitles: [String]
        /// Candidate `i`'s trigram numbers (ascending) are `grams[starts[i]..<starts[i + 1]]`,
        /// with their counts at the same positions of `counts`.
        let grams: [Int32]
        let counts: [Int32]
        let starts: [Int]
        let totals: [Int]
        let numbers: [String: Int32]

        public init(_ candidates: [Candidate], title: (Candidate) -> String) {
            self.candidates = candidates
            var numbers: [String: Int32] = [:]
            var normalizedTitles: [String] = []
            var grams: [Int32] = []
            var counts: [Int32] = []
            var starts = [0]
            var totals: [Int] = []
            for candidate in candidates {
                let text = TextSimilarity.normalized(title(candidate))
                normalizedTitles.append(text)
                let profile = Self.profile(text, numbering: &numbers, adding: true)
                grams += profile.map(\.gram)
                counts += profile.map(\.count)
                starts.append(grams.count)
                totals.append(profile.reduce(0) { $0 + Int($1.count) })
            }
            self.normalizedTitles = normalizedTitles
            self.grams = grams
            self.counts = counts
            self.starts = starts
            self.totals = totals
            self.numbers = numbers
        }

        /// The candidates scoring at least `threshold` against `text` (the same score as
        /// `TextSimilarity.score`), best first, then in the order given; at most `limit`.
        public func similar(to text: String, threshold: Double, limit: Int = .max) -> [(candidate: Candidate, score: Double)] {
            let normalizedText = TextSimilarity.normalized(text)
            var numbering = numbers
            let query = Self.profile(normalizedText, numbering: &numbering, adding: false)
            let queryTotal = query.reduce(0) { $0 + Int($1.count) }
            let queryGrams = query.map(\.gram)
            let queryCounts = query.map(\.count)
            // Best first, then by index; kept to `limit` as it goes.
            var found: [(index: Int, score: Double)] = []
            func better(_ a: (index: Int, score: Double), _ b: (index: Int, score: Double)) -> Bool {
                a.score != b.score ? a.score > b.score : a.index < b.index
            }
            grams.withUnsafeBufferPointer { grams in
                counts.withUnsafeBufferPointer { counts in
                    for index in totals.indices {
                        let total = queryTotal + totals[index]
                        let score: Double
                        if total == 0 {
                            score = normalizedText == normalizedTitles[index] ? 1 : 0
                        } else {
                            // Dice is at most 2·min/(sum): skip what cannot reach the threshold.
                            guard Double(2 * min(queryTotal, totals[index])) >= threshold * Double(total) else { continue }
                            var shared = 0
                            var i = 0
                            var j = starts[index]
                            let end = starts[index + 1]
                            while i < queryGrams.count && j < end {
                                if queryGrams[i] == grams[j] {
                                    shared += Int(min(queryCounts[i], counts[j]))
                                    i += 1
                                    j += 1
                                } else if queryGrams[i] < grams[j] {
                                    i += 1
                                } else {
                                    j += 1
                                }
                            }
                            score = Double(2 * shared) / Double(total)
                        }
                        guard score >= threshold else { continue }
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

        /// Trigrams of a normalised text, ascending; unknown ones numbered from -1 down when
        /// not `adding` (they match no candidate, and still count in the total).
        static func profile(_ text: String, numbering: inout [String: Int32], adding: Bool) -> [(gram: Int32, count: Int32)] {
            var profile: [(gram: Int32, count: Int32)] = []
            var unknown: Int32 = 0
            for (gram, count) in TextSimilarity.trigrams(text) {
                let number: Int32
                if let known = numbering[gram] {
                    number = known
                } else if adding {
                    number = Int32(numbering.count)
                    numbering[gram] = number
                } else {
                    unknown -= 1
                    number = unknown
                }
                profile.append((number, Int32(count)))
            }
            return profile.sorted { $0.gram < $1.gram }
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
