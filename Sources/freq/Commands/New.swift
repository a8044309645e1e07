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
        let config = session.config
        let names = config.fields
        let schema = session.workspace.schema
        let declared = Set(schema?.declaredProperties ?? [])
        let required = Set(schema?.requiredProperties ?? [])
        // Without a schema (or one that names no properties) every field is welcome.
        func declares(_ field: String) -> Bool { declared.isEmpty || declared.contains(field) }
        var prompt = Prompt(interactive: Console.stdinIsTerminal)

        let title = try prompt.value(
            given: self.title?.trimmingCharacters(in: .whitespaces), flag: "--title", label: "title", required: true)
            ?? ""
        let allowedAreas = schema?.enumValues(forProperty: names.area)?.compactMap(\.stringValue)
        var area = self.area
        if let area, let allowedAreas, !allowedAreas.contains(area) {
            let hint = Suggestion.nearest(to: area, among: allowedAreas).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("--area `\(area)` is not one the schema allows\(hint): \(allowedAreas.joined(separator: ", "))")
        }
        if area == nil, declares(names.area) {
            area = try prompt.value(
                given: nil, flag: "--area", label: "area", required: required.contains(names.area), allowed: allowedAreas)
        }
        var severity = self.severity
        if severity == nil, declares(names.severity) {
            let allowed = schema?.enumValues(forProperty: names.severity)?.compactMap { $0.numberValue.map { String(Int($0)) } }
            if let text = try prompt.value(
                given: nil, flag: "--severity", label: "severity (1 blocks the customer .. 4 nice to have)",
                required: required.contains(names.severity), allowed: allowed)
            {
                guard let number = Int(text) else { throw ToolFailure("severity must be a whole number, not `\(text)`") }
                severity = number
            }
        }
        var customer = self.customer?.trimmingCharacters(in: .whitespacesAndNewlines)
        var details = self.details
        if customer == nil || customer == "", declares(names.customers) {
            customer = try prompt.value(
                given: nil, flag: "--customer", label: "customer who asked", required: required.contains(names.customers))
            if customer != nil, prompt.interactive {
                if details.segment == nil { details.segment = try prompt.value(given: nil, flag: "--segment", label: "segment", required: false) }
                if details.arr == nil, let text = try prompt.value(given: nil, flag: "--arr", label: "annual revenue (ARR)", required: false) {
                    guard let number = Int(text) else { throw ToolFailure("ARR must be a whole number, not `\(text)`") }
                    details.arr = number
                }
                if details.ticket == nil { details.ticket = try prompt.value(given: nil, flag: "--ticket", label: "ticket link", required: false) }
            }
        }
        if customer == nil, !details.isEmpty {
            throw ToolFailure("--segment, --arr and --ticket describe a customer: add --customer NAME")
        }
        var submitter = submittedBy ?? ProcessInfo.processInfo.environment["FREQ_SUBMITTED_BY"].flatMap { $0.isEmpty ? nil : $0 }
        if submitter == nil, declares(names.submittedBy) {
            submitter = try session.workspace.repository.configString("user.name").flatMap { $0.isEmpty ? nil : $0 }
            if submitter == nil {
                submitter = try prompt.value(
                    given: nil, flag: "--submitted-by", label: "your name or handle",
                    required: required.contains(names.submittedBy))
            }
        }

        let newID = try chooseID(session)
        try checkSimilarTitles(title, session: session, prompt: &prompt)

        var fields: [(key: String, value: FrontMatterEditor.NewValue)] = [
            (config.idField, .value(.string(newID))), (names.title, .value(.string(title))),
            (config.statusField, .value(.string(config.initialStatus))),
        ]
        if declares(names.created) { fields.append((names.created, .value(.string(day)))) }
        if let area { fields.append((names.area, .value(.string(area)))) }
        if let severity { fields.append((names.severity, .value(.integer(severity)))) }
        if let submitter, declares(names.submittedBy) { fields.append((names.submittedBy, .value(.string(submitter)))) }
        if let customer {
            let entry = details.entry(name: customer, date: day, names: names)
            fields.append((names.customers, .items([entry])))
        }
        let bytes: [UInt8]
        do {
            bytes = try FrontMatterEditor.newFile(fields: fields, body: try bodyText())
        } catch let error as FrontMatterEditError {
            throw ToolFailure(error.message)
        }

        let slug = RequestScaffold.slug(title)
        guard let name = RequestScaffold.fileName(template: config.filenameTemplate, id: newID, slug: slug) else {
            throw ToolFailure("the file name template `\(config.filenameTemplate ?? "")` does not give a plain file name for `\(newID)`")
        }
        let relative = session.selector.include.fixedPrefix + name
        guard session.selector.selects(relative) else {
            throw ConfigError(
                path: config.sourcePath, location: config.locations["requests"],
                message: "a new request would be `\(relative)`, which `\(config.requests)` does not match; freq new needs a requests glob like \"requests/*.md\"")
        }
        try InsideRepository.check(relative, root: session.root, what: "the new request")
        let folder = session.root + session.selector.include.fixedPrefix
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try AtomicFile.create(session.root + relative, bytes)
        Console.out(relative + "\n")
        if session.reportFindings(about: [relative]) { throw ExitCode(1) }
    }

    /// `--id`, checked, or the next free id over the working tree and every branch and tag.
    private func chooseID(_ session: EditSession) throws -> String {
        let config = session.config
        var used = Set(session.requests.compactMap(\.id))
        used.formUnion(try idsAtReferenceTips(session))
        if let id {
            guard !used.contains(id) else { throw ToolFailure("`\(id)` is already used (here or on a branch); leave out --id for the next free one") }
            if let pattern = config.idPattern, let regex = try? NSRegularExpression(pattern: pattern),
                regex.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) == nil
            {
                throw ToolFailure("--id `\(id)` does not match the id pattern `\(pattern)`")
            }
            return id
        }
        guard let next = RequestScaffold.nextID(after: Array(used), pattern: config.idPattern) else {
            throw ToolFailure("cannot work out the next id from the existing ids and `id.pattern`; give one with --id")
        }
        return next
    }

    /// The ids of the registry at every branch and tag tip; a folder tree seen at one tip
    /// is not read again at another.
    private func idsAtReferenceTips(_ session: EditSession) throws -> Set<String> {
        let repository = session.workspace.repository
        let config = session.config
        let prefix = session.selector.include.fixedPrefix
        var seenFolders = Set<ObjectID>()
        var ids = Set<String>()
        for tip in try repository.referenceTips() {
            let tree = try repository.commit(tip.commit).tree
            let folder = prefix.isEmpty ? tree : try repository.subtree(of: tree, at: prefix)
            guard let folder, seenFolders.insert(folder).inserted else { continue }
            let files = try GitSnapshot.requestFiles(
                in: repository, commit: tip.commit, selector: session.selector, sizeLimit: session.validator.limits.maxFileBytes)
            for file in files {
                guard case .bytes(let bytes) = file.content else { continue }
                // Any id counts, even in a file with other problems: it is taken.
                if case .success(let document) = FrontMatterReader.read(bytes),
                    let id = document.scalarText(at: [.key(config.idField)]), !id.isEmpty
                {
                    ids.insert(id)
                }
            }
        }
        return ids
    }

    /// Names requests with a similar title; continues only when the user agrees.
    private func checkSimilarTitles(_ title: String, session: EditSession, prompt: inout Prompt) throws {
        let candidates = session.requests.compactMap { request -> (id: String, title: String)? in
            guard let id = request.id, let other = request.document.value[session.config.fields.title]?.stringValue else { return nil }
            return (id, other)
        }
        let similar = TextSimilarity.similar(to: title, among: candidates, threshold: session.config.similarTitles)
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

    /// A yes/no question; only `y` or `yes` agree.
    func confirm(_ question: String) throws -> Bool {
        Console.err(question + " [y/N] ")
        guard let line = readLine() else { return false }
        return ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
