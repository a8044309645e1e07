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

    /// The quick test before normalizing never turns away a name that normalizes to the
    /// target, and turns away most that do not.
    @Test func theFirstByteTestKeepsEveryMatch() {
        var generator = SeededGenerator(seed: 17)
        let pieces = ["Acme", "ACME", "acme", "Globex", "Inc.", "&", "A&B", "3M", " ", "\t", ",", "-", "Sa", "é", "Émile", "x"]
        var turnedAway = 0
        for _ in 0..<3_000 {
            let name = (0..<Int.random(in: 0...5, using: &generator))
                .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            let target = CustomerList.normalized(pieces[Int.random(in: 0..<pieces.count, using: &generator)] + " Co")
            let matches = CustomerList.normalized(name) == target
            let kept = CustomerList.mightNormalize(name, to: target)
            #expect(!matches || kept, "\(name.debugDescription) -> \(target.debugDescription)")
            if !kept { turnedAway += 1 }
        }
        #expect(turnedAway > 1_000)
    }
}

@Suite("Markdown table text")
struct MarkdownTextTests {
    /// Text with nothing to escape is returned as it is; everything else as the
    /// Character-wise escape gives it.
    @Test func theShortcutEscapesAsTheCharacterWalk() {
        var generator = SeededGenerator(seed: 16)
        let pieces = ["FR-0042", "Export", " ", "|", "\\", "*", "_", "[", "]", "<", ">", "#", "!", "`", "&", "\n", "\r\n", "\t",
                      "é", "\u{2028}", "2026-12-02", "a.b", "(x)", "~", "\u{7F}", "\u{01}"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator))
                .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
            for keepCode in [true, false] {
                #expect(MarkdownText.escape(text, keepCode: keepCode) == MarkdownText.escapeCharacters(text, keepCode: keepCode), "\(text.debugDescription)")
            }
        }
    }
}
