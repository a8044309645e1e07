@testable import FreqKit
import FreqTestSupport
import Testing

@Suite("customer names")
struct CustomerNameTests {
    /// The byte-wise ASCII path gives what the Character-wise one gives, on names built
    /// from every kind of ASCII byte: letters of both cases, digits, `&`, punctuation,
    /// spaces, tabs, CR LF and control bytes, with and without legal forms.
    @Test func asciiNamesNormalizeAsText() {
        var generator = SeededGenerator(seed: 15)
        let pieces = ["Acme", "ACME", "acme", "Globex", "Inc.", "inc", "GmbH", "Ltd", "co", "&", "A&B", "3M", "r2d2",
                      " ", "  ", "\t", "\r\n", ",", ".", "-", "_", "'", "\u{01}", "(", ")", "Sa", "S.A.", "plc", "x"]
        for _ in 0..<3_000 {
            let name = (0..<Int.random(in: 0...7, using: &generator))
                .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            #expect(CustomerList.asciiNormalized(name) == CustomerList.textNormalized(name), "\(name.debugDescription)")
        }
        for byte in UInt8(0)..<0x80 {
            let name = "Ab" + String(decoding: [byte], as: UTF8.self) + "Cd Inc"
            #expect(CustomerList.asciiNormalized(name) == CustomerList.textNormalized(name), "byte \(byte)")
        }
        #expect(CustomerList.normalized("ACME, Inc.") == "acme")
        #expect(CustomerList.normalized("Société Générale SA") == "societe generale")
    }
}
