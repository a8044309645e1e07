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

    @Argument(help: "The request's id, e.g. FR-0042.", completion: RegistryCompletions.ids)
    var id: String

    @Option(help: "The customer's name (asked for on a terminal).")
    var customer: String?

    @OptionGroup var details: CustomerDetails

    @Option(help: "When the customer asked, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    func run() throws {
        let day = try EditSession.day(date)
        var session = try EditSession.open(global)
        let prompt = Prompt(interactive: Console.stdinIsTerminal)
        let checks = FieldChecks(validator: try session.workspace.validator())
        let names = session.config.fields
        let given = customer?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let name = try prompt.value(
            given: given, flag: "--customer", label: "customer who asked", required: true,
            check: { checks.checkCustomer(names.customer, .string($0)) })
        else { throw ToolFailure("--customer must name the customer") }
        var details = self.details
        if given == nil || given == "", prompt.interactive { try details.ask(prompt, checks: checks) }
        let settled = try CustomerSpelling.settle(name, session: session, prompt: prompt)
        let entry = details.entry(name: settled, date: day, names: names)
        let edit = try session.plan(about: [id]) { snapshot in
            try CustomerAddition.plan(id: id, entry: entry, in: snapshot, validator: checks.validator)
        }
        try session.apply([edit])
        NextSteps.say(for: edit)
    }
}
