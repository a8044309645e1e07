import Foundation
import FreqTestSupport
import Testing

/// The same tool, configured for registries that are not freq's own (EIPs, one folder
/// per request), with the configuration kept outside the repository.
@Suite("other registries")
struct OtherRegistriesTests {
    static let eipConfig = """
        requests: "EIPS/eip-*.md"
        id:
          field: eip
          pattern: "^[0-9]+$"
          filename: "eip-{id}.md"
        status:
          field: status
          initial: Draft
          categories:
            open: [Draft, Review, Last Call, Stagnant]
            actioned: [Final, Living]
            declined: [Withdrawn]

        """

    func eip(_ number: Int, _ status: String, category: String? = nil) -> String {
        "---\neip: \(number)\ntitle: Proposal \(number)\nauthor: A <a@example.com>, B (@b)\nstatus: \(status)\ntype: Standards Track\n"
            + (category.map { "category: \($0)\n" } ?? "") + "created: 2015-11-19\n---\n\n## Abstract\n"
    }

    @Test func renamedFieldsAreWhatEveryCommandReadsAndWrites() throws {
        let scratch = try ScratchRepository()
        try scratch.write("schema/registry.yml", """
            requests: "asks/*.md"
            id: {field: key, pattern: "^ASK-[0-9]{3}$", filename: "{id}-*.md"}
            status:
              field: state
              initial: open
              categories: {open: [open], actioned: [done], declined: [rejected]}
            fields:
              title: summary
              area: team
              created: opened
              customers: asked_by
              customer: org
              arr: revenue
              ticket: link
              date: asked_on

            """)
        try scratch.commit("configure")
        let new = try FreqBinary.run(
            ["new", "--title", "Dark mode", "--area", "web", "--customer", "Acme", "--arr", "100", "--ticket",
             "https://support.example.com/1", "--date", "2026-11-01"], in: scratch.root)
        #expect(new.status == 0, "\(new.stdout)\(new.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/asks").first)
        let text = try String(contentsOfFile: scratch.path + "/asks/" + name, encoding: .utf8)
        #expect(text.contains("key: ASK-001\nsummary: Dark mode\nstate: open\nopened: 2026-11-01\nteam: web\n"))
        #expect(text.contains("asked_by:\n  - org: Acme\n    revenue: 100\n    link: https://support.example.com/1\n    asked_on: 2026-11-01\n"))

        let plusOne = try FreqBinary.run(["plus-one", "ASK-001", "--customer", "Globex", "--arr", "50"], in: scratch.root)
        #expect(plusOne.status == 0, "\(plusOne.stderr)")
        #expect(plusOne.stdout.contains("added Globex (2 customers)"))
        let again = try FreqBinary.run(["plus-one", "ASK-001", "--customer", "acme"], in: scratch.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("`Acme` already asked"))

        let list = try FreqBinary.run(["list", "--format", "json"], in: scratch.root)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["title"] as? String == "Dark mode")
        #expect(rows.first?["area"] as? String == "web")
        #expect(rows.first?["customers"] as? Int == 2)
        #expect(rows.first?["arr"] as? Int == 150)
        let show = try FreqBinary.run(["show", "ASK-001"], in: scratch.root)
        #expect(show.stdout.contains("asked_by:  2 customers (below)"))
        #expect(show.stdout.contains("customers: 2, total ARR 150"))

