import ArgumentParser
import Foundation
import FreqKit

struct PlusOne: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plus-one",
        abstract: "Add a customer to an existing request's `requested_by` list (or its `fields:` name).",
        discussion: """
            Edits only the lines it adds: comments, quoting, key order and the body stay as
            they are. A customer already listed (ignoring case and surrounding spaces) is
            refused, so one customer is never counted twice.

            Exit codes: 0 added, 1 refused or the file has findings afterwards, 2 usage error
            (an unknown id, a bad flag).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The request's id, e.g. FR-0042.")
    var id: String

    @Option(help: "The customer's name.")
    var customer: String

    @OptionGroup var details: CustomerDetails

    @Option(help: "When the customer asked, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    func run() throws {
        let name = customer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ToolFailure("--customer must name the customer") }
        let day = try EditSession.day(date)
        let session = try EditSession.open(global)
        let settled = try CustomerSpelling.settle(name, session: session, prompt: Prompt(interactive: Console.stdinIsTerminal))
        let entry = details.entry(name: settled, date: day, names: session.config.fields)
        try session.apply([try CustomerAddition.plan(id: id, entry: entry, in: session.snapshot, validator: try session.workspace.validator())])
    }
}
