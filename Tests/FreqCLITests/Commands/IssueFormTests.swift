import Foundation
import FreqTestSupport
import Testing

/// `freq form`, `freq new --from-issue-form` and the `issue-form-stale` warning, on the
/// fixture registry.
@Suite("issue form commands")
struct IssueFormCommandTests {
    static let formPath = ".github/ISSUE_TEMPLATE/feature-request.yml"

    static let body = """
        ### Title

        Export invoices as CSV

        ### Area

        billing

        ### Severity

        2

        ### Customer

        Acme Corp

        ### Segment

        enterprise

        ### ARR

        120k

        ### Ticket link

        https://support.example.com/tickets/42

        ### Problem, in the customer's words

        Finance exports invoices by hand every month.

        """

    @Test func formCheckIsStaleThenFresh() throws {
        let scratch = try RegistryFixture.make()
        let missing = try FreqBinary.run(["form", "--check"], in: scratch.root)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist; run `freq form`"))
        let write = try FreqBinary.run(["form"], in: scratch.root)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout == "wrote `\(Self.formPath)`\n")
        let fresh = try FreqBinary.run(["form", "--check"], in: scratch.root)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout == "`\(Self.formPath)` is up to date\n")
        let text = try String(contentsOf: scratch.root.appendingPathComponent(Self.formPath), encoding: .utf8)
        #expect(text.contains("        - export\n"))

        // A new area in the schema: the form is out of date until `freq form` runs again.
        try scratch.write(
            "schema/request.schema.json",
            RegistryFixture.schema.replacingOccurrences(of: "\"billing\", \"export\", \"search\"", with: "\"billing\", \"export\", \"search\", \"mobile\""))
        let stale = try FreqBinary.run(["form", "--check"], in: scratch.root)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("is out of date; run `freq form`"))
        #expect(stale.stdout.contains("\n+        - mobile\n"))
        #expect(try String(contentsOf: scratch.root.appendingPathComponent(Self.formPath), encoding: .utf8) == text, "--check writes nothing")
    }

    @Test func checkWarnsWhenTheFormIsStale() throws {
        let scratch = try RegistryFixture.make()
        // No form: no warning.
        let without = try FreqBinary.run(["check", "--base", "HEAD", "--format", "json"], in: scratch.root)
        #expect(!without.stdout.contains("issue-form-stale"))
        try scratch.write(Self.formPath, "name: Feature request\nbody: []\n")
        let stale = try FreqBinary.run(["check", "--base", "HEAD", "--format", "json"], in: scratch.root)
        #expect(stale.stdout.contains("\"rule\": \"issue-form-stale\""), "\(stale.stdout)\(stale.stderr)")
        #expect(stale.status == 0, "a warning by default")
        #expect(try FreqBinary.run(["form"], in: scratch.root).status == 0)
        let fresh = try FreqBinary.run(["check", "--base", "HEAD", "--format", "json"], in: scratch.root)
        #expect(!fresh.stdout.contains("issue-form-stale"))
    }

    @Test func newFromIssueFormWritesTheRequest() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("issue.md", Self.body.replacingOccurrences(of: "\n", with: "\r\n"))
        let run = try FreqBinary.run(
            ["new", "--from-issue-form", "issue.md", "--submitted-by", "ada", "--date", "2026-11-02"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let path = "requests/FR-0001-export-invoices-as-csv.md"
        #expect(run.stdout.hasPrefix(path))
        let text = try String(contentsOf: scratch.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.hasPrefix("""
            ---
            id: FR-0001
            title: Export invoices as CSV
            status: new
            created: 2026-11-02
            area: billing
            severity: 2
            requested_by:
              - customer: Acme Corp
                segment: enterprise
                arr: 120000
                ticket: https://support.example.com/tickets/42
                date: 2026-11-02
            ---

            ## Problem

            Finance exports invoices by hand every month.

            """))
    }

    @Test func aWrongValueWritesNothingAndNamesTheFormField() throws {
        let scratch = try RegistryFixture.make()
        try scratch.write("issue.md", Self.body.replacingOccurrences(of: "\nbilling\n", with: "\nbiling\n"))
        let run = try FreqBinary.run(["new", "--from-issue-form", "issue.md", "--submitted-by", "ada"], in: scratch.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("form field `Area`: `area` is `biling`"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"))
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.root.path)
        #expect(!files.contains("requests"), "nothing written: \(files)")

        // Details of a customer without the customer: refused, naming the empty field.
        try scratch.write("nobody.md", Self.body.replacingOccurrences(of: "\nAcme Corp\n", with: "\n_No response_\n"))
        let nobody = try FreqBinary.run(["new", "--from-issue-form", "nobody.md", "--submitted-by", "ada"], in: scratch.root)
        #expect(nobody.status == 1)
        #expect(nobody.stderr.contains("form field `Customer` is empty"), "\(nobody.stderr)")

        try scratch.write("note.md", "Please add CSV export.\n")
        let notAForm = try FreqBinary.run(["new", "--from-issue-form", "note.md"], in: scratch.root)
        #expect(notAForm.status == 2)
        #expect(notAForm.stderr.contains("is not the body of an issue opened with the form"))
    }
}
