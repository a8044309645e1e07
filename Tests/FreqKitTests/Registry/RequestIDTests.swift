import FreqKit
import Testing

@Suite("ids as people type them")
struct RequestIDTests {
    static let ids = ["FR-0008", "FR-0012", "BUG-0012", "eip-1559", "FR-0100"]

    @Test(arguments: [
        ("FR-0008", "FR-0008"), ("8", "FR-0008"), ("FR-8", "FR-0008"), ("fr-0008", "FR-0008"), ("0008", "FR-0008"),
        ("1559", "eip-1559"), ("EIP-1559", "eip-1559"), ("fr-12", "FR-0012"), ("bug-12", "BUG-0012"), ("100", "FR-0100"),
    ])
    func resolves(typed: String, id: String) {
        #expect(RequestID.resolve(typed, among: Self.ids) == id)
    }

    /// Ambiguous or unknown: nothing, so the caller says so instead of guessing.
    @Test(arguments: ["12", "FR-9", "10", "FR", ""])
    func refusesToGuess(typed: String) {
        #expect(RequestID.resolve(typed, among: Self.ids) == nil)
    }
}
