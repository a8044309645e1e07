import FreqKit
import Testing

@Suite("JSON numbers")
struct JSONNumberTests {
    /// For people: rounded. A front-matter float far beyond `Int` (`x: 1e300`) once trapped.
    @Test(arguments: [
        (1e300, "1e+300"), (-9.3e18, "-9.3e+18"), (40.0, "40.0"), (0.25864, "0.2586"), (0.00001234, "0.0"),
        (1234567.5, "1234567.5"),
    ])
    func roundedForPeople(value: Double, text: String) {
        #expect(JSONWriter.formatted(value, places: 4) == text)
    }

    /// For programs: every digit that tells this double from its neighbours, and no more.
    @Test(arguments: [0.03125, 4.0 / 7.0, 4.925000000000001, 1e300, 1e-05, 40.0, -0.0, 123456789.123])
    func exactReadsBackTheSameDouble(value: Double) throws {
        let text = try #require(JSONWriter.exact(value))
        #expect(Double(text) == value)
        #expect(Double(text)?.sign == value.sign)
    }

    @Test func notANumberIsNull() {
        #expect(JSONWriter.exact(.nan) == nil)
        #expect(JSONWriter.exact(.infinity) == nil)
        #expect(JSONWriter.exact(nil) == nil)
        #expect(JSONWriter.exact(0.03125) == "0.03125")
    }
}
