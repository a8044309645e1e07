import ArgumentParser
import Foundation
import FreqKit

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "The actioned rate, time to triage and time to action, by month and by any field.",
        discussion: """
            Of the requests received in the window (by the time they landed on the mainline),
            the share that reached an `actioned` status, and how long triage and action took.
            Categories come from schema/registry.yml. Requests whose status is `excluded`
            (duplicates) are left out of every rate.

            Beside the share of requests, the share of demand actioned: customer asks (the
            entries of each request's customers list) and their ARR, read at --rev.

            --by takes any front-matter field: a list field (tags) counts a request once per
            value; `requested_by.segment` groups by a field of each entry of a list.

            --received created counts a request from the day of its `created` field (never
            later than it landed) instead of when it landed on the mainline: imported
            requests then count from their own dates, not from the import.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(help: ArgumentHelp("Count requests received on or after this day (UTC).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Count requests received before this day (UTC).", valueName: "YYYY-MM-DD"))
    var until: String?

    @Option(name: .customLong("by"), help: ArgumentHelp("Also group by this field (repeatable).", valueName: "FIELD"))
    var groupBy: [String] = []

    @Option(help: ArgumentHelp("Requests waiting in the initial status longer than this are stale.", valueName: "DAYS"))
    var stale = 30

    @Option(help: ArgumentHelp("When a request counts as received: mainline (when it landed) or created (its created day).", valueName: "mainline|created"))
    var received: ReceivedFrom = .mainline

    @Option(help: "Output format: text, json, csv or markdown.")
    var format: StatsFormat = .text

    @Option(help: ArgumentHelp("Also write a chart (received per month, actioned rate) as SVG.", valueName: "FILE.svg"))
    var chart: String?

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, Statistics.parseDay(value) == nil {
                throw ValidationError("\(name): expected a day written YYYY-MM-DD, got `\(value)`")
            }
        }
        if stale < 0 { throw ValidationError("--stale: expected a number of days, 0 or more") }
    }

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let loaded = try LoadedHistory.load(workspace, historyOptions)
        let history = groupBy.isEmpty ? loaded.walk.history(credits: false) : try loaded.historyWithFields()
        for (field, suggestion) in Statistics.unknownFields(groupBy, in: history) {
            Console.warning("no request has a field `\(field)`" + (suggestion.map { " (did you mean `\($0)`?)" } ?? ""))
        }
        let query = StatsQuery(
            since: since, until: until, groupBy: groupBy, staleDays: stale,
            asOf: Int64(Date().timeIntervalSince1970), receivedFrom: received)
        let report: StatsReport
        do {
            report = try Statistics.compute(history, config: workspace.config, query: query)
        } catch {
            throw ToolFailure(error.description)
        }
        if let chart {
            let start = try Workspace.startingFolder(global)
            let path = chart.hasPrefix("/") ? chart : start + "/" + chart
            do {
                try AtomicFile.write(Array(StatsRenderer.svg(report).utf8), to: path)
            } catch {
                throw ToolFailure("cannot write the chart to `\(chart)`: \(error.reason ?? error.message)")
            }
        }
        Console.out(StatsRenderer.render(report, format: format))
    }
}

extension StatsFormat: ExpressibleByArgument {}
extension ReceivedFrom: ExpressibleByArgument {}