        try scratch.write("schema/registry.yml", "requests: \"asks/*.md\"\nstatus: {categories: {open: [open]}}\nfields: {titel: x}\n")
        let typo = try FreqBinary.run(["list"], in: scratch.root)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown setting `fields.titel` (did you mean `title`?)"))
    }

    @Test func fieldSettingsMustNameDistinctFieldsAndAreCheckedAgainstTheSchema() throws {
        let scratch = try ScratchRepository()
        let base = "requests: \"asks/*.md\"\nstatus: {categories: {open: [open]}}\n"
        try scratch.write("schema/registry.yml", base + "fields: {title: id}\n")
        let clash = try FreqBinary.run(["list"], in: scratch.root)
        #expect(clash.status == 2)
        #expect(clash.stderr == "freq: error: schema/registry.yml:3:17: `fields.title` and `id.field` both name the field `id`; each must name its own (set `fields.title` to another field)\n")
        try scratch.write("schema/registry.yml", base + "fields:\n  customer: arr\n")
        let inEntries = try FreqBinary.run(["list"], in: scratch.root)
        #expect(inEntries.status == 2)
        #expect(inEntries.stderr.contains("`fields.arr` (the default) and `fields.customer` both name the field `arr`"))
        // A default meets a custom status field: the statuses would show as areas.
        try scratch.write("schema/registry.yml", "requests: \"asks/*.md\"\nstatus: {field: area, categories: {open: [open]}}\n")
        let onDefault = try FreqBinary.run(["list"], in: scratch.root)
        #expect(onDefault.status == 2)
        #expect(onDefault.stderr.contains("`fields.area` (the default) and `status.field` both name the field `area`"))
        try scratch.write("schema/registry.yml", base + "fields: {title: name, customer: name}\n")
        #expect(try FreqBinary.run(["list"], in: scratch.root).status == 0)  // two levels: no clash

        try scratch.write("schema/registry.yml", base + "front_matter: s.json\nfields:\n  customers: askd_by\n")
        try scratch.write("schema/s.json", #"{"type": "object", "properties": {"id": {}, "status": {}, "asked_by": {}}}"#)
        try scratch.write("asks/1.md", "---\nid: A1\nstatus: open\n---\n")
        let typo = try FreqBinary.run(["validate"], in: scratch.root)
        #expect(typo.status == 0)
        let warning = "schema/registry.yml:5:14: warning: `fields.customers` names `askd_by`, which the schema does not declare (did you mean `asked_by`?)"
        #expect(typo.stderr.contains(warning))
        // Also where the typo shows: empty customer columns in `list`.
        #expect(try FreqBinary.run(["list"], in: scratch.root).stderr.contains(warning))
    }

    @Test func anEIPStyleRegistryValidatesAndMeasuresByConfigurationAlone() throws {
        let scratch = try ScratchRepository()
        try scratch.write("EIPS/eip-1.md", eip(1, "Living"))
        try scratch.write("EIPS/eip-20.md", eip(20, "Draft", category: "ERC"))
        try scratch.write("EIPS/eip-7.md", eip(7, "Review", category: "Core"))
        try scratch.commit("three EIPs")
        try scratch.write("EIPS/eip-20.md", eip(20, "Last Call", category: "ERC"))
        try scratch.commit("last call")
        try scratch.write("EIPS/eip-20.md", eip(20, "Final", category: "ERC"))
        try scratch.write("EIPS/eip-7.md", eip(7, "Withdrawn", category: "Core"))
        try scratch.commit("final and withdrawn", step: 86_400)
        let outside = try ScratchRepository(initialize: false)
        try outside.write("eips.yml", Self.eipConfig)
        let config = ["--config", outside.path + "/eips.yml"]

        let validate = try FreqBinary.run(config + ["validate"], in: scratch.root)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout == "3 requests, 0 errors, 0 warnings\n")

        try scratch.write("EIPS/eip-21.md", eip(22, "Draft"))
        let misnamed = try FreqBinary.run(config + ["validate", "--format", "json"], in: scratch.root)
        #expect(misnamed.status == 1)
        #expect(misnamed.stdout.contains("\"rule\": \"filename\""))
        try scratch.remove("EIPS/eip-21.md")

        let history = try FreqBinary.run(config + ["history", "--format", "json"], in: scratch.root)
        #expect(history.status == 0)
        #expect(history.stdout.contains("\"from\": \"Draft\",\n          \"to\": \"Last Call\""))

        let stats = try FreqBinary.run(config + ["stats", "--format", "json", "--by", "category"], in: scratch.root)
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["received"] as? Int == 3)
        #expect(overall["actioned"] as? Int == 2)
        #expect(overall["declined"] as? Int == 1)
        let byCategory = try #require((json["by"] as? [String: Any])?["category"] as? [[String: Any]])
        #expect(byCategory.map { $0["value"] as? String } == ["Core", "ERC", nil])
    }
}
