import Foundation
@testable import FreqKit
import FreqTestSupport
import Testing

/// Runs rules on front-matter snippets, in memory: no binary, no git.
enum RuleHarness {
    static let config: RegistryConfig = {
        do {
            return try RegistryConfig.parse(RegistryFixture.config, displayPath: "schema/registry.yml", schemaBase: "schema/")
        } catch {
            preconditionFailure("the fixture configuration parses: \(error)")
        }
    }()

    static let schema: JSONSchema = {
        do {
            return try JSONSchema(document: try JSONParser.parse(Array(RegistryFixture.schema.utf8)))
        } catch {
            preconditionFailure("the fixture schema loads: \(error)")
        }
    }()

    static func snapshot(_ files: [String: String]) -> RegistrySnapshot {
        let list = files.keys.sorted { $0.precedesInByteOrder($1) }.map { path in
            RequestFile(path: path, content: .bytes(Array((files[path] ?? "").utf8)))
        }
        return RegistrySnapshot(files: list, config: config)
    }

    /// The findings of `validate` about `files` (path → content).
    static func validate(_ files: [String: String]) throws -> [Diagnostic] {
        try RegistryValidator(config: config, schema: schema).validate(snapshot(files)).diagnostics
    }

    /// The findings of `check` for a pull request taking the registry from `base` to `head`.
    static func check(base: [String: String], head: [String: String], allowDelete: Bool = false) throws -> [Diagnostic] {
        let headSnapshot = snapshot(head)
        let report = try RegistryValidator(config: config, schema: schema).validate(headSnapshot)
        let change = PullRequestChange(base: snapshot(base), head: headSnapshot, config: config, allowDelete: allowDelete)
        return PullRequestCheck.run(head: report, change: change).diagnostics
    }

    /// A request file: the fields in order, then a body.
    static func file(_ fields: String, body: String = "\nText.\n") -> String {
        "---\n" + fields + "---\n" + body
    }

    static let valid = file("id: FR-0001\ntitle: Export invoices\nstatus: new\n")
}

/// Where a rule's findings are: `line` per finding, nil for a whole-file finding.
private func lines(_ findings: [Diagnostic], _ rule: String) -> [Int?] {
    findings.filter { $0.rule == rule }.map { $0.location?.line }
}

