import Testing

@testable import FreqKit

@Suite("Schema URIs, Punycode and exact comparison")
struct SchemaURITests {
    /// RFC 3986 section 5.4's examples, against its base `http://a/b/c/d;p?q`.
    @Test(arguments: [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"), ("..", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"),
        ("../../../g", "http://a/g"), ("/./g", "http://a/g"), ("g.", "http://a/b/c/g."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
        ("g;x=1/../y", "http://a/b/c/y"),
    ])
    func resolvesAsTheRFCSays(_ reference: String, _ expected: String) {
        #expect(SchemaURI("http://a/b/c/d;p?q").resolving(reference).description == expected)
    }

    @Test func folderOfAURI() {
        #expect(SchemaURI("https://example.com/schemas/request.json#x").folder.description == "https://example.com/schemas/")
        #expect(SchemaURI("file:///schema/request.schema.json").folder.description == "file:///schema/")
    }

    /// RFC 3492's own example (section 7.1 (L) is too long here), and the usual `bücher`.
    @Test(arguments: [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("例え", "r8jz45g"), ("실례", "9n2bp8q")])
    func punycodeBothWays(_ label: String, _ encoded: String) throws {
        #expect(Punycode.encode(Array(label.unicodeScalars)) == encoded)
        let decoded = try #require(Punycode.decode(Array(encoded.utf8)[...]))
        #expect(String(String.UnicodeScalarView(decoded)) == label)
    }

    @Test func punycodeRefusesGarbage() {
        #expect(Punycode.decode(Array("bcher-".utf8)[...]) == nil)
        #expect(Punycode.decode(Array("99999999999".utf8)[...]) == nil)
        #expect(Punycode.decode(Array("a_b".utf8)[...]) == nil)
    }

    /// Swift calls a precomposed `é` and `e` + combining acute equal; JSON Schema does not.
    @Test func exactValuesCompareCodePoints() {
        let precomposed = JSONValue.string("caf\u{E9}")
        let decomposed = JSONValue.string("cafe\u{301}")
        #expect(precomposed == decomposed)  // what Swift says, and why ExactValue exists
        #expect(ExactValue(precomposed) != ExactValue(decomposed))
        #expect(Set([ExactValue(precomposed), ExactValue(decomposed)]).count == 2)
        #expect(ExactValue(.integer(1)) == ExactValue(.double(1.0)))
        #expect(ExactValue(.object(["a": .integer(1), "b": .array([.string("x")])]))
            == ExactValue(.object(["b": .array([.string("x")]), "a": .double(1)])))
        #expect(ExactValue(.array([.integer(1), .integer(2)])) != ExactValue(.array([.integer(2), .integer(1)])))
        #expect(ExactValue(.bool(true)) != ExactValue(.integer(1)))
    }
}
