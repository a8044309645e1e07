import FreqPaths
import FreqTestSupport
import Testing

@Suite("file names as bytes (PathBytes)")
struct PathBytesTests {
    @Test func validUTF8IsTheTextItself() {
        for name in ["requests/FR-0001-a.md", "caf\u{E9}", "cafe\u{301}", "日本.md", "🙂"] {
            #expect(PathBytes.text(Array(name.utf8)).utf8.elementsEqual(name.utf8))
            #expect(PathBytes.escaped(name).utf8.elementsEqual(name.utf8))
        }
    }

    @Test func bytesThatAreNotUTF8AreKeptAndShownEscaped() {
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".md".utf8)
        let text = PathBytes.text(latin1)
        #expect(PathBytes.bytes(text) == latin1)
        #expect(PathBytes.escaped(text) == "caf\\xE9.md")
        #expect(!text.utf8.elementsEqual(PathBytes.text(Array("caf".utf8) + [0xE8] + Array(".md".utf8)).utf8))
        // A truncated sequence, a lone continuation byte, an overlong form, a surrogate.
        for bytes: [UInt8] in [[0xC3], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0x41]] {
            #expect(PathBytes.bytes(PathBytes.text(bytes)) == bytes, "\(bytes)")
        }
    }

    /// A name that really holds a scalar of the reserved range is held byte by byte, so it
    /// cannot be mistaken for the one byte that scalar stands for.
    @Test func theReservedRangeItselfStaysDistinct() {
        let reserved = Array("\u{10FFE9}".utf8)
        let text = PathBytes.text(reserved)
        #expect(PathBytes.bytes(text) == reserved)
        #expect(!PathBytes.bytes(text).elementsEqual([0xE9]))
        #expect(PathBytes.escaped(text) == "\\xF4\\x8F\\xBF\\xA9")
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyByteStringComesBackExactly(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...12, using: &random)
            // Mostly high bytes: the interesting cases.
            let bytes = (0..<count).map { _ in UInt8.random(in: 0x70...0xFF, using: &random) }
            let text = PathBytes.text(bytes)
            #expect(PathBytes.bytes(text) == bytes)
            #expect(PathBytes.withCString(text) { pointer in
                (0..<bytes.count).allSatisfy { UInt8(bitPattern: pointer[$0]) == bytes[$0] } && pointer[bytes.count] == 0
            } || bytes.contains(0))
        }
    }
}
