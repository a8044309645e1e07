import ArgumentParser
import Foundation
import FreqGit
import FreqKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new request with the next free id.",
        discussion: """
            The id is one more than the highest id in the working tree and on every branch
            and tag the repository knows, so two people filing at once rarely collide. The
            file goes in the requests folder, named after the `id.filename` template and a
            slug of the title (e.g. FR-0012-export-invoices.md).

            On a terminal, freq asks for what the flags leave out, showing the values the
            schema allows; otherwise a missing required value is a usage error (exit 2).
            Requests with a similar title are named first: on a terminal freq asks whether
            to file anyway; otherwise it stops (exit 1) unless --yes is given.

            `submitted_by` is --submitted-by, else $FREQ_SUBMITTED_BY, else git's user.name.
            Prints the new file's path; exit 1 when the new file has findings.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "What the customer wants, in a few words.")
    var title: String?

    @Option(help: "The part of the product it concerns (the schema lists the values).", completion: RegistryCompletions.areas)
    var area: String?

    @Option(help: "1 (blocks the customer) .. 4 (nice to have).")
    var severity: Int?

    @Option(help: "The customer who asked.")
    var customer: String?

    @OptionGroup var details: CustomerDetails

    @Option(name: .customLong("submitted-by"), help: ArgumentHelp("Who writes the request down (default: $FREQ_SUBMITTED_BY, then git's user.name).", valueName: "NAME"))
    var submittedBy: String?

    @Option(help: ArgumentHelp("A file holding the request's body (Markdown after the front matter).", valueName: "FILE"))
    var body: String?

    @Option(help: "The request's date, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    @Option(help: ArgumentHelp("Use this id instead of the next free one.", valueName: "ID"))
    var id: String?

    @Flag(help: "File the request even when others have a similar title.")
    var yes = false

    @Option(
        name: .customLong("from-issue-form"),
        help: ArgumentHelp(
            "The body of an issue opened with the form `freq form` writes: its answers fill title, area, severity, the customer and the problem.",
            valueName: "FILE"))
    var fromIssueForm: String?

    func run() throws {
        let day = try EditSession.day(date)
        var session = try EditSession.open(global)
        guard let fromIssueForm else { return try file(session: &session, day: day) }
        // The form's answers become the flags, then `new` runs as with those flags.
        var filled = self
        try filled.fill(fromIssueForm: fromIssueForm, session: session)
        try filled.file(session: &session, day: day)
    }

    /// Files the request the flags (or the issue form's answers) describe.
    private func file(session: inout EditSession, day: String) throws {
        let schema = SchemaFields(session.workspace.schema)
        let prompt = Prompt(interactive: Console.stdinIsTerminal)
        let checks = FieldChecks(validator: try session.workspace.validator())
        switch try answers(session, schema: schema, checks: checks, day: day, prompt: prompt) {
        case .addTo(let existing, let entry):
            // The same request exists: one more customer on it, not a duplicate.
            try session.apply([try session.plan(about: [existing]) { snapshot in
                try CustomerAddition.plan(id: existing, entry: entry, in: snapshot, validator: checks.validator)
            }])
        case .new(let request):
            let used = [session.registry.idList] + (try session.workspace.idListsAtReferenceTips())
            let newID = try NewRequest.chooseID(requested: id, usedIn: used, config: session.config)
            // Every value is checked before anything is asked or written.
            let file = try request.file(
                id: newID, validator: checks.validator, selector: RequestSelector(config: session.config), declares: schema.declares)
            if !prompt.interactive { try checkSimilarTitles(request.title, session: session) }
            try session.apply([file])
            NextSteps.say(for: file)
        }
    }

    /// The flags a submitted issue form gives, each answer checked first so that a wrong one
    /// names the form's field; a flag given too is an error (which one would win is unclear).
    private mutating func fill(fromIssueForm file: String, session: EditSession) throws {
        guard title == nil, area == nil, severity == nil, customer == nil, details.isEmpty, body == nil else {
            throw ToolFailure("--from-issue-form gives the title, area, severity, customer and body: leave out those flags")
        }
        let text = try textFile(file, flag: "--from-issue-form")
        let answers = try IssueForm.read(text, config: session.config, schema: session.workspace.schema)
        let checks = FieldChecks(validator: try session.workspace.validator())
        let names = session.config.fields
        var problems: [String] = []
        func refuse(_ target: IssueForm.Target, _ problem: String?) {
            if let problem { problems.append("form field `\(answers.label(target))`: \(problem)") }
        }
        let values = answers.values
        title = values[.title]
        if let text = values[.title] { refuse(.title, checks.check(names.title, .string(text))) }
        area = values[.area]
        if let text = values[.area] { refuse(.area, checks.check(names.area, .string(text))) }
        if let text = values[.severity] {
            if let number = Int(text) { severity = number; refuse(.severity, checks.check(names.severity, .integer(number))) }
            else { refuse(.severity, "`\(text)` is not a whole number") }
        }
        customer = values[.customer]
        details.segment = values[.segment]
        if let text = values[.segment] { refuse(.segment, checks.checkCustomer(names.segment, .string(text))) }
        if let text = values[.arr] {
            if let amount = Answers.money(text) { details.arr = amount; refuse(.arr, checks.checkCustomer(names.arr, .integer(amount))) }
            else { refuse(.arr, "`\(text)` is not an amount; write it like 120000, 120,000 or 120k") }
        }
        details.ticket = values[.ticket]
        if let text = values[.ticket] { refuse(.ticket, checks.checkCustomer(names.ticket, .string(text))) }
        if title == nil { problems.append("form field `\(answers.label(.title))` is empty: a request needs a title") }
        if customer == nil, !details.isEmpty {
            problems.append("form field `\(answers.label(.customer))` is empty, but the segment, ARR or ticket describe a customer")
        }
        guard problems.isEmpty else {
            Console.error("not filed: the issue form has values the schema refuses; nothing was written")
            for problem in problems { Console.err("  \(problem)\n") }
            throw ExitCode(1)
        }
        problemText = values[.problem]
    }

    /// The problem in the customer's words, from an issue form.
    private var problemText: String?

    /// What the person filing decided: a new request, or a customer on an existing one.
    enum Filing {
        case new(NewRequest)
        case addTo(id: String, entry: [(key: String, value: JSONValue)])
    }

    /// The request's fields: the flags, and on a terminal answers to what they leave out,
    /// each checked and asked again when wrong.
    private func answers(
        _ session: EditSession, schema: SchemaFields, checks: FieldChecks, day: String, prompt: Prompt
    ) throws -> Filing {
        let names = session.config.fields
        let title = try prompt.value(
            given: self.title?.trimmingCharacters(in: .whitespaces), flag: "--title", label: "title", required: true,
            check: { checks.check(names.title, .string($0)) })
            ?? ""
        // Right after the title: the same request may exist already.
        let existing = prompt.interactive ? try offerExisting(title, session: session, prompt: prompt) : nil
        let allowedAreas = schema.allowed(names.area)
        var area = self.area
        if let area, let allowedAreas, !allowedAreas.contains(area) {
            let hint = Suggestion.nearest(to: area, among: allowedAreas).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("--area `\(area)` is not one the schema allows\(hint): \(allowedAreas.joined(separator: ", "))")
        }
        if existing == nil, area == nil, schema.declares(names.area) {
            area = try prompt.value(
                given: nil, flag: "--area", label: "area", required: schema.requires(names.area), allowed: allowedAreas)
        }
        var severity = self.severity
        if existing == nil, severity == nil, schema.declares(names.severity) {
            let allowed = schema.enumValues(names.severity)?.compactMap { $0.numberValue.map { String(Int($0)) } }
            severity = try prompt.value(
                given: nil, flag: "--severity", label: "severity (1 blocks the customer .. 4 nice to have)",
                required: schema.requires(names.severity), allowed: allowed,
                check: { text in
                    guard let number = Int(text) else { return "`\(text)` is not a whole number" }
                    return checks.check(names.severity, .integer(number))
                }
            ).flatMap { Int($0) }
        }
        var customer = self.customer?.trimmingCharacters(in: .whitespacesAndNewlines)
        var details = self.details
        if customer == nil || customer == "", schema.declares(names.customers) {
            customer = try prompt.value(
                given: nil, flag: "--customer", label: "customer who asked",
                required: existing != nil || schema.requires(names.customers),
                check: { checks.checkCustomer(names.customer, .string($0)) })
            if customer != nil, prompt.interactive { try details.ask(prompt, checks: checks) }
        }
        if let given = customer, !given.isEmpty {
            customer = try CustomerSpelling.settle(given, session: session, prompt: prompt)
        }
        if customer == nil, !details.isEmpty {
            throw ToolFailure("--segment, --arr and --ticket describe a customer: add --customer NAME")
        }
        if let existing, let customer {
            return .addTo(id: existing, entry: details.entry(name: customer, date: day, names: names))
        }
        var submitter = submittedBy ?? ProcessInfo.processInfo.environment["FREQ_SUBMITTED_BY"].flatMap { $0.isEmpty ? nil : $0 }
        if submitter == nil, schema.declares(names.submittedBy) {
            submitter = try session.workspace.repository.configString("user.name").flatMap { $0.isEmpty ? nil : $0 }
            if submitter == nil {
                submitter = try prompt.value(
                    given: nil, flag: "--submitted-by", label: "your name or handle", required: schema.requires(names.submittedBy))
            }
        }
        return .new(NewRequest(
            title: title, area: area, severity: severity,
            customer: customer.map { details.entry(name: $0, date: day, names: names) }, submitter: submitter, day: day,
            body: try bodyText(prompt, template: session.workspace.placeholders?.body)))
    }

    /// On a terminal, right after the title: the requests with a similar title, each with
    /// what its status means for the customer, and the offer to add the customer to one
    /// of them instead. The chosen id, or nil to file a new request.
    private func offerExisting(_ title: String, session: EditSession, prompt: Prompt) throws -> String? {
        let similar = session.registry.similarTitles(to: title, threshold: session.config.similarTitles)
        guard !similar.isEmpty else { return nil }
        Console.err("requests with a similar title:\n")
        for match in similar.prefix(5) {
            let status = session.registry.status(of: match.candidate.id) ?? "?"
            Console.err("  \(match.candidate.id)  \(match.candidate.title)  (\(Self.meaning(status, config: session.config)))\n")
        }
        guard let first = similar.first, try prompt.confirm("add the customer to \(first.candidate.id) instead?", defaultYes: true) else {
            return nil
        }
        return first.candidate.id
    }

    /// What a status means for the person answering the customer.
    static func meaning(_ status: String, config: RegistryConfig) -> String {
        switch config.category(of: status) {
        case .actioned: return "\(status): tell the customer it is on its way, or exists"
        case .declined: return "\(status): product decided against it; the customer still counts"
        case .excluded: return "\(status): a duplicate; its customer goes to the request it repeats"
        case .open: return "\(status): waiting for a decision"
        }
    }

    /// Names requests with a similar title; without a terminal, stops unless --yes.
    private func checkSimilarTitles(_ title: String, session: EditSession) throws {
        let similar = session.registry.similarTitles(to: title, threshold: session.config.similarTitles)
        guard !similar.isEmpty else { return }
        var text = "requests with a similar title:\n"
        for match in similar.prefix(5) {
            text += "  \(match.candidate.id)  \(match.candidate.title)  (\(Int((match.score * 100).rounded()))% alike)\n"
        }
        text += "  (to add a customer to one of them instead: freq plus-one ID --customer NAME)\n"
        Console.err(text)
        if yes { return }
        Console.error("not filed: pass --yes to file it anyway")
        throw ExitCode(1)
    }

    /// The body: `--body FILE`; on a terminal, the problem in the customer's words; else
    /// the template's sections to fill in (an ADR's are not a feature request's), or the
    /// default ones.
    private func bodyText(_ prompt: Prompt, template: String?) throws -> String {
        let workaround = "\n## Workaround\n\nWhat they do today instead, if anything.\n"
        if let problemText { return "\n## Problem\n\n" + problemText + "\n" + workaround }
        guard let body else {
            if let problem = try prompt.lines("the problem, in the customer's words") {
                return "\n## Problem\n\n" + problem + "\n" + workaround
            }
            if let template, !template.isEmpty { return "\n" + template + "\n" }
            return "\n## Problem\n\nWhat the customer is trying to do and what stops them, in their words.\n" + workaround
        }
        let text = try textFile(body, flag: "--body")
        return "\n" + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
    }

    /// The UTF-8 text of the file a flag names (relative to the starting folder).
    private func textFile(_ file: String, flag: String) throws -> String {
        let start = try Workspace.startingFolder(global)
        let path = file.hasPrefix("/") ? file : start + "/" + file
        guard let data = try RegularFile.read(path, what: flag, display: file, limit: 4 << 20) else {
            throw ToolFailure("cannot read \(flag) `\(file)`: no such file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ToolFailure("\(flag) `\(file)` is not UTF-8 text")
        }
        return text
    }
}

/// What the schema says about the fields `new` fills: which it declares, requires, and the
/// values it allows. Without a schema (or one that names no properties) every field is
/// welcome.
struct SchemaFields {
    let schema: JSONSchema?
    private let declared: Set<String>
    private let required: Set<String>

    init(_ schema: JSONSchema?) {
        self.schema = schema
        declared = Set(schema?.declaredProperties ?? [])
        required = Set(schema?.requiredProperties ?? [])
    }

    func declares(_ field: String) -> Bool { declared.isEmpty || declared.contains(field) }
    func requires(_ field: String) -> Bool { required.contains(field) }
    func enumValues(_ field: String) -> [JSONValue]? { schema?.enumValues(forProperty: field) }
    func allowed(_ field: String) -> [String]? { enumValues(field)?.compactMap(\.stringValue) }
}