@Suite("rules: one list, one home")
struct RuleCatalogueTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The kinds of rules are listed by hand (casting costs start-up time): they must be
    /// exactly what casting every rule would find, in the same order.
    @Test func eachKindListsExactlyTheRulesOfThatKind() {
        let all = Rules.all
        #expect(Rules.requestRules.map { $0.id } == all.compactMap { ($0 as? any RequestRule.Type)?.id })
        #expect(Rules.registryRules.map { $0.id } == all.compactMap { ($0 as? any RegistryRule.Type)?.id })
        #expect(Rules.pullRequestRules.map { $0.id } == all.compactMap { ($0 as? any PullRequestRule.Type)?.id })
        #expect(Rules.schemaRules.map { $0.id } == all.compactMap { ($0 as? any SchemaKeywordRule.Type)?.id })
    }

    @Test func idsAreUniqueAndKebabCase() {
        let ids = Rules.all.map { $0.id }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !id.hasPrefix("-"), "\(id)")
        }
    }

    @Test func everyRuleHasASummaryAndAnExample() {
        for rule in Rules.all {
            #expect(!rule.summary.isEmpty && !rule.example.isEmpty, "\(rule.id)")
            #expect(rule.defaultSeverity != .off, "\(rule.id)")
        }
    }

    /// The README's table is `freq rules --format markdown`, exactly.
    @Test func readmeTableIsTheCatalogue() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let table = Rules.markdownTable
        #expect(readme.contains(table), "README.md's rule table differs from `freq rules --format markdown`; paste its output")
    }

    /// A rule id is written once in Sources, in its rule's own type; nothing else names a
    /// rule by a literal (a finding, a severity table, a catalogue).
    @Test func eachRuleIDIsWrittenOnce() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        var text: [(name: String, content: String)] = []
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.pathExtension == "swift" { text.append((url.lastPathComponent, try String(contentsOf: url, encoding: .utf8))) }
        }
        #expect(text.count > 50)
        for rule in Rules.all {
            let definitions = text.filter { $0.content.contains("static let id = \"\(rule.id)\"") }.map(\.name)
            #expect(definitions.count == 1, "\(rule.id) is defined in \(definitions)")
            for use in ["rule: \"\(rule.id)\"", "rule == \"\(rule.id)\"", "\"\(rule.id)\": .", "name: \"\(rule.id)\""] {
                let holders = text.filter { $0.content.contains(use) }.map(\.name)
                #expect(holders.isEmpty, "`\(use)` in \(holders): name the rule by its type's `id`")
            }
        }
    }

    /// Every rule has a unit test here: its id appears in this file's expectations.
    @Test func everyRuleIsTestedInThisFile() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for rule in Rules.all {
            #expect(source.contains("\"\(rule.id)\""), "no unit test names `\(rule.id)`")
        }
    }

    @Test func overridesChangeSeverityOrDropFindings() throws {
        var config = RuleHarness.config
        config.ruleSeverities = ["filename": .warning, "unknown-key": .off]
        let finding = Diagnostic(path: "a.md", location: nil, severity: .error, rule: "filename", message: "m")
        let dropped = Diagnostic(path: "a.md", location: nil, severity: .error, rule: "unknown-key", message: "m")
        let resolved = Rules.resolve([finding, dropped], in: config)
        #expect(resolved.map(\.rule) == ["filename"])
        #expect(resolved.first?.severity == .warning)
    }

    @Test func anUnknownRuleNameIsAConfigurationError() {
        var config = RuleHarness.config
        config.ruleSeverities = ["filenmae": .off]
        #expect(throws: ConfigError.self) { try RuleContext(config: config, schema: nil) }
    }
}

@Suite("rules: reading a file")
struct ReadingRuleTests {
    @Test(arguments: [
        ("", "empty-file"),
        ("# Title\n", "no-front-matter"),
        ("---\nid: FR-0001\n", "unclosed-front-matter"),
        ("---\ntitle: Export: CSV: now\n  bad\n---\n", "yaml-syntax"),
        ("---\na: &x 1\nb: *x\n---\n", "yaml-alias"),
        ("---\narr: !!binary AAAA\n---\n", "yaml-tag"),
        ("---\nid: FR-0001\nid: FR-0002\n---\n", "duplicate-key"),
        ("---\n- a\n- b\n---\n", "not-a-mapping"),
    ])
    func unreadableFilesAreReported(content: String, rule: String) throws {
        let findings = try RuleHarness.validate(["requests/FR-0001-a.md": content])
        #expect(findings.contains { $0.rule == rule }, "\(findings.map(\.rule))")
    }

    @Test func notUTF8InTheBodyIsLocated() throws {
        var bytes = Array(RuleHarness.valid.utf8)
        bytes += [0x0A, 0xFF, 0x0A]
        let snapshot = RegistrySnapshot(
            files: [RequestFile(path: "requests/FR-0001-a.md", content: .bytes(bytes))], config: RuleHarness.config)
        let findings = try RegistryValidator(config: RuleHarness.config, schema: nil).validate(snapshot).diagnostics
        #expect(lines(findings, "not-utf8") == [9])
    }

