import FreqKit
import Testing

@Suite("JSON numbers")
struct JSONNumberTests {
    /// A front-matter float far beyond `Int` (`x: 1e300`) once trapped `list --format json`.
    @Test(arguments: [
        (1e300, "1e+300"), (-9.3e18, "-9.3e+18"), (40.0, "40.0"), (0.25864, "0.2586"), (0.00001234, "0.0"),
        (1234567.5, "1234567.5"),
    ])
    func hugeAndOrdinaryValues(value: Double, text: String) {
        #expect(JSONWriter.formatted(value, places: 4) == text)
    }
}
