import Foundation
import FreqTestSupport
import Testing

/// The support agent's path: `new` and `plus-one` never write a file they know is wrong.
@Suite("support path: values checked before writing")
struct SupportPathTests {
    static let valid = ["--title", "Export invoices as CSV", "--area", "billing", "--severity", "2", "--customer", "Acme Corp"]

    /// The fixture registry with a schema as strict as a real one: segments enumerated,
    /// ARR at least 0, titles of at most 120 characters.
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        let strict = RegistryFixture.schema
            .replacingOccurrences(of: #""segment": {"type": "string"}"#, with: #""segment": {"enum": ["enterprise", "smb"]}"#)
            .replacingOccurrences(of: #""arr": {"type": "integer"}"#, with: #""arr": {"type": "integer", "minimum": 0}"#)
            .replacingOccurrences(of: #""minLength": 3}"#, with: #""minLength": 3, "maxLength": 120}"#)
        #expect(strict.contains("maxLength") && strict.contains("minimum\": 0") && strict.contains("smb"))
        try scratch.write("schema/request.schema.json", strict)
        try scratch.commit("a strict schema")
        return scratch
    }

    static func files(_ scratch: ScratchRepository) throws -> [String] {
        let folder = scratch.root.appendingPathComponent("requests").path
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    /// Each bad value of each flag: exit 2, the flag named with what is allowed, nothing written.
    @Test(arguments: [
        (["--severity", "9"], "--severity: `severity` must be at most 4, found 9"),
        (["--segment", "Enterprise"], "--segment:"),
        (["--ticket", "9001"], "--ticket:"),
        (["--arr=-5"], "--arr:"),
        (["--title", "ab"], "--title:"),
        (["--title", String(repeating: "x", count: 496)], "--title:"),
        (["--date", "2026-02-30"], "--date"),
    ])
    func newRefusesABadValue(change: [String], expected: String) throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["new"] + Self.valid + change + ["--yes"], in: scratch.root)
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stderr.contains("freq: error: " + expected) || output.stderr.contains(expected), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(try Self.files(scratch).isEmpty)
    }

    @Test func theSegmentRefusalNamesTheAllowedValuesAndTheNearest() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["new"] + Self.valid + ["--segment", "Enterprise", "--yes"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("not one of `enterprise`, `smb` (did you mean `enterprise`?)"), "\(output.stderr)")
        #expect(output.stderr.hasSuffix("nothing was written\n"))
    }

    @Test func plusOneRefusesABadValueAndKeepsTheFile() throws {
        let scratch = try RegistryFixture.make()
        let original = RegistryFixture.request("FR-0001", status: "new")
        try scratch.write("requests/FR-0001-a.md", original)
        let output = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "Globex", "--ticket", "not a link"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("freq: error: --ticket:"), "\(output.stderr)")
        let now = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-a.md"), encoding: .utf8)
        #expect(now == original)
        // The fixed value goes in.
        let fixed = try FreqBinary.run(
            ["plus-one", "FR-0001", "--customer", "Globex", "--ticket", "https://support.example.com/t/2"], in: scratch.root)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    /// A refused draft leaves nothing behind, so the retry is not blocked as a similar title.
    @Test func aRetryAfterARefusalIsNotADuplicate() throws {
        let scratch = try RegistryFixture.make()
        _ = try FreqBinary.run(["new"] + Self.valid + ["--severity", "9"], in: scratch.root)
        let retry = try FreqBinary.run(["new"] + Self.valid, in: scratch.root)
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(!retry.stderr.contains("similar title"))
        #expect(try Self.files(scratch) == ["FR-0001-export-invoices-as-csv.md"])
    }
}