    @Test(arguments: [
        (RequestFile.Content.symlink, "symlink"), (.notAFile, "not-a-file"), (.tooLarge(size: 9 << 20), "too-large"),
        (.unreadable(reason: "permission denied"), "not-a-file"),
    ])
    func filesThatAreNotReadAtAll(content: RequestFile.Content, rule: String) throws {
        let snapshot = RegistrySnapshot(files: [RequestFile(path: "requests/FR-0001-a.md", content: content)], config: RuleHarness.config)
        #expect(snapshot.requests.isEmpty)
        let findings = try RegistryValidator(config: RuleHarness.config, schema: nil).validate(snapshot).diagnostics
        #expect(findings.map(\.rule) == [rule])
        #expect(findings.first?.location == nil)
    }

    /// A repeated list key once leaked Yams's own word and moved from run to run.
    @Test func aRepeatedComplexKeyIsNamedTheSameEveryRun() throws {
        let content = "---\nid: FR-0001\n? [a]\n: 1\n? [a]\n: 2\n---\n"
        for _ in 0..<20 {
            let findings = try RuleHarness.validate(["requests/FR-0001-a.md": content])
            #expect(findings.map(\.rule) == ["not-a-mapping"])
            #expect(findings.first?.location?.line == 3)
            #expect(!(findings.first?.message.contains("<") ?? true))
        }
    }

    @Test func tooDeep() throws {
        let nested = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let findings = try RuleHarness.validate(["requests/FR-0001-a.md": "---\na: \(nested)\n---\n"])
        #expect(findings.map(\.rule) == ["too-deep"])
    }
}

@Suite("rules: the schema")
struct SchemaRuleTests {
    @Test(arguments: [
        ("stauts: new\n", "unknown-key", 5),
        ("severity: high\n", "schema-type", 5),
        ("area: biling\n", "schema-enum", 5),
        ("created: 02/11/2026\n", "schema-format", 5),
        ("severity: 7\n", "schema-range", 5),
    ])
    func keywordsRouteToTheirRule(extra: String, rule: String, line: Int) throws {
        let content = RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: new\n" + extra)
        let findings = try RuleHarness.validate(["requests/FR-0001-a.md": content])
        #expect(lines(findings, rule) == [line], "\(findings.map(\.rule))")
        #expect(findings.count == 1)
    }

