import FreqKit
import Testing

@Suite("answers as people type them")
struct AnswersTests {
    @Test(arguments: [
        ("120000", 120_000), ("120,000", 120_000), ("120 000", 120_000), ("$120k", 120_000), ("120K", 120_000),
        ("1.2m", 1_200_000), ("€ 95,500", 95_500), ("120,000 EUR", 120_000), ("0", 0),
    ])
    func money(text: String, amount: Int) {
        #expect(Answers.money(text) == amount)
    }

    @Test(arguments: ["", "lots", "12.5", "1e9", "-", "k", "12,5k,"])
    func notMoney(text: String) {
        #expect(Answers.money(text) == nil, "\(text)")
    }
}
