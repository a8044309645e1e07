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
