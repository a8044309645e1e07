import FreqKit
import FreqTestSupport
import Testing

/// `check --base` asks about every added request with a prepared index of the existing
/// titles: it must answer exactly what the pairwise score answers.
@Suite("title similarity index")
struct TextSimilarityIndexTests {
    @Test(arguments: [11, 12] as [UInt64])
    func theIndexAnswersAsThePairwiseScore(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let words = ["export", "invoices", "invoice", "as", "CSV", "csv", "PDF", "dark", "mode", "Émile", "emile", "日本", "", "!!", "SSO", "login"]
        func title() -> String {
            (0..<Int.random(in: 0...5, using: &random)).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }
                .joined(separator: " ")
        }
        let existing = (0..<200).map { (id: "FR-\($0)", title: title()) }.sorted { $0.id.precedesInByteOrder($1.id) }
        let index = TextSimilarity.Index(existing) { $0.title }
        for _ in 0..<200 {
            let asked = title()
            for threshold in [0.0, 0.5, 0.8, 1.0] {
                let expected = TextSimilarity.similar(to: asked, among: existing, threshold: threshold)
                let answered = index.similar(to: asked, threshold: threshold)
                #expect(answered.map(\.candidate.id) == expected.map(\.candidate.id), "\(asked) at \(threshold)")
                #expect(answered.map(\.score) == expected.map(\.score))
                let top = index.similar(to: asked, threshold: threshold, limit: 3)
                #expect(top.map(\.candidate.id) == Array(expected.prefix(3)).map(\.candidate.id))
            }
        }
    }
}