    @Test func patternRoutesToSchemaPattern() throws {
        let schema = try JSONSchema(document: try JSONParser.parse(Array(#"{"properties": {"tags": {"items": {"pattern": "^[a-z]+$"}}}}"#.utf8)))
        let content = RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: new\ntags: [export, Finance]\n")
        let findings = try RegistryValidator(config: RuleHarness.config, schema: schema)
            .validate(RuleHarness.snapshot(["requests/FR-0001-a.md": content])).diagnostics
        #expect(findings.map(\.rule) == ["schema-pattern"])
        #expect(findings.first?.location?.line == 5)
    }

    @Test func requiredFieldIsReportedOnTheWholeFrontMatter() throws {
        let findings = try RuleHarness.validate(["requests/FR-0001-a.md": RuleHarness.file("id: FR-0001\nstatus: new\n")])
        #expect(findings.map(\.rule) == ["schema-required"])
    }

    @Test func aValidRequestHasNoFindings() throws {
        #expect(try RuleHarness.validate(["requests/FR-0001-a.md": RuleHarness.valid]).isEmpty)
    }

    /// The id and status rules own their fields: the schema does not repeat them.
    @Test func registryRulesClaimTheirFields() throws {
        let content = RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: Planed\n")
        let findings = try RuleHarness.validate(["requests/FR-0001-a.md": content])
        #expect(findings.map(\.rule) == ["status-enum"])
        #expect(findings.first?.hint == "did you mean `planned`?")
    }

    @Test func otherKeywordsFallBackToSchema() {
        #expect(Rules.all.contains { $0.id == "schema" })
        let content = RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: new\n")
        var strict = RuleHarness.schema
        strict = (try? JSONSchema(document: try JSONParser.parse(Array(#"{"not": {"required": ["title"]}}"#.utf8)))) ?? strict
        let findings = (try? RegistryValidator(config: RuleHarness.config, schema: strict)
            .validate(RuleHarness.snapshot(["requests/FR-0001-a.md": content])).diagnostics) ?? []
        #expect(findings.map(\.rule) == ["schema"])
    }
}

@Suite("rules: the registry")
struct RegistryRuleTests {
    @Test func idMissing() throws {
        let missing = try RuleHarness.validate(["requests/FR-0001-a.md": RuleHarness.file("title: Export invoices\nstatus: new\n")])
        #expect(lines(missing, "id-missing") == [2])
        let empty = try RuleHarness.validate(["requests/FR-0001-a.md": RuleHarness.file("id: \"\"\ntitle: Export invoices\nstatus: new\n")])
        #expect(lines(empty, "id-missing") == [2])
        #expect(!empty.contains { $0.rule == "filename" })
    }

    @Test func idPattern() throws {
        let findings = try RuleHarness.validate(["requests/FR-42-a.md": RuleHarness.file("id: FR-42\ntitle: Export invoices\nstatus: new\n")])
        #expect(lines(findings, "id-pattern") == [2])
        #expect(try RuleHarness.validate(["requests/FR-0042-a.md": RuleHarness.file("id: FR-0042\ntitle: Export invoices\nstatus: new\n")]).isEmpty)
    }

    @Test func fileName() throws {
        let findings = try RuleHarness.validate(["requests/FR-0043-a.md": RuleHarness.valid])
        #expect(lines(findings, "filename") == [2])
        #expect(findings.first?.hint == "rename the file to start with `FR-0001`")
    }

    @Test func idUnique() throws {
        let findings = try RuleHarness.validate([
            "requests/FR-0001-a.md": RuleHarness.valid, "requests/FR-0001-b.md": RuleHarness.valid,
        ])
        #expect(findings.filter { $0.rule == "id-unique" }.map(\.path) == ["requests/FR-0001-a.md", "requests/FR-0001-b.md"])
        #expect(findings.first?.message == "id `FR-0001` is also used by requests/FR-0001-b.md")
    }

    @Test func statusMissingAndEnum() throws {
        let missing = try RuleHarness.validate(["requests/FR-0001-a.md": RuleHarness.file("id: FR-0001\ntitle: Export invoices\n")])
        #expect(lines(missing, "status-missing") == [2])
        let list = try RuleHarness.validate(["requests/FR-0001-a.md": RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: [new]\n")])
        #expect(lines(list, "status-missing") == [4])
        #expect(list.count == 1)
    }

    @Test func duplicateOf() throws {
        let canonical = RuleHarness.valid
        let withoutPointer = RuleHarness.file("id: FR-0002\ntitle: Export\nstatus: duplicate\n")
        #expect(lines(try RuleHarness.validate(["requests/FR-0001-a.md": canonical, "requests/FR-0002-b.md": withoutPointer]), "duplicate-of") == [4])
        let unexpected = RuleHarness.file("id: FR-0002\ntitle: Export\nstatus: new\nduplicate_of: FR-0001\n")
        #expect(lines(try RuleHarness.validate(["requests/FR-0001-a.md": canonical, "requests/FR-0002-b.md": unexpected]), "duplicate-of") == [5])
        let dangling = RuleHarness.file("id: FR-0002\ntitle: Export\nstatus: duplicate\nduplicate_of: FR-0009\n")
        let findings = try RuleHarness.validate(["requests/FR-0001-a.md": canonical, "requests/FR-0002-b.md": dangling])
        #expect(lines(findings, "duplicate-of") == [5])
        let itself = RuleHarness.file("id: FR-0002\ntitle: Export\nstatus: duplicate\nduplicate_of: FR-0002\n")
        #expect(try RuleHarness.validate(["requests/FR-0002-b.md": itself]).map(\.message) == ["a request cannot be a duplicate of itself"])
        let fine = RuleHarness.file("id: FR-0002\ntitle: Export\nstatus: duplicate\nduplicate_of: FR-0001\n")
        #expect(try RuleHarness.validate(["requests/FR-0001-a.md": canonical, "requests/FR-0002-b.md": fine]).isEmpty)
    }
}

@Suite("rules: the template's placeholders")
struct TemplatePlaceholderRuleTests {
    static let template = """
        ---
        id: FR-0000
        title: Short description of what the customer wants
        status: new
        area: billing
        created: 2026-01-01
        requested_by:
          - customer: Customer name
            segment: enterprise
        ---

        ## Problem

        In their words.

        """

    static func findings(_ content: String) throws -> [Diagnostic] {
        let schema = try JSONSchema(document: try JSONParser.parse(Array(#"""
            {"type": "object", "properties": {"area": {"enum": ["billing", "search"]},
             "requested_by": {"type": "array", "items": {"type": "object", "properties": {"segment": {"enum": ["enterprise", "smb"]}}}}}}
            """#.utf8)))
        let placeholders = TemplatePlaceholders(template: Array(template.utf8), config: RuleHarness.config, schema: schema)
        let validator = try RegistryValidator(config: RuleHarness.config, schema: nil, placeholders: placeholders)
        return validator.validate(RuleHarness.snapshot(["requests/FR-0001-a.md": content])).diagnostics
    }

    @Test func aCopyOfTheTemplateIsFlagged() throws {
        let copy = Self.template.replacingOccurrences(of: "FR-0000", with: "FR-0001")
        let found = try Self.findings(copy)
        #expect(found.allSatisfy { $0.rule == "template-placeholder" && $0.severity == .warning })
        #expect(found.map(\.message) == [
            "`title` is still the template's placeholder `Short description of what the customer wants`",
            "`requested_by[0].customer` is still the template's placeholder `Customer name`",
            "the description is still the template's text",
        ])
        // At the description's first line, not the blank one after the fence.
        #expect(found.last?.location?.line == 12)
    }

    /// Choices the schema lists (`billing`, `enterprise`), the id, status and dates are
    /// real values, not placeholders; a filled-in request has no finding.
    @Test func aFilledInRequestIsNot() throws {
        let filled = """
            ---
            id: FR-0001
            title: Export invoices as CSV
            status: new
            area: billing
            created: 2026-01-01
            requested_by:
              - customer: Acme Corp
                segment: enterprise
              - customer: Globex
            ---

            Acme wants CSV.
            """
        #expect(try Self.findings(filled).isEmpty)
    }
}

@Suite("rules: a pull request")
struct PullRequestRuleTests {
    static let base = ["requests/FR-0001-a.md": RuleHarness.valid]

    static func moved(to status: String) -> [String: String] {
        ["requests/FR-0001-a.md": RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: \(status)\n")]
    }

    @Test func statusTransition() throws {
        #expect(try RuleHarness.check(base: Self.base, head: Self.moved(to: "triaged")).isEmpty)
        let findings = try RuleHarness.check(base: Self.base, head: Self.moved(to: "shipped"))
        #expect(lines(findings, "status-transition") == [4])
        #expect(findings.first?.hint == "from `new` the workflow allows `triaged`, `planned`, `declined`, `duplicate`")
        let final = try RuleHarness.check(base: Self.moved(to: "shipped"), head: Self.moved(to: "new"))
        #expect(final.first?.hint == "`shipped` is final in the workflow: no status may follow it")
    }

    @Test func idChanged() throws {
        let head = ["requests/FR-0001-a.md": RuleHarness.file("id: FR-0002\ntitle: Export invoices\nstatus: new\n")]
        let findings = try RuleHarness.check(base: Self.base, head: head)
        #expect(lines(findings, "id-changed") == [2])
        // The old id is not also reported as deleted.
        #expect(!findings.contains { $0.rule == "request-deleted" })
    }

    @Test func requestDeleted() throws {
        let findings = try RuleHarness.check(base: Self.base, head: ["requests/FR-0002-b.md": RuleHarness.file("id: FR-0002\ntitle: Dark mode\nstatus: new\n")])
        #expect(lines(findings, "request-deleted") == [nil])
        #expect(try RuleHarness.check(base: Self.base, head: [:], allowDelete: true).isEmpty)
    }

    @Test func oneRequestPerFile() throws {
        let pasted = RuleHarness.valid + "---\nid: FR-0002\ntitle: Other\nstatus: new\n---\n"
        let findings = try RuleHarness.check(base: [:], head: ["requests/FR-0001-a.md": pasted])
        // The line of the second `id:`, below the pasted fence.
        #expect(lines(findings, "one-request-per-file") == [9])
        // A file that existed at the base is not judged by this rule.
        #expect(try RuleHarness.check(base: Self.base, head: ["requests/FR-0001-a.md": pasted]).filter { $0.rule == "one-request-per-file" }.isEmpty)
    }

    @Test func newRequestStatus() throws {
        let born = Self.base.merging(["requests/FR-0002-b.md": RuleHarness.file("id: FR-0002\ntitle: Dark mode\nstatus: shipped\n")]) { a, _ in a }
        let findings = try RuleHarness.check(base: Self.base, head: born)
        #expect(lines(findings, "new-request-status") == [4])
        #expect(findings.first?.message == "a new request starts as `new`, not `shipped`")
        // An existing request moving on is `status-transition`'s business, not this rule's.
        #expect(try RuleHarness.check(base: Self.base, head: Self.moved(to: "triaged")).isEmpty)
        var config = RuleHarness.config
        config.entryStatuses = ["new", "shipped"]
        let change = PullRequestChange(
            base: RuleHarness.snapshot(Self.base), head: RuleHarness.snapshot(born), config: config, allowDelete: false)
        let report = try RegistryValidator(config: config, schema: nil).validate(RuleHarness.snapshot(born))
        #expect(PullRequestCheck.run(head: report, change: change).diagnostics.isEmpty)
    }

    @Test func reasonMissing() throws {
        var config = RuleHarness.config
        config.reasonRequired = ["declined"]
        func findings(_ head: String) throws -> [Diagnostic] {
            let headSnapshot = RuleHarness.snapshot(["requests/FR-0001-a.md": head])
            let report = try RegistryValidator(config: config, schema: nil).validate(headSnapshot)
            let change = PullRequestChange(base: RuleHarness.snapshot(Self.base), head: headSnapshot, config: config, allowDelete: false)
            return PullRequestCheck.run(head: report, change: change).diagnostics
        }
        let bare = try findings(RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: declined\n"))
        #expect(lines(bare, "reason-missing") == [4])
        #expect(bare.first?.hint == "say why, for the customers: `freq move FR-0001 declined --reason \"...\"`")
        let explained = try findings(RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: declined\nreason: Out of scope\n"))
        #expect(explained.isEmpty)
        // Other statuses need none.
        #expect(try findings(RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: triaged\n")).isEmpty)
    }

    @Test func similarTitle() throws {
        let head = Self.base.merging(["requests/FR-0002-b.md": RuleHarness.file("id: FR-0002\ntitle: Export invoice\nstatus: new\n")]) { a, _ in a }
        let findings = try RuleHarness.check(base: Self.base, head: head)
        #expect(findings.map(\.rule) == ["similar-title"])
        #expect(findings.first?.severity == .warning)
        let unrelated = Self.base.merging(["requests/FR-0002-b.md": RuleHarness.file("id: FR-0002\ntitle: Dark mode everywhere\nstatus: new\n")]) { a, _ in a }
        #expect(try RuleHarness.check(base: Self.base, head: unrelated).isEmpty)
    }

    @Test func configChangedIsSaidFirst() throws {
        let headSnapshot = RuleHarness.snapshot(Self.moved(to: "shipped"))
        let report = try RegistryValidator(config: RuleHarness.config, schema: nil).validate(headSnapshot)
        let changed = PullRequestChange(
            base: RuleHarness.snapshot(Self.base), head: headSnapshot, config: RuleHarness.config, allowDelete: false,
            configurationFiles: [.init(path: "schema/registry.yml", base: [1], head: [2])], baseName: "abc1234")
        let findings = PullRequestCheck.run(head: report, change: changed).diagnostics
        #expect(findings.map(\.rule) == ["config-changed", "status-transition"])
        #expect(findings.first?.message.contains("rules of abc1234") == true)
        let same = PullRequestChange(
            base: RuleHarness.snapshot(Self.base), head: headSnapshot, config: RuleHarness.config, allowDelete: false,
            configurationFiles: [.init(path: "schema/registry.yml", base: [1], head: [1])])
        #expect(PullRequestCheck.run(head: report, change: same).diagnostics.map(\.rule) == ["status-transition"])
    }

    @Test func issueFormStale() throws {
        let headSnapshot = RuleHarness.snapshot(Self.base)
        let report = try RegistryValidator(config: RuleHarness.config, schema: nil).validate(headSnapshot)
        let generated = IssueForm.render(config: RuleHarness.config, schema: nil)
        func findings(_ form: PullRequestChange.IssueFormFile?) -> [Diagnostic] {
            let change = PullRequestChange(
                base: headSnapshot, head: headSnapshot, config: RuleHarness.config, allowDelete: false, issueForm: form)
            return PullRequestCheck.run(head: report, change: change).diagnostics
        }
        let stale = findings(.init(path: IssueForm.path, current: Array("name: old\n".utf8), generated: generated))
        #expect(stale.map(\.rule) == ["issue-form-stale"])
        #expect(stale.first?.severity == .warning)
        #expect(stale.first?.path == IssueForm.path)
        #expect(findings(.init(path: IssueForm.path, current: Array(generated.utf8), generated: generated)).isEmpty)
        // No form: nothing to keep in step.
        #expect(findings(nil).isEmpty)
    }

    /// An error in a file the pull request does not touch is only a warning.
    @Test func untouchedFilesDoNotBlock() throws {
        let broken = ["requests/FR-0001-a.md": RuleHarness.file("id: FR-0001\ntitle: Export invoices\nstatus: new\nstauts: x\n")]
        let findings = try RuleHarness.check(base: broken, head: broken)
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.message.hasSuffix("(in a file this pull request does not change)") == true)
    }
}

@Suite("workflow")
struct WorkflowTests {
    /// The registry this repository ships (and others copy) can undo a mistaken decision.
    @Test func theShippedWorkflowCanReopen() throws {
        let url = RuleCatalogueTests.packageRoot.appendingPathComponent("schema/registry.yml")
        let config = try RegistryConfig.parse(try String(contentsOf: url, encoding: .utf8), displayPath: "schema/registry.yml", schemaBase: "schema/")
        for closed in ["declined", "duplicate"] {
            #expect(config.workflow.allows(from: closed, to: "triaged"), "\(closed)")
        }
        #expect(!config.workflow.allows(from: "new", to: "shipped"))
        #expect(config.entryStatuses == ["new"])
    }

    @Test func oneDecisionForEveryCommand() {
        let workflow = RuleHarness.config.workflow
        #expect(workflow.allows(from: "new", to: "triaged"))
        #expect(workflow.allows(from: "new", to: "new"))
        #expect(!workflow.allows(from: "new", to: "shipped"))
        #expect(!workflow.allows(from: "shipped", to: "planned"))
        #expect(workflow.successors(of: "shipped") == [])
        #expect(Workflow(transitions: nil).allows(from: "shipped", to: "new"))
        #expect(Workflow(transitions: nil).successors(of: "new") == nil)
    }
}
