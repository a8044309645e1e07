import ArgumentParser
import FreqKit

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every validation rule, its severity and an example of what it catches.",
        discussion: """
            Change a rule's severity in schema/registry.yml:
              rules:
                filename: warning
                unknown-key: off
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text or markdown (the README's table).")
    var format: RulesFormat = .text

    enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    func run() throws {
        // The registry's own severities when there is one; the defaults otherwise.
        let overrides = (try? Workspace.open(global, loadingSchema: false))?.config.ruleSeverities ?? [:]
        var output = ""
        switch format {
        case .markdown:
            output = FreqKit.Rules.markdownTable
        case .text:
            let width = FreqKit.Rules.all.map { $0.id.count }.max() ?? 0
            for rule in FreqKit.Rules.all {
                let severity = (overrides[rule.id] ?? rule.defaultSeverity).rawValue
                let padded = rule.id.padded(to: width)
                output += "\(padded)  \(severity.padded(to: 7))  \(rule.summary)\n"
                output += String(repeating: " ", count: width + 11) + "e.g. \(rule.example)\n"
            }
        }
        Console.out(output)
    }
}
