/// "Did you mean" suggestions: the nearest candidate by edit distance, if near enough.
public enum Suggestion {
    /// The candidate closest to `word` (case-insensitive Levenshtein distance), or nil
    /// when none is within a third of the word's length (at least 1, at most 3 edits).
    /// Ties go to the first in byte order, so the answer never depends on the order of
    /// `candidates` (often a set or a dictionary's keys).
    public static func nearest<S: Sequence>(to word: String, among candidates: S) -> String?
    where S.Element == String {
        let lowered = Array(word.lowercased().unicodeScalars)
        let limit = min(3, max(1, lowered.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            guard distance <= limit else { continue }
            if let best, distance > best.distance || (distance == best.distance && !candidate.precedesInByteOrder(best.name)) {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Levenshtein distance with transpositions counted as one edit.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
