import Foundation
import FreqTestSupport
import Testing

/// The shared test helpers of FreqTestSupport: what the other tests rely on.
@Suite("test support")
struct TestSupportTests {
    @Test func seededGeneratorIsSplitMix64() {
        // SplitMix64's reference outputs for seed 0.
        var generator = SeededGenerator(seed: 0)
        #expect([generator.next(), generator.next(), generator.next()] == [0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4, 0x06c4_5d18_8009_454f])
        var again = SeededGenerator(seed: 42)
        var other = SeededGenerator(seed: 42)
        #expect((0..<10).map { _ in Int.random(in: 0..<1000, using: &again) } == (0..<10).map { _ in Int.random(in: 0..<1000, using: &other) })
    }

    @Test func goldenFilesLiveInTheirTargetsGoldenFolder() {
        #expect(Golden.folder(forTestFile: "/p/Tests/FreqCLITests/Commands/QueryTests.swift").path == "/p/Tests/FreqCLITests/Golden")
        #expect(Golden.folder(forTestFile: "/p/Tests/FreqKitTests/StatisticsTests.swift").path == "/p/Tests/FreqKitTests/Golden")
        #expect(Golden.folder(forTestFile: #filePath).path.hasSuffix("/Tests/FreqKitTests/Golden"))
    }

    @Test func goldenDifferenceNamesTheFirstDifferingLine() {
        #expect(Golden.difference("x.txt", expected: "a\nb\n", actual: "a\nb\n") == nil)
        #expect(Golden.difference("x.txt", expected: "a\nb\n", actual: "a\nc\n")
            == "x.txt differs at line 2:\n  expected: b\n  actual:   c\n(RECORD_GOLDEN=1 rewrites it)")
        #expect(Golden.difference("x.txt", expected: "a\n", actual: "a") == "x.txt differs at line 2:\n  expected: \n  actual:   <end>\n(RECORD_GOLDEN=1 rewrites it)")
    }
}
