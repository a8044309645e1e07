import Foundation

/// `freq new`: a request file with the next free id, named after the `id.filename`
/// template and its title, holding the fields in the order people write them.
public struct NewRequest: Sendable {
    public var title: String
    public var area: String?
    public var severity: Int?
    /// The first customer's entry (name first), when one asked.
    public var customer: [(key: String, value: JSONValue)]?
    public var submitter: String?
    /// `YYYY-MM-DD`: `created`, and when the customer asked.
    public var day: String
    /// The Markdown after the front matter.
    public var body: String

    public init(
        title: String, area: String?, severity: Int?, customer: [(key: String, value: JSONValue)]?, submitter: String?,
        day: String, body: String
    ) {
        self.title = title
        self.area = area
        self.severity = severity
        self.customer = customer
        self.submitter = submitter
        self.day = day
        self.body = body
    }

    /// The file for request `id`: its path from the repository root and its bytes.
    /// `declares` says whether the schema has a field (without a schema, every field is
    /// welcome). Throws `InvalidValues` when `validator` rejects a value a flag gave.
    public func file(
        id: String, validator: RegistryValidator, selector: RequestSelector, declares: (String) -> Bool
    ) throws -> FileEdit {
        let config = validator.config
        let names = config.fields
        try FieldFlags(names: names, idField: config.idField).requireOneLine(
            [(names.title, .string(title)), (names.area, area.map(JSONValue.string) ?? .null),
             (names.submittedBy, submitter.map(JSONValue.string) ?? .null)] + (customer ?? []).map { ($0.key, $0.value) },
            customerKeys: Set((customer ?? []).map(\.key)))
        var fields: [(key: String, value: FrontMatterEditor.NewValue)] = [
            (config.idField, .value(.string(id))), (names.title, .value(.string(title))),
            (config.statusField, .value(.string(config.initialStatus))),
        ]
        if declares(names.created) { fields.append((names.created, .value(.string(day)))) }
        if let area { fields.append((names.area, .value(.string(area)))) }
        if let severity { fields.append((names.severity, .value(.integer(severity)))) }
        if let submitter, declares(names.submittedBy) { fields.append((names.submittedBy, .value(.string(submitter)))) }
        if let customer { fields.append((names.customers, .items([customer]))) }
        let bytes: [UInt8]
        do {
            bytes = try FrontMatterEditor.newFile(fields: fields, body: body, dayKeys: [names.created, names.date])
        } catch {
            throw ToolFailure(error.message)
        }
        let path = try Self.path(id: id, title: title, config: config, selector: selector)
        try validator.refuseInvalidValues(bytes, path: path)
        return FileEdit(path: path, original: nil, edited: bytes, summary: path, requestID: id)
    }

    /// Where request `id` goes: the fixed folder of the requests glob, and a name from the
    /// `id.filename` template with a slug of the title, which the glob must select.
    public static func path(id: String, title: String, config: RegistryConfig, selector: RequestSelector) throws(ToolFailure) -> String {
        guard let name = RequestScaffold.fileName(template: config.filenameTemplate, id: id, slug: RequestScaffold.slug(title)) else {
            throw ToolFailure("the file name template `\(config.filenameTemplate ?? "")` does not give a plain file name for `\(id)`")
        }
        let relative = selector.include.fixedPrefix + name
        guard selector.selects(relative) else {
            throw ToolFailure(ConfigError(
                path: config.sourcePath, location: config.locations["requests"],
                message: "a new request would be `\(relative)`, which `\(config.requests)` does not match; freq new needs a requests glob like \"requests/*.md\"").description)
        }
        return relative
    }

    /// `chooseID(requested:used:config:)` with `used` the ids of `lists` together (an id
    /// may be in several: the working tree's and each branch tip's).
    public static func chooseID(requested: String?, usedIn lists: [[String]], config: RegistryConfig) throws(ToolFailure) -> String {
        guard requested == nil else { return try chooseID(requested: requested, used: Set(lists.joined()), config: config) }
        guard let next = RequestScaffold.nextID(afterAll: lists, pattern: config.idPattern) else {
            throw ToolFailure("cannot work out the next id from the existing ids and `id.pattern`; give one with --id")
        }
        return next
    }

    /// `requested`, checked, or the next free id: one more than the highest of `used` (the
    /// working tree's ids and those at every branch and tag tip).
    public static func chooseID(requested: String?, used: Set<String>, config: RegistryConfig) throws(ToolFailure) -> String {
        if let id = requested {
            guard !used.contains(id) else {
                throw ToolFailure("`\(id)` is already used (here or on a branch); leave out --id for the next free one")
            }
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
}

extension RegistrySnapshot {
    /// The requests whose title is close to `title` (at least `config.similarTitles`),
    /// closest first.
    public func similarTitles(to title: String, config: RegistryConfig) -> [(candidate: (id: String, title: String), score: Double)] {
        let candidates = requests.compactMap { request -> (id: String, title: String)? in
            guard let id = request.id, let other = request.document.value[config.fields.title]?.stringValue else { return nil }
            return (id, other)
        }
        return TextSimilarity.similar(to: title, among: candidates, threshold: config.similarTitles)
    }
}
