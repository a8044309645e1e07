import FreqKit
import FreqTestSupport
import Testing

/// `check --base` asks about every added request with a prepared index of the existing
/// titles, `new` asks once against every title: both must answer exactly what the
/// pairwise score (string trigrams of the normalised texts) answers, ASCII titles (read as
/// bytes) and others alike.
@Suite("title similarity index")
struct TextSimilarityIndexTests {
    @Test(arguments: [11, 12] as [UInt64])
    func theIndexAnswersAsThePairwiseScore(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let words = ["export", "invoices", "invoice", "as", "CSV", "csv", "PDF", "dark", "mode", "Émile", "emile", "日本", "", "!!", "SSO", "login",
            "a", "A1", "v2.0", "x\r\ny", "tab\there", "\u{212A}elvin", "kelvin", "ÉMILE", "ab-c", "  ", "\u{093F}", "???"]
        func title() -> String {
            (0..<Int.random(in: 0...6, using: &random)).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }
                .joined(separator: " ")
        }
        let existing = (0..<200).map { (id: "FR-\($0)", title: title()) }.sorted { $0.id.precedesInByteOrder($1.id) }
        let index = TextSimilarity.Index(existing) { $0.title }
        for _ in 0..<200 {
            let asked = title()
            // 0.07, 0.14, 0.55 and 0.56 times some trigram totals round above a score
            // equal to them: such a score must still count.
            for threshold in [0.0, 0.07, 0.14, 0.5, 0.55, 0.56, 0.8, 1.0] {
                let expected = existing.compactMap { candidate -> (candidate: (id: String, title: String), score: Double)? in
                    let score = TextSimilarity.score(asked, candidate.title)
                    return score >= threshold ? (candidate, score) : nil
                }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.candidate.id.precedesInByteOrder($1.candidate.id) }
                let oneQuestion = TextSimilarity.similar(to: asked, among: existing, threshold: threshold)
                #expect(oneQuestion.map(\.candidate.id) == expected.map(\.candidate.id), "\(asked) at \(threshold)")
                #expect(oneQuestion.map(\.score) == expected.map(\.score))
                let answered = index.similar(to: asked, threshold: threshold)
                #expect(answered.map(\.candidate.id) == expected.map(\.candidate.id), "\(asked) at \(threshold)")
                #expect(answered.map(\.score) == expected.map(\.score))
                let top = index.similar(to: asked, threshold: threshold, limit: 3)
                #expect(top.map(\.candidate.id) == Array(expected.prefix(3)).map(\.candidate.id))
            }
        }
    }

    /// A score equal to the threshold is similar, however `threshold · total` rounds; two
    /// texts without trigrams are alike only when they normalise to the same text.
    @Test func edgesOfTheScore() {
        let existing = [(id: "FR-1", title: "abcdefg hijklmnopq"), (id: "FR-2", title: "\u{093F}")]
        // 14 of 25 trigrams: exactly 0.56, while 0.56 · 25 is 14.000000000000002.
        #expect(TextSimilarity.score("abcdefg", "abcdefg hijklmnopq") == 0.56)
        #expect(TextSimilarity.similar(to: "abcdefg", among: existing, threshold: 0.56).map(\.candidate.id) == ["FR-1"])
        #expect(TextSimilarity.Index(existing) { $0.title }.similar(to: "abcdefg", threshold: 0.56).map(\.candidate.id) == ["FR-1"])
        // A lone vowel sign is a letter with no trigram; "???" normalises to nothing.
        #expect(TextSimilarity.score("\u{093F}", "???") == 0)
        #expect(TextSimilarity.similar(to: "???", among: existing, threshold: 0.5).isEmpty)
        #expect(TextSimilarity.Index(existing) { $0.title }.similar(to: "???", threshold: 0.5).isEmpty)
        #expect(TextSimilarity.similar(to: "\u{093F}", among: existing, threshold: 0.5).map(\.candidate.id) == ["FR-2"])
    }
}
