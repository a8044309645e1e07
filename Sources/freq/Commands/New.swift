import ArgumentParser
import Foundation
import FreqGit
import FreqKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Option(help: "The part of the product it concerns (the schema lists the values).")
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

    func run() throws {
        let day = try EditSession.day(date)
        let session = try EditSession.open(global)
        let schema = SchemaFields(session.workspace.schema)
        var prompt = Prompt(interactive: Console.stdinIsTerminal)
        let request = try answers(session, schema: schema, day: day, prompt: &prompt)
        let used = session.snapshot.ids.union(try session.workspace.idsAtReferenceTips())
        let newID = try NewRequest.chooseID(requested: id, used: used, config: session.config)
        // Every value is checked before anything is asked or written.
        let file = try request.file(
            id: newID, validator: try session.workspace.validator(), selector: RequestSelector(config: session.config),
            declares: schema.declares)
        try checkSimilarTitles(request.title, session: session, prompt: &prompt)
        try session.apply([file])
    }

    /// The request's fields: the flags, and on a terminal answers to what they leave out.
    private func answers(_ session: EditSession, schema: SchemaFields, day: String, prompt: inout Prompt) throws -> NewRequest {
        let names = session.config.fields
        let title = try prompt.value(
            given: self.title?.trimmingCharacters(in: .whitespaces), flag: "--title", label: "title", required: true)
            ?? ""
        let allowedAreas = schema.allowed(names.area)
        var area = self.area
        if let area, let allowedAreas, !allowedAreas.contains(area) {
            let hint = Suggestion.nearest(to: area, among: allowedAreas).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("--area `\(area)` is not one the schema allows\(hint): \(allowedAreas.joined(separator: ", "))")
        }
        if area == nil, schema.declares(names.area) {
            area = try prompt.value(
                given: nil, flag: "--area", label: "area", required: schema.requires(names.area), allowed: allowedAreas)
        }
        var severity = self.severity
        if severity == nil, schema.declares(names.severity) {
            let allowed = schema.enumValues(names.severity)?.compactMap { $0.numberValue.map { String(Int($0)) } }
            if let text = try prompt.value(
                given: nil, flag: "--severity", label: "severity (1 blocks the customer .. 4 nice to have)",
                required: schema.requires(names.severity), allowed: allowed)
            {
                guard let number = Int(text) else { throw ToolFailure("severity must be a whole number, not `\(text)`") }
                severity = number
            }
        }
        var customer = self.customer?.trimmingCharacters(in: .whitespacesAndNewlines)
        var details = self.details
        if customer == nil || customer == "", schema.declares(names.customers) {
            customer = try prompt.value(
                given: nil, flag: "--customer", label: "customer who asked", required: schema.requires(names.customers))
            if customer != nil, prompt.interactive { try details.ask(&prompt) }
        }
        if let given = customer, !given.isEmpty {
            customer = try CustomerSpelling.settle(given, session: session, prompt: prompt)
        }
        if customer == nil, !details.isEmpty {
            throw ToolFailure("--segment, --arr and --ticket describe a customer: add --customer NAME")
        }
        var submitter = submittedBy ?? ProcessInfo.processInfo.environment["FREQ_SUBMITTED_BY"].flatMap { $0.isEmpty ? nil : $0 }
        if submitter == nil, schema.declares(names.submittedBy) {
            submitter = try session.workspace.repository.configString("user.name").flatMap { $0.isEmpty ? nil : $0 }
            if submitter == nil {
                submitter = try prompt.value(
                    given: nil, flag: "--submitted-by", label: "your name or handle", required: schema.requires(names.submittedBy))
            }
        }
        return NewRequest(
            title: title, area: area, severity: severity,
            customer: customer.map { details.entry(name: $0, date: day, names: names) }, submitter: submitter, day: day,
            body: try bodyText())
    }

    /// Names requests with a similar title; continues only when the user agrees.
    private func checkSimilarTitles(_ title: String, session: EditSession, prompt: inout Prompt) throws {
        let similar = session.snapshot.similarTitles(to: title, config: session.config)
        guard !similar.isEmpty else { return }
        var text = "requests with a similar title:\n"
        for match in similar.prefix(5) {
            text += "  \(match.candidate.id)  \(match.candidate.title)  (\(Int((match.score * 100).rounded()))% alike)\n"
        }
        text += "  (to add a customer to one of them instead: freq plus-one ID --customer NAME)\n"
        Console.err(text)
        if yes { return }
        if prompt.interactive {
            guard try prompt.confirm("file it anyway?") else {
                Console.err("nothing was written\n")
                throw ExitCode(1)
            }
            return
        }
        Console.error("not filed: pass --yes to file it anyway")
        throw ExitCode(1)
    }

    /// The body: `--body FILE`, or the default sections.
    private func bodyText() throws -> String {
        guard let body else {
            return "\n## Problem\n\nWhat the customer is trying to do and what stops them, in their words.\n\n## Workaround\n\nWhat they do today instead, if anything.\n"
        }
        let start = try Workspace.startingFolder(global)
        let path = body.hasPrefix("/") ? body : start + "/" + body
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToolFailure("cannot read --body `\(body)`: no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ToolFailure("--body `\(body)` is not UTF-8 text")
        }
        return "\n" + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
    }
}

/// Asking on a terminal for what the flags left out; without a terminal, a missing
/// required value is a usage error naming its flag.
struct Prompt {
    let interactive: Bool

    /// `given`, or the answer to a question (nil for an empty answer to an optional one).
    mutating func value(
        given: String?, flag: String, label: String, required: Bool, allowed: [String]? = nil
    ) throws -> String? {
        if let given, !given.isEmpty { return given }
        guard interactive else {
            guard required else { return nil }
            let choices = allowed.map { " (one of: \($0.joined(separator: ", ")))" } ?? ""
            throw ToolFailure("missing \(flag)\(choices); freq asks for it only on a terminal")
        }
        while true {
            var question = label
            if let allowed, !allowed.isEmpty { question += " [\(allowed.joined(separator: ", "))]" }
            if !required { question += " (optional)" }
            Console.err(question + ": ")
            guard let line = readLine() else { throw ToolFailure("no answer for \(flag)") }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if required { continue }
                return nil
            }
            if let allowed, !allowed.isEmpty, !allowed.contains(answer) {
                let hint = Suggestion.nearest(to: answer, among: allowed).map { " (did you mean `\($0)`?)" } ?? ""
                Console.err("`\(answer)` is not one of the allowed values\(hint)\n")
                continue
            }
            return answer
        }
    }

    /// A yes/no question; `y` or `yes` agree, `n` or `no` refuse, an empty answer takes
    /// the default.
    func confirm(_ question: String, defaultYes: Bool = false) throws -> Bool {
        Console.err(question + (defaultYes ? " [Y/n] " : " [y/N] "))
        guard let line = readLine() else { return defaultYes }
        let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
        return answer.isEmpty ? defaultYes : ["y", "yes"].contains(answer)
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
