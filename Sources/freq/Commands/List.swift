import ArgumentParser
import Foundation
import FreqKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the requests of the working tree, filtered by any field and sorted.",
        discussion: """
            Filters combine: every kind given must hold, and repeating one
            (--status new --status triaged) accepts any of its values. --where takes
            any front-matter field: `requested_by.segment=smb` matches when any
            customer entry has it, `tags=export` when any item of the list equals it.

            --sort takes a field name, `customers` (how many asked), `arr` (their
            total ARR) or `age` (days since `created`); a leading `-` sorts
            descending: --sort -arr. Requests without a value come last; ties go by id.

            Files that cannot be read as requests are skipped with a warning;
            `freq validate` says what is wrong with them.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("status"), help: ArgumentHelp("Only requests in this status (repeatable).", valueName: "STATUS"),
        completion: RegistryCompletions.statuses)
    var statuses: [String] = []

    @Option(
        name: .customLong("category"),
        help: ArgumentHelp("Only requests whose status is in this category: open, actioned, declined, excluded (repeatable).", valueName: "CATEGORY"),
        completion: .list(StatusCategory.allCases.map(\.rawValue)))
    var categories: [String] = []

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("Only requests whose FIELD (dotted for sub-fields) equals VALUE (repeatable).", valueName: "FIELD=VALUE"))
    var matches: [String] = []

    @Option(help: ArgumentHelp("Only requests asked for by a customer whose name contains NAME (any case).", valueName: "NAME"))
    var customer: String?

    @Option(help: ArgumentHelp(
        "Find requests by words of their id, title, customers or description (any case or accents), best matches first.",
        valueName: "TEXT"))
    var search: String?

    // Unconditional: `--sort -arr` must not read `-arr` as an option.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Sort by a field, `customers`, `arr` or `age`; a leading `-` sorts descending (default: id).", valueName: "KEY"))
    var sort: String?

    @Option(help: "Output format: table, json or csv.")
    var format: RequestListRenderer.Format = .table

    @OptionGroup var asOf: AsOfOption

    func run() throws {
        let workspace = try Workspace.open(global)
        let now = asOf.now
        let query: RequestQuery
        do {
            query = try RequestQuery(
                statuses: statuses, categories: categories, matches: matches, customer: customer, sort: sort,
                search: search, config: workspace.config, asOf: now)
        } catch {
            throw ToolFailure(error.message)
        }
        // A table or CSV shows no front matter: when the probes alone say what passes (and
        // the order is by id), the rows are read from the cached records, none decoded.
        if format != .json && query.passesByProbeAlone {
            let (rows, probes) = try CurrentRegistry.rows(workspace, matching: query)
            warnAboutUnknownFields(query, probes)
            Console.out(format == .csv
                ? RequestListRenderer.csv(rows, asOf: now)
                : RequestListRenderer.table(rows, asOf: now, total: probes.count, width: Console.terminalWidth))
            return
        }
        let (registry, probes) = try CurrentRegistry.load(workspace, bodies: search != nil) { query.mightInclude($0) }
        warnAboutUnknownFields(query, probes)
        let selected = query.run(registry.records)
        Console.out(RequestListRenderer.render(
            selected, format: format, asOf: now, total: probes.count, width: Console.terminalWidth))
    }

    /// A `--where` or `--sort` field that no request has is most likely a typo: say so,
    /// with the nearest field name, but still answer (an empty list is a true answer).
    private func warnAboutUnknownFields(_ query: RequestQuery, _ probes: some RandomAccessCollection<RecordProbe>) {
        guard !probes.isEmpty else { return }
        var fields = query.matches.map { $0.path[0] }
        if case .field(let path)? = query.sort?.key { fields.append(path[0]) }
        // Most fields are on the first request: every name is gathered only for a typo.
        for field in fields where !probes.contains(where: { $0.hasField(field) }) {
            let known = Set(probes.flatMap(\.fieldNames))
            let hint = Suggestion.nearest(to: field, among: known).map { " (did you mean `\($0)`?)" } ?? ""
            Console.warning("no request has a field `\(field)`\(hint)")
        }
        for (match, suggestion) in query.unknownValues(in: probes) {
            let hint = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
            Console.warning("no request has `\(match.path.joined(separator: "."))` = `\(match.value)`\(hint)")
        }
    }
}

extension RequestListRenderer.Format: ExpressibleByArgument {}
