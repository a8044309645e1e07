import ArgumentParser
import FreqKit

struct Freq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freq",
        abstract: "Feature requests as plain text in git: validate them, and measure how many get actioned.",
        discussion: """
            freq works on the registry of the git repository it is started in. Every command
            takes these options, before or after its name:
              -C DIR           run as if freq was started in DIR
              --config FILE    the registry configuration (default: schema/registry.yml)

            Exit codes: 0 clean, 1 findings, 2 usage, configuration or repository error.
            """,
        version: FreqVersion.string,
        // Each command names itself (`commandName:`): a name derived from the type costs
        // every run's start-up a reflection of every command.
        subcommands: [
            Init.self, Validate.self, Check.self, New.self, PlusOne.self, Move.self, ListCommand.self, ShowCommand.self,
            IndexCommand.self, Diff.self, HistoryCommand.self, Log.self, Stats.self, CustomerCommand.self,
            CustomersCommand.self, FollowUpCommand.self, ImportCommand.self, SiteCommand.self, FormCommand.self, Rules.self,
        ]
    )
}
