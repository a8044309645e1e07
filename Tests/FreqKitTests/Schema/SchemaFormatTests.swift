import FreqKit
import Testing

/// One format and one text that is, or is not, written in it.
struct FormatCase: Sendable, CustomTestStringConvertible {
    let format: String
    let text: String
    let valid: Bool

    init(_ format: String, _ text: String, _ valid: Bool) {
        self.format = format
        self.text = text
        self.valid = valid
    }

    var testDescription: String { "`\(text)` is \(valid ? "" : "not ")a valid \(format)" }
}

private func check(_ testCase: FormatCase, formats: SchemaFormatMode = .assert) throws -> Bool {
    let schema = try JSONSchema(.object(["format": .string(testCase.format)]), formats: formats)
    let valid = schema.isValid(.string(testCase.text))
    #expect(schema.validate(.string(testCase.text)).isEmpty == valid)
    #expect(schema.warnings.isEmpty)
    return valid
}

/// Valid and invalid examples of every draft 2020-12 format, from the RFCs each names.
@Suite("JSONSchema formats")
struct SchemaFormatTests {
    @Test(arguments: [
        // RFC 3339 full-date and date-time, on the real calendar.
        FormatCase("date", "2026-02-28", true), FormatCase("date", "2024-02-29", true),
        FormatCase("date", "2026-02-29", false), FormatCase("date", "2026-13-01", false),
        FormatCase("date", "2026-1-01", false), FormatCase("date", "2026-01-0\u{09EA}", false),
        FormatCase("date-time", "2026-11-02T10:14:03Z", true), FormatCase("date-time", "2026-11-02t10:14:03.5+01:00", true),
        FormatCase("date-time", "2026-11-02 10:14:03Z", false), FormatCase("date-time", "2026-11-02T10:14:03", false),
        FormatCase("time", "23:59:60Z", true), FormatCase("time", "10:14:03-05:30", true),
        FormatCase("time", "10:14:03", false), FormatCase("time", "24:00:00Z", false),
        FormatCase("time", "12:59:60Z", false),  // a leap second only at 23:59:60 UTC
    ])
    func datesAndTimes(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: [
        // ISO 8601 durations as RFC 3339 appendix A writes them.
        FormatCase("duration", "P4DT12H30M5S", true), FormatCase("duration", "P1Y2M", true),
        FormatCase("duration", "PT36H", true), FormatCase("duration", "P2W", true), FormatCase("duration", "P0D", true),
        FormatCase("duration", "P", false), FormatCase("duration", "PT", false), FormatCase("duration", "P1D2H", false),
        FormatCase("duration", "P2W1D", false), FormatCase("duration", "P1M1Y", false),
        FormatCase("duration", "P1Y1D", false),  // months may not be skipped
        FormatCase("duration", "PT1H1S", false), FormatCase("duration", "P1.5D", false),
        FormatCase("duration", "4D", false), FormatCase("duration", "P\u{0662}Y", false),
    ])
    func durations(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: [
        FormatCase("email", "jana@example.com", true), FormatCase("email", "j.o'neil+x@example.com", true),
        FormatCase("email", "\"jana doe\"@example.com", true), FormatCase("email", "jana@[192.0.2.1]", true),
        FormatCase("email", "jana@[IPv6:2001:db8::1]", true),
        FormatCase("email", "jana", false), FormatCase("email", ".jana@example.com", false),
        FormatCase("email", "ja..na@example.com", false), FormatCase("email", "jana@-example.com", false),
        FormatCase("email", "jäna@example.com", false),
        FormatCase("idn-email", "jäna@example.com", true), FormatCase("idn-email", "실례@실례.테스트", true),
        FormatCase("idn-email", "jana", false), FormatCase("idn-email", "jana@-bücher.example", false),
    ])
    func emails(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: [
        FormatCase("hostname", "www.example.com", true), FormatCase("hostname", "localhost", true),
        FormatCase("hostname", "1host", true), FormatCase("hostname", "xn--bcher-kva.example", true),
        FormatCase("hostname", String(repeating: "a", count: 63) + ".com", true),
        FormatCase("hostname", String(repeating: "a", count: 64) + ".com", false),
        FormatCase("hostname", "", false), FormatCase("hostname", "-host", false), FormatCase("hostname", "host-", false),
        FormatCase("hostname", "host_name", false), FormatCase("hostname", "a..b", false),
        FormatCase("hostname", "bücher.example", false), FormatCase("hostname", "ab--cd", false),
        FormatCase("hostname", "xn--X", false),  // not Punycode of a valid label
        FormatCase("idn-hostname", "bücher.example", true), FormatCase("idn-hostname", "실례.테스트", true),
        FormatCase("idn-hostname", "例え。テスト", true),  // ideographic full stop
        FormatCase("idn-hostname", "l\u{00B7}l", true), FormatCase("idn-hostname", "a\u{00B7}l", false),
        FormatCase("idn-hostname", "\u{0915}\u{094D}\u{200D}\u{0937}", true),  // joiner after a virama
        FormatCase("idn-hostname", "\u{0915}\u{200D}\u{0937}", false),
        FormatCase("idn-hostname", "\u{0628}\u{064A}\u{200C}\u{0628}\u{064A}", true),  // non-joiner between joining letters
        FormatCase("idn-hostname", "\u{03B1}\u{0375}\u{03B2}", true), FormatCase("idn-hostname", "\u{03B1}\u{0375}s", false),
        FormatCase("idn-hostname", "\u{05D0}\u{05F3}\u{05D1}", true), FormatCase("idn-hostname", "a\u{05F3}\u{05D1}", false),
        FormatCase("idn-hostname", "\u{30FB}\u{3041}", true), FormatCase("idn-hostname", "abc\u{30FB}def", false),
        FormatCase("idn-hostname", "\u{0628}\u{0660}\u{06F0}", false),  // two kinds of Arabic digits
        FormatCase("idn-hostname", "\u{0300}hello", false),  // starts with a combining mark
        FormatCase("idn-hostname", "\u{302E}실례", false), FormatCase("idn-hostname", "a\u{0640}b", false),
        FormatCase("idn-hostname", "BÜCHER.example", false),  // not what case folding keeps
        FormatCase("idn-hostname", "-bücher", false),
        // 35 characters are 58 as Punycode (with `xn--`), 45 are 68: over the 63 a label may have.
        FormatCase("idn-hostname", String(repeating: "실례테스트", count: 7), true),
        FormatCase("idn-hostname", String(repeating: "실례테스트", count: 9), false),
    ])
    func hostnames(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: [
        FormatCase("ipv4", "192.0.2.10", true), FormatCase("ipv4", "0.0.0.0", true),
        FormatCase("ipv4", "256.0.0.1", false), FormatCase("ipv4", "192.0.2", false), FormatCase("ipv4", "01.2.3.4", false),
        FormatCase("ipv4", "1.2.3.\u{0664}", false), FormatCase("ipv4", " 1.2.3.4", false),
        FormatCase("ipv6", "2001:db8::1", true), FormatCase("ipv6", "::", true), FormatCase("ipv6", "::ffff:192.0.2.1", true),
        FormatCase("ipv6", "1:2:3:4:5:6:7:8", true),
        FormatCase("ipv6", "1:2:3:4:5:6:7:8:9", false), FormatCase("ipv6", "1::2::3", false),
        FormatCase("ipv6", "fe80::1%eth0", false), FormatCase("ipv6", "12345::", false), FormatCase("ipv6", ":1:2", false),
    ])
    func ipAddresses(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: [
        FormatCase("uri", "https://example.com/a/b?c=d#e", true), FormatCase("uri", "urn:isbn:0451450523", true),
        FormatCase("uri", "mailto:jana@example.com", true), FormatCase("uri", "http://[2001:db8::1]:8080/", true),
        FormatCase("uri", "//example.com/a", false), FormatCase("uri", "a/b", false), FormatCase("uri", "https://exa mple.com", false),
        FormatCase("uri", "https://example.com/ü", false), FormatCase("uri", "1http://x", false),
        FormatCase("uri-reference", "../a/b#c", true), FormatCase("uri-reference", "", true),
        FormatCase("uri-reference", "//example.com/a", true), FormatCase("uri-reference", "#frag", true),
        FormatCase("uri-reference", "a b", false), FormatCase("uri-reference", "\\\\server\\share", false),
        FormatCase("uri-reference", "#a#b", false),
        FormatCase("iri", "https://bücher.example/straße", true), FormatCase("iri", "https://example.com", true),
        FormatCase("iri", "/straße", false), FormatCase("iri", "https://example.com/a b", false),
        FormatCase("iri-reference", "/straße?q=ü", true), FormatCase("iri-reference", "a b", false),
        FormatCase("uri-template", "https://example.com/{id}", true), FormatCase("uri-template", "/search{?q,lang}", true),
        FormatCase("uri-template", "{+path:6}/here{#section*}", true), FormatCase("uri-template", "no-variables", true),
        FormatCase("uri-template", "https://example.com/{id", false), FormatCase("uri-template", "{}", false),
        FormatCase("uri-template", "{a b}", false), FormatCase("uri-template", "{a:10000}", false),
        FormatCase("uri-template", "{a..b}", false), FormatCase("uri-template", "{a,}", false),
        FormatCase("uri-template", "it's/{id}", true),
    ])
    func uris(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: [
        FormatCase("uuid", "123e4567-e89b-12d3-a456-426614174000", true), FormatCase("uuid", "00000000-0000-0000-0000-000000000000", true),
        FormatCase("uuid", "123e4567e89b12d3a456426614174000", false), FormatCase("uuid", "123e4567-e89b-12d3-a456-42661417400g", false),
        FormatCase("uuid", "123e4567-e89b-12d3a-456-426614174000", false),
        FormatCase("json-pointer", "", true), FormatCase("json-pointer", "/requested_by/0/customer", true),
        FormatCase("json-pointer", "/a~1b/~0", true), FormatCase("json-pointer", "/", true),
        FormatCase("json-pointer", "a/b", false), FormatCase("json-pointer", "/a~2", false), FormatCase("json-pointer", "/a~", false),
        FormatCase("relative-json-pointer", "0", true), FormatCase("relative-json-pointer", "1/name", true),
        FormatCase("relative-json-pointer", "2#", true), FormatCase("relative-json-pointer", "0-1/a", true),
        FormatCase("relative-json-pointer", "/a", false), FormatCase("relative-json-pointer", "01/a", false),
        FormatCase("relative-json-pointer", "1#/a", false), FormatCase("relative-json-pointer", "-1/a", false),
        FormatCase("relative-json-pointer", "+1/a", false),
        FormatCase("regex", "^FR-[0-9]{4,}$", true), FormatCase("regex", "\\p{L}+", true),
        FormatCase("regex", "^(abc", false), FormatCase("regex", "[a-", false),
    ])
    func identifiersAndPatterns(_ testCase: FormatCase) throws { #expect(try check(testCase) == testCase.valid) }

    @Test(arguments: SchemaFormatTestsSupport.everyFormat)
    func annotateChecksNothing(_ format: String) throws {
        #expect(try check(FormatCase(format, "not at all valid \u{0}", true), formats: .annotate))
    }

    @Test func everyFormatHasAnExampleThatPasses() throws {
        let examples: [String: String] = [
            "date": "2026-11-02", "date-time": "2026-11-02T10:14:03Z", "time": "10:14:03Z", "duration": "P3D",
            "email": "jana@example.com", "idn-email": "jana@example.com", "hostname": "www.example.com",
            "idn-hostname": "www.example.com", "ipv4": "192.0.2.10", "ipv6": "2001:db8::1", "uri": "https://example.com/page",
            "uri-reference": "../page#part", "iri": "https://example.com/page", "iri-reference": "../page#part",
            "uuid": "123e4567-e89b-12d3-a456-426614174000", "uri-template": "https://example.com/{id}",
            "json-pointer": "/requested_by/0/customer", "relative-json-pointer": "0/name", "regex": "^a+$",
        ]
        #expect(Set(examples.keys) == Set(SchemaFormatTestsSupport.everyFormat))
        for (format, text) in examples { #expect(try check(FormatCase(format, text, true)), "\(format)") }
    }

    @Test func messageNamesTheFormatAndShowsAnExample() throws {
        let schema = try JSONSchema(.object(["properties": .object(["ticket": .object(["format": .string("uuid")])])]))
        let violation = try #require(schema.validate(.object(["ticket": .string("8812")])).first)
        #expect(violation.message == "`ticket` is `8812`, which is not a valid UUID")
        #expect(violation.hint == "use a UUID like 123e4567-e89b-12d3-a456-426614174000")
        #expect(violation.keyword == "format")
    }

    @Test func unknownFormatWarnsAndOpenAPIFormatsDoNot() throws {
        let unknown = try JSONSchema(.object(["format": .string("hostnam")]))
        #expect(unknown.warnings.first?.hint == "did you mean `hostname`?")
        let openAPI = try JSONSchema(.object(["format": .string("int64")]))
        #expect(openAPI.warnings.isEmpty)
    }
}

enum SchemaFormatTestsSupport {
    static let everyFormat = [
        "date", "date-time", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
        "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template", "json-pointer",
        "relative-json-pointer", "regex",
    ]
}
