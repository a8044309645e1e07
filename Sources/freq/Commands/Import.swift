import ArgumentParser
import FreqKit

/// `freq import FILE.csv`: requests from a helpdesk or spreadsheet export.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create requests from a CSV export, or add its customers to the requests that already exist.",
        discussion: """
            One row per customer ask. Columns are found by their header (title, customer,
            segment, arr, ticket, date, area, severity, body, and common other names such as
            Company or Description) or named with the --FIELD-column flags; --area and
            --severity fill rows without one. A row whose ticket is
            already on a request, or whose title is the same, adds its customer there; a
            very similar title is asked about on a terminal (--yes: add it there). A customer
            already listed is skipped, so importing the same file twice adds nothing.

            Every value is checked against the schema before anything is written: a wrong
            one is named with its line and column, and nothing is written (exit 1). Off a
            terminal, a question needs --yes or --dry-run (exit 2 otherwise).

            New requests get the row's date as `created` and as the customer's `date`.
            `freq stats` counts them as received when the import lands on the mainline;
            `freq stats --received created` counts them from those dates instead.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV file (UTF-8, a header row first).")
    var file: String

    @Option(name: .customLong("title-column"), help: ArgumentHelp("The column holding the title.", valueName: "HEADER"))
    var titleColumn: String?
    @Option(name: .customLong("customer-column"), help: ArgumentHelp("The column holding the customer's name.", valueName: "HEADER"))
    var customerColumn: String?
    @Option(name: .customLong("segment-column"), help: ArgumentHelp("The column holding the customer's segment.", valueName: "HEADER"))
    var segmentColumn: String?
    @Option(name: .customLong("arr-column"), help: ArgumentHelp("The column holding the customer's ARR (120000, 120,000, 120k).", valueName: "HEADER"))
    var arrColumn: String?
    @Option(name: .customLong("ticket-column"), help: ArgumentHelp("The column holding the support ticket's link.", valueName: "HEADER"))
    var ticketColumn: String?
    @Option(name: .customLong("date-column"), help: ArgumentHelp("The column holding the day they asked, YYYY-MM-DD.", valueName: "HEADER"))
    var dateColumn: String?
    @Option(name: .customLong("area-column"), help: ArgumentHelp("The column holding the product area.", valueName: "HEADER"))
    var areaColumn: String?
    @Option(name: .customLong("severity-column"), help: ArgumentHelp("The column holding the severity.", valueName: "HEADER"))
    var severityColumn: String?
    @Option(name: .customLong("body-column"), help: ArgumentHelp("The column holding the description.", valueName: "HEADER"))
    var bodyColumn: String?

    @Option(help: ArgumentHelp("The area of new requests whose row has none.", valueName: "AREA"))
    var area: String?
    @Option(help: ArgumentHelp("The severity of new requests whose row has none.", valueName: "N"))
    var severity: Int?

    @Flag(help: "Add a customer to a request with a very similar title without asking.")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Say what would be created, added and skipped; write nothing.")
    var dryRun = false

    func run() throws {
        let start = try Workspace.startingFolder(global)
        let path = file.hasPrefix("/") ? file : start + "/" + file
        guard let bytes = try RegularFile.read(path, what: "the CSV file", display: file, limit: 64 << 20) else {
            throw ToolFailure("cannot read `\(file)`: no such file")
        }
        let (parsed, problems) = CSVTable.parse(bytes)
        guard problems.isEmpty, let table = parsed else {
            for problem in problems { Console.err("\(file):\(problem.line): \(problem.message)\n") }
            Console.error("`\(file)` is not CSV freq can read; nothing was written")
            throw ExitCode(1)
        }
        let mapped: [RequestImport.Field: String?] = [
            .title: titleColumn, .customer: customerColumn, .segment: segmentColumn, .arr: arrColumn,
            .ticket: ticketColumn, .date: dateColumn, .area: areaColumn, .severity: severityColumn, .body: bodyColumn,
        ]
        let defaults: [RequestImport.Field: String?] = [.area: area, .severity: severity.map(String.init)]
        let columns = try RequestImport.columns(header: table.header, mapped: mapped.compactMapValues { $0 })
        for name in columns.ignored { Console.warning("the column `\(name)` is not imported") }

        var session = try EditSession.open(global)
        let validator = try session.workspace.validator()
        let schema = SchemaFields(session.workspace.schema)
        let prompt = Prompt(interactive: Console.stdinIsTerminal)
        // The whole registry: rows are matched against every title and ticket.
        let snapshot = try session.workspace.workingSnapshot()
        let used = snapshot.ids.union(try session.workspace.idsAtReferenceTips())
        let plan: RequestImport.Plan
        do {
            plan = try RequestImport.plan(
                table, columns: columns, defaults: defaults.compactMapValues { $0 }, snapshot: snapshot, validator: validator, usedIDs: used,
                today: EditSession.today, source: String(file.split(separator: "/").last ?? Substring(file)),
                declares: schema.declares, confirm: confirm(prompt))
        } catch let refused as RequestImport.Refused {
            for problem in refused.problems {
                let place = problem.column.map { $0.hasPrefix("--") ? "`\($0)`: " : "column `\($0)`: " } ?? ""
                Console.err("\(file):\(problem.line): " + place + problem.message + "\n")
            }
            Console.error("the schema refuses \(refused.problems.count == 1 ? "a value" : "\(refused.problems.count) values"); nothing was written")
            throw ExitCode(1)
        }
        Console.out(ImportReport.text(plan.outcomes, dryRun: dryRun))
        if dryRun {
            for edit in plan.edits { Console.out("would write \(session.workspace.paths.show(edit.path))\n") }
            return
        }
        try session.apply(plan.edits)
    }

    /// May a row go to a request whose title is very close to its own?
    private func confirm(_ prompt: Prompt) -> (RequestImport.SimilarTitle) throws -> Bool {
        { question in
            if yes || dryRun { return true }
            let text = "line \(question.line): `\(question.title)` (\(question.customer)) is close to \(question.id), `\(question.existingTitle)`"
            guard prompt.interactive else {
                throw ToolFailure("\(text): answer on a terminal, or pass --yes to add the customer there (--dry-run to look first)")
            }
            return try prompt.confirm(text + ". Add the customer there?")
        }
    }
}