@Suite("support path: finding the request meant")
struct RequestLookupTests {
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0008-audit.md", RegistryFixture.request("FR-0008", status: "new", title: "Audit log"))
        try scratch.write("requests/FR-0002-broken.md", "---\nid: FR-0002\ntitle: [unclosed\nstatus: new\n---\n")
        try scratch.write("requests/FR-0009-dup.md", RegistryFixture.request(
            "FR-0009", status: "duplicate", title: "Audit trail", extra: "duplicate_of: FR-0008\n"))
        try scratch.commit("registry")
        return scratch
    }

    /// `8`, `FR-8` and `fr-0008` mean FR-0008 wherever an id is taken.
    @Test(arguments: ["8", "FR-8", "fr-0008", "FR-0008"])
    func idsAsPeopleTypeThem(typed: String) throws {
        let scratch = try Self.registry()
        let show = try FreqBinary.run(["show", typed], in: scratch.root)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("FR-0008  new"))
        let log = try FreqBinary.run(["log", typed], in: scratch.root)
        #expect(log.status == 0, "\(log.stderr)")
        let move = try FreqBinary.run(["move", typed, "triaged"], in: scratch.root)
        #expect(move.status == 0, "\(move.stderr)")
        #expect(move.stdout.contains("FR-0008-audit.md: new → triaged"))
    }

    /// A broken file is named as such, never as a missing request.
    @Test func anUnreadableRequestIsNotReportedAsMissing() throws {
        let scratch = try Self.registry()
        for command in [["show", "FR-0002"], ["move", "FR-0002", "triaged"], ["plus-one", "FR-0002", "--customer", "Globex"]] {
            let output = try FreqBinary.run(command, in: scratch.root)
            #expect(output.status == 2)
            #expect(output.stderr.contains("`FR-0002` is in `requests/FR-0002-broken.md`, which cannot be read"), "\(command): \(output.stderr)")
            #expect(!output.stderr.contains("did you mean"))
        }
        try scratch.write("requests/FR-0010-dup.md", RegistryFixture.request(
            "FR-0010", status: "duplicate", title: "Other", extra: "duplicate_of: FR-0002\n"))
        let validate = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(validate.stdout.contains("`duplicate_of` names `FR-0002`, whose file `requests/FR-0002-broken.md` cannot be read"))
        #expect(!validate.stdout.contains("which is not an existing request"))
    }

    /// The customer of a duplicate is demand for the request it repeats.
    @Test func plusOneOnADuplicateGoesToTheCanonicalRequest() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["plus-one", "FR-0009", "--customer", "Globex", "--date", "2026-02-01"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "FR-0009 is a duplicate of FR-0008, where its demand counts: requests/FR-0008-audit.md: added Globex (1 customer)\n")
        let canonical = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0008-audit.md"), encoding: .utf8)
        #expect(canonical.contains("customer: Globex"))
        let duplicate = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0009-dup.md"), encoding: .utf8)
        #expect(!duplicate.contains("Globex"))
    }
}

@Suite("support path: files other YAML readers read the same")
struct YAMLReadersTests {
    /// PyYAML and Ruby read `NO` as false and `2026-01-01` as a date: such names are quoted,
    /// while the registry's own dates stay plain.
    @Test func namesAYAML11ReaderWouldRetypeAreQuoted() throws {
        let scratch = try RegistryFixture.make()
        let output = try FreqBinary.run(
            ["new", "--title", "Export invoices", "--customer", "NO", "--segment", "2026-01-01", "--date", "2026-02-03", "--yes"],
            in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        let written = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-export-invoices.md"), encoding: .utf8)
        #expect(written.contains("  - customer: \"NO\"\n"))
        #expect(written.contains("    segment: \"2026-01-01\"\n"))
        #expect(written.contains("    date: 2026-02-03\n"))
        #expect(written.contains("created: 2026-02-03\n"))
        let plusOne = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "on", "--date", "2026-02-04"], in: scratch.root)
        #expect(plusOne.status == 0, "\(plusOne.stderr)")
        let after = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-export-invoices.md"), encoding: .utf8)
        #expect(after.contains("  - customer: \"on\"\n    date: 2026-02-04\n"))
    }

    @Test func aLineBreakInAOneLineFieldIsRefused() throws {
        let scratch = try RegistryFixture.make()
        let output = try FreqBinary.run(["new", "--title", "Export\ninvoices", "--customer", "Acme", "--yes"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("freq: error: --title: `title` must be one line"), "\(output.stderr)")
        let customer = try FreqBinary.run(["new", "--title", "Export invoices", "--customer", "Acme\nCorp", "--yes"], in: scratch.root)
        #expect(customer.status == 2)
        #expect(customer.stderr.contains("freq: error: --customer:"), "\(customer.stderr)")
    }
}

