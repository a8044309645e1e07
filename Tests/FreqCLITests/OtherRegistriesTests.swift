import Foundation
import FreqTestSupport
import Testing

/// The same tool, configured for registries that are not freq's own (DESIGN.md: EIPs,
/// one folder per request), with the configuration kept outside the repository.
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
