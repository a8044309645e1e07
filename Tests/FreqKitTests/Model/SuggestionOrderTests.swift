import FreqKit
import Testing

@Suite("did you mean: the same answer every run")
struct SuggestionOrderTests {
    /// Candidates often come from a set or a dictionary, whose order changes from run to
    /// run: a tie must not depend on it.
    @Test func tiesGoToTheFirstInByteOrder() {
        let candidates = ["FR-0009", "FR-0001", "FR-0005", "FR-0008", "FR-0006"]
        for rotation in 0..<candidates.count {
            let order = Array(candidates[rotation...] + candidates[..<rotation])
            #expect(Suggestion.nearest(to: "FR-0007", among: order) == "FR-0001")
            #expect(Suggestion.nearest(to: "FR-0007", among: order.reversed()) == "FR-0001")
        }
    }
}