@Suite("support path: one voice for mistakes")
struct UsageVoiceTests {
    @Test(arguments: [["lst"], ["help", "lst"]])
    func anUnknownCommandIsNamedWithTheNearest(arguments: [String]) throws {
        let scratch = try RegistryFixture.make()
        let output = try FreqBinary.run(arguments, in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr == "freq: error: `lst` is not a freq command; did you mean `list`? (`freq help` lists them)\n")
        #expect(output.stdout.isEmpty)
    }

    @Test func aValueThatLooksLikeAnOptionGetsTheFix() throws {
        let scratch = try RegistryFixture.make()
        let output = try FreqBinary.run(["plus-one", "FR-0001", "--customer", "- evil: yes"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: missing value for '--customer <customer>'; a value that starts with `-` goes after `=`: --customer='- evil: yes'"))
        #expect(!output.stderr.contains("Usage:"))
    }

    @Test func everyUsageErrorSpeaksTheSameWay() throws {
        let scratch = try RegistryFixture.make()
        let output = try FreqBinary.run(["validate", "--format", "xml"], in: scratch.root)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("freq: error: the value 'xml' is invalid for '--format <format>'"))
        #expect(output.stderr.hasSuffix("(see `freq help validate`)\n"))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }
}

@Suite("support path: one customer, one spelling")
struct CustomerSpellingTests {
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request(
            "FR-0001", status: "new", title: "Audit log", extra: "requested_by:\n  - customer: Globex\n  - customer: Émile Söhne\n"))
        try scratch.write("requests/FR-0002-b.md", RegistryFixture.request("FR-0002", status: "new", title: "Dark mode"))
        try scratch.commit("registry")
        return scratch
    }

    @Test(arguments: ["Globex Inc.", "globex", "GLOBEX  GmbH"])
    func theSameCustomerOnTheSameRequestIsRefused(spelling: String) throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["plus-one", "FR-0001", "--customer", spelling], in: scratch.root)
        #expect(output.status == 1)
        #expect(output.stderr.contains("`Globex` already asked for FR-0001"), "\(output.stderr)")
    }

    @Test func anotherSpellingElsewhereIsNamed() throws {
        let scratch = try Self.registry()
        let output = try FreqBinary.run(["plus-one", "FR-0002", "--customer", "Emile  Sohne"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("freq: warning: `Emile  Sohne` looks like `Émile Söhne` (FR-0001), already in the registry"))
        #expect(output.stderr.contains("--customer \"Émile Söhne\""))
        let quiet = try FreqBinary.run(["plus-one", "FR-0002", "--customer", "Initech"], in: scratch.root)
        #expect(!quiet.stderr.contains("looks like"))
    }
}

@Suite("support path: paths as seen from where freq runs")
struct RelativePathTests {
    @Test func findingsAndEditsNamePathsFromTheCurrentFolder() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new", extra: "stauts: x\n"))
        try scratch.write("docs/readme.txt", "x\n")
        let inRequests = try FreqBinary.run(["validate"], in: scratch.root.appendingPathComponent("requests"))
        #expect(inRequests.stdout.hasPrefix("FR-0001-a.md:5:1: error[unknown-key]"), "\(inRequests.stdout)")
        let inDocs = try FreqBinary.run(["validate"], in: scratch.root.appendingPathComponent("docs"))
        #expect(inDocs.stdout.hasPrefix("../requests/FR-0001-a.md:5:1:"))
        // Programs keep paths from the repository root.
        let json = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root.appendingPathComponent("docs"))
        #expect(json.stdout.contains("\"path\": \"requests/FR-0001-a.md\""))
        let moved = try FreqBinary.run(["move", "FR-0001", "triaged"], in: scratch.root.appendingPathComponent("requests"))
        #expect(moved.stdout.hasPrefix("FR-0001-a.md: new → triaged"), "\(moved.stdout)")
    }
}

