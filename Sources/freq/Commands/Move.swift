import ArgumentParser
import FreqKit

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Argument(help: "The request's id, e.g. FR-0042.")
    var id: String

    @Argument(help: "The new status, e.g. triaged.")
    var status: String

    @Option(name: .customLong("duplicate-of"), help: ArgumentHelp("The canonical request, when moving to a duplicate status.", valueName: "ID"))
    var duplicateOf: String?

    func run() throws {
        let session = try EditSession.open(global)
        let config = session.config
        let request = try session.request(id)
        guard config.isKnown(status: status) else {
            let hint = Suggestion.nearest(to: status, among: config.statuses).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("`\(status)` is not a status of the workflow\(hint); the statuses are \(config.statuses.joined(separator: ", "))")
        }
        let excluded = config.category(of: status) == .excluded
        let duplicateField = config.duplicateOfField
        if duplicateOf != nil, !excluded || duplicateField == nil {
            throw ToolFailure(
                duplicateField == nil
                    ? "--duplicate-of needs a `duplicate_of` field in the configuration"
                    : "--duplicate-of goes with a move to \(config.categories[.excluded]?.joined(separator: ", ") ?? "an excluded status"), not `\(status)`")
        }
        var canonical: ParsedRequest?
        if excluded, let duplicateField {
            guard let target = duplicateOf else {
                throw ToolFailure("moving to `\(status)` needs --duplicate-of ID: the request \(id) repeats (it fills `\(duplicateField)`)")
            }
            let found = try session.request(target)
            guard found.id != request.id else { throw ToolFailure("a request cannot be a duplicate of itself") }
            if let foundStatus = found.status, config.category(of: foundStatus) == .excluded {
                let further = found.document.scalarText(at: [.key(duplicateField)]).map { " of `\($0)`" } ?? ""
                Console.error("\(target) is itself `\(foundStatus)`\(further); point at the request it repeats instead")
                throw ExitCode(1)
            }
            canonical = found
        }
        guard let current = request.status else {
            Console.error("\(request.path) has no readable `\(config.statusField)`; fix it first (`freq validate`)")
            throw ExitCode(1)
        }
        let currentCanonical = duplicateField.flatMap { request.document.scalarText(at: [.key($0)]) }
        if current == status, canonical == nil || currentCanonical == canonical?.id {
            Console.out("\(id) is already `\(status)`; nothing to change\n")
            return
        }
        if current != status, let transitions = config.transitions {
            let allowed = transitions[current] ?? []
            guard allowed.contains(status) else {
                let next = allowed.isEmpty
                    ? "no status may follow `\(current)`"
                    : "from `\(current)` it may move to \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
                Console.error("the workflow does not allow \(id) to move from `\(current)` to `\(status)`: \(next)")
                throw ExitCode(1)
            }
        }

        var edited = try session.edit(request.path) {
            try FrontMatterEditor.setScalar(request.bytes, field: config.statusField, to: status)
        }
        if let duplicateField {
            if let canonical, let canonicalID = canonical.id {
                edited = try session.edit(request.path) {
                    try FrontMatterEditor.setScalar(edited, field: duplicateField, to: canonicalID, insertingAfter: config.statusField)
                }
            } else if !excluded {
                // Leaving the excluded category: the pointer would now be a finding.
                edited = try session.edit(request.path) { try FrontMatterEditor.removeField(edited, field: duplicateField) }
            }
        }
        var merged: [String] = []
        var canonicalEdited: [UInt8]?
        if let canonical {
            var bytes = canonical.bytes
            let customers = CustomerList(config.fields)
            var listed = customers.names(in: canonical.document.value[customers.field])
            for index in 0..<(request.document.value[customers.field]?.arrayValue?.count ?? 0) {
                guard let entry = customers.orderedEntry(request.document, index: index),
                    let name = entry.first(where: { $0.key == customers.nameKey })?.value.stringValue,
                    !listed.contains(where: { CustomerList.sameCustomer($0, name) })
                else { continue }
                bytes = try session.edit(canonical.path) {
                    try FrontMatterEditor.appendItem(bytes, toList: customers.field, item: entry)
                }
                listed.append(name)
                merged.append(name)
            }
            if !merged.isEmpty { canonicalEdited = bytes }
        }

        // Both files are edited in memory first, so a refusal leaves neither half-changed.
        try AtomicFile.replace(session.root + request.path, expecting: request.bytes, with: edited)
        var written: Set<String> = [request.path]
        let pointer = canonical?.id.map { " (duplicate of \($0))" } ?? ""
        Console.out("\(request.path): \(current) → \(status)\(pointer)\n")
        if let canonical, let canonicalEdited {
            try AtomicFile.replace(session.root + canonical.path, expecting: canonical.bytes, with: canonicalEdited)
            written.insert(canonical.path)
            Console.out("\(canonical.path): added \(merged.count) customer\(merged.count == 1 ? "" : "s") from \(id): \(merged.joined(separator: ", "))\n")
        }
        if session.reportFindings(about: written) { throw ExitCode(1) }
    }
}
