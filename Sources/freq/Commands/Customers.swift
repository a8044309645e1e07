import ArgumentParser
import FreqGit
import FreqKit

/// `freq customer NAME`: what became of everything one customer asked for.
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "What became of one customer's asks: each request, its status and why, and what changed since they asked.",
        discussion: """
            The page support opens before answering a customer. NAME is matched as people write
            it: case, accents, spacing and a legal form (Inc., GmbH) aside. The requests are
            the working tree's; the changes come from the history of --rev.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Argument(help: "The customer's name, e.g. \"Acme Corp\".")
    var name: String

    @Option(help: "Output format: text, markdown (to paste into a helpdesk) or json.")
    var format: CustomerRenderer.Format = .text

    @OptionGroup var asOf: AsOfOption

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let registry = try CurrentRegistry.load(workspace)
        let timelines = try CustomerTimelines.load(workspace, historyOptions)
        guard let customer = CustomerReport.customer(
            name, in: registry.records, timelines: timelines, config: workspace.config, asOf: asOf.now)
        else {
            let known = Set(registry.records.flatMap { $0.customers.map(\.name) })
            let hint = Suggestion.nearest(to: name, among: known).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("no request names the customer `\(name)`\(hint)")
        }
        Console.out(CustomerRenderer.customer(customer, format: format))
    }
}

/// `freq customers`: every customer, with what they asked and how long they waited.
struct CustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Every customer: ARR, number of requests, how many actioned, and how long their asks waited.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(help: "Output format: text, markdown or json (each customer with their asks).")
    var format: CustomerRenderer.Format = .text

    @OptionGroup var asOf: AsOfOption

    func run() throws {
        let workspace = try Workspace.open(global, loadingSchema: false)
        let registry = try CurrentRegistry.load(workspace)
        let timelines = try CustomerTimelines.load(workspace, historyOptions)
        let customers = CustomerReport.customers(registry.records, timelines: timelines, config: workspace.config, asOf: asOf.now)
        Console.out(CustomerRenderer.customers(customers, format: format))
    }
}

/// The requests' timelines for the customer views; none before the first commit, and none
/// (said once) in a shallow clone unless --allow-shallow.
enum CustomerTimelines {
    static func load(_ workspace: Workspace, _ options: HistoryOptions) throws -> [String: RequestTimeline] {
        do {
            let loaded = try LoadedHistory.load(workspace, options, warnIfEmpty: false)
            var byID: [String: RequestTimeline] = [:]
            for timeline in loaded.walk.history().requests { byID[timeline.id] = timeline }
            return byID
        } catch let error as GitError where error.kind == .unbornHead {
            return [:]
        } catch let shallow as ShallowHistory where !options.allowShallow {
            Console.warning("no changes since they asked: \(shallow.description)")
            return [:]
        }
    }
}

extension CustomerRenderer.Format: ExpressibleByArgument {}