@Suite("decisions carry their reason")
struct MoveReasonTests {
    static func registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try scratch.write("schema/registry.yml", RegistryFixture.config.replacingOccurrences(
            of: "  initial: new\n", with: "  initial: new\n  reason_required: [declined]\n"))
        try scratch.write("schema/request.schema.json", RegistryFixture.schema.replacingOccurrences(
            of: #""duplicate_of": {"type": "string"},"#, with: #""duplicate_of": {"type": "string"}, "reason": {"type": "string"},"#))
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "new"))
        try scratch.commit("registry")
        return scratch
    }

    @Test func moveWritesTheReasonAndCheckRequiresIt() throws {
        let scratch = try Self.registry()
        let refused = try FreqBinary.run(["move", "FR-0001", "declined"], in: scratch.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("moving to `declined` needs --reason TEXT"))
        let moved = try FreqBinary.run(["move", "FR-0001", "declined", "--reason", "Out of scope for this year"], in: scratch.root)
        #expect(moved.status == 0, "\(moved.stderr)")
        let text = try String(contentsOf: scratch.root.appendingPathComponent("requests/FR-0001-a.md"), encoding: .utf8)
        #expect(text.contains("status: declined\nreason: Out of scope for this year\n"))
        #expect(try FreqBinary.run(["check", "--base", "main"], in: scratch.root).status == 0)
        // The same move by hand, without the reason, fails the pull request.
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request("FR-0001", status: "declined"))
        let check = try FreqBinary.run(["check", "--base", "main"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stdout.contains("error[reason-missing]: the move to `declined` has no `reason`"))
    }
}

@Suite("what did we tell this customer")
struct CustomerCommandTests {
    @Test func customerShowsEachAskItsReasonAndTheChangesSince() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request(
            "FR-0001", status: "new", extra: "requested_by:\n  - customer: Acme Corp\n    date: 2020-01-01\n"))
        try scratch.commit("Acme asks")
        #expect(try FreqBinary.run(["move", "FR-0001", "declined", "--reason", "Out of scope"], in: scratch.root).status == 0)
        try scratch.commit("Decline FR-0001")
        let output = try FreqBinary.run(["customer", "acme corp."], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Acme Corp: 1 request, 0 actioned\n"))
        #expect(output.stdout.contains("FR-0001  declined (declined)  Export invoices"))
        #expect(output.stdout.contains("    why: Out of scope\n"))
        // The reason the file held at the commit that declined it.
        #expect(output.stdout.contains(": new → declined (why: Out of scope)\n"))
        let json = try FreqBinary.run(["customers", "--format", "json"], in: scratch.root)
        #expect(json.stdout.contains("\"name\": \"Acme Corp\""))
        let unknown = try FreqBinary.run(["customer", "Acme Crop"], in: scratch.root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean `Acme Corp`?"))
    }
}

@Suite("follow-up after a merge")
struct FollowUpCommandTests {
    /// Product declines on a branch; after the merge, follow-up since the merge base names
    /// the customer, the move, the reason and the ticket.
    @Test func aDecisionMergedIsToldToItsCustomers() throws {
        let scratch = try MoveReasonTests.registry()
        try scratch.write("requests/FR-0001-a.md", RegistryFixture.request(
            "FR-0001", status: "new",
            extra: "requested_by:\n  - customer: Acme Corp\n    ticket: https://support.example.com/t/8\n    date: 2020-01-01\n"))
        let before = try scratch.commit("Acme asks")
        try scratch.git(["checkout", "-q", "-b", "decide"])
        #expect(try FreqBinary.run(["move", "FR-0001", "declined", "--reason", "Out of scope"], in: scratch.root).status == 0)
        try scratch.commit("Decline FR-0001")
        try scratch.git(["checkout", "-q", "main"])
        try scratch.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #2 from decide", "decide"])
        let output = try FreqBinary.run(["follow-up", "--since", before, "--format", "markdown"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("### Acme Corp\n- **FR-0001** Export invoices: new → declined ("))
        #expect(output.stdout.contains("  - why: Out of scope\n  - ticket: https://support.example.com/t/8\n"))
    }
}
