import ArgumentParser
import FreqKit

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Change a request's status, as the workflow allows.",
        discussion: """
            Rewrites only the status value (its quoting kept). When the configuration has
            `status.transitions`, a move it does not list is refused, naming the statuses
            that may follow.

            Moving to an `excluded` status (e.g. duplicate) needs --duplicate-of ID when the
            configuration names a `duplicate_of` field: the field is added, and the
            duplicate's customers are added to the canonical request (each customer once),
            so no demand is lost. Leaving an excluded status removes the field.

            Exit codes: 0 moved, 1 refused or findings afterwards, 2 usage error (an unknown
            id or status, a missing --duplicate-of).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The request's id, e.g. FR-0042.", completion: RegistryCompletions.ids)
    var id: String

    @Argument(help: "The new status, e.g. triaged.", completion: RegistryCompletions.statuses)
    var status: String

    @Option(name: .customLong("duplicate-of"), help: ArgumentHelp("The canonical request, when moving to a duplicate status.", valueName: "ID"),
        completion: RegistryCompletions.ids)
    var duplicateOf: String?

    @Option(help: ArgumentHelp(
        "Why, in a sentence the customers can be told: written to the request's `reason` field (required for the statuses of status.reason_required).",
        valueName: "TEXT"))
    var reason: String?

    func run() throws {
        var session = try EditSession.open(global)
        let validator = try session.workspace.validator()
        let plan = try session.plan(about: [id, duplicateOf]) { snapshot in
            try StatusMove.plan(
                id: id, to: status, duplicateOf: duplicateOf, reason: reason, in: snapshot, validator: validator)
        }
        switch plan {
        case .unchanged(let message): Console.out(message + "\n")
        case .edits(let edits): try session.apply(edits)
        }
    }
}
