import Foundation
import Yams

/// The four status categories every statistic is counted in.
public enum StatusCategory: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case actioned
    case declined
    case excluded
}

/// A configuration problem: the tool cannot run until it is fixed (exit 2).
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file at fault, as given or relative to the repository root.
    public var path: String
    public var location: SourceLocation?
    public var message: String

    public init(path: String, location: SourceLocation? = nil, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    public var description: String {
        if let location { return "\(path):\(location.line):\(location.column): \(message)" }
        return "\(path): \(message)"
    }
}

/// `schema/registry.yml`: where requests live, how they are identified, the workflow.
/// Nothing else in freq names a front-matter field; every name comes from here.
public struct RegistryConfig: Sendable {
    /// Glob (from the repository root) of the request files.
    public var requests: String
    /// Globs of files that match `requests` but are not requests.
    public var exclude: [String]
    /// The front-matter JSON Schema's path, relative to the repository root; nil: none.
    public var frontMatterSchema: String?
    public var idField: String
    /// Regular expression an id must match; nil: any non-empty text.
    public var idPattern: String?
    /// File-name template: `{id}` stands for the id, `*` for anything.
    public var filenameTemplate: String?
    public var statusField: String
    public var initialStatus: String
    /// The file support copies to start a request (`template`, relative to the
    /// configuration; by default `template.md` beside it, when there is one): values still
    /// equal to its placeholders are findings.
    public var templatePath: String?
    /// Whether `template` was set (then a missing file is an error).
    public var templateIsExplicit = false
    /// The statuses a request may only move into with a reason (`status.reason_required`):
    /// `move` asks for `--reason`, `check` refuses a move into one without it.
    public var reasonRequired: [String] = []
    /// The statuses a request may have when it is filed (`status.entry`; by default the
    /// initial status alone): a request cannot be born `shipped`.
    public var entryStatuses: [String] = []
    /// Statuses of each category, in the order written.
    public var categories: [StatusCategory: [String]]
    /// Allowed next statuses per status; nil when the workflow allows any move.
    public var transitions: [String: [String]]?
    /// The field naming the canonical request of a duplicate; nil when there is none.
    public var duplicateOfField: String?
    /// Severity overrides per rule name.
    public var ruleSeverities: [String: Severity]
    /// Titles at least this similar (0...1, `TextSimilarity`) are named as possible
    /// duplicates by `freq new` and `freq check`.
    public var similarTitles: Double = 0.6
    /// The other fields the commands name (title, customers...).
    public var fields = FieldNames()
    /// What `freq site` needs besides the registry (`site:`).
    public var site = SiteSettings()
    /// Whether the schema's `format` keywords are checked (`formats: assert`, the default)
    /// or only describe the value (`formats: annotate`).
    public var formats: SchemaFormatMode = .assert
    /// Where this configuration came from (for messages).
    public var sourcePath: String
    /// Where each setting was written, by dotted key (`status.initial`), for messages.
    public var locations: [String: SourceLocation]

    /// The category of a status; a status in no category counts as open.
    public func category(of status: String) -> StatusCategory {
        categoryByStatus[status] ?? .open
    }

    /// Every status of the workflow, in category order then as written.
    public var statuses: [String] {
        StatusCategory.allCases.flatMap { categories[$0] ?? [] }
    }

    /// Whether `status` is one the workflow names.
    public func isKnown(status: String) -> Bool { categoryByStatus[status] != nil }

    private var categoryByStatus: [String: StatusCategory] = [:]

    /// Parses the YAML text of a registry configuration. `displayPath` names the file in
    /// messages; `schemaBase` is the folder (relative to the repository root, `/`-ended or
    /// empty) that `front_matter` is relative to.
    public static func parse(_ text: String, displayPath: String, schemaBase: String) throws(ConfigError) -> RegistryConfig {
        let root: Node
        do {
            guard text.utf8.count < 1 << 20 else {
                throw ConfigError(path: displayPath, message: "the configuration is larger than 1 MiB")
            }
            guard !YAMLScan.isUnsafeToCompose(text) else {
                throw ConfigError(path: displayPath, message: "anchors and aliases (`&name`, `*name`) and deep nesting are not allowed in the configuration")
            }
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw ConfigError(path: displayPath, message: "the configuration is empty")
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(path: displayPath, location: YAMLScan.location(of: error), message: "invalid YAML: \(YAMLScan.summary(of: error))")
        } catch {
            throw ConfigError(path: displayPath, message: "invalid YAML: \(error)")
        }
        var reader = ConfigReader(path: displayPath)
        return try reader.read(root, schemaBase: schemaBase)
    }

    init(
        requests: String, exclude: [String], frontMatterSchema: String?, idField: String, idPattern: String?,
        filenameTemplate: String?, statusField: String, initialStatus: String,
        categories: [StatusCategory: [String]], transitions: [String: [String]]?, duplicateOfField: String?,
        ruleSeverities: [String: Severity], sourcePath: String, locations: [String: SourceLocation]
    ) {
        self.requests = requests
        self.exclude = exclude
        self.frontMatterSchema = frontMatterSchema
        self.idField = idField
        self.idPattern = idPattern
        self.filenameTemplate = filenameTemplate
        self.statusField = statusField
        self.initialStatus = initialStatus
        entryStatuses = [initialStatus]
        self.categories = categories
        self.transitions = transitions
        self.duplicateOfField = duplicateOfField
        self.ruleSeverities = ruleSeverities
        self.sourcePath = sourcePath
        self.locations = locations
        for (category, statuses) in categories {
            for status in statuses { categoryByStatus[status] = category }
        }
    }
}

/// Reads the configuration's node tree, checking every value and locating every error.
struct ConfigReader {
    let path: String
    var locations: [String: SourceLocation] = [:]

    init(path: String) { self.path = path }

    func error(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError(path: path, location: node.flatMap(YAMLScan.location(of:)), message: message)
    }

    func mapping(_ node: Node?, _ name: String) throws(ConfigError) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else { throw error(node, "`\(name)` must be a mapping of names to values") }
        var seen = Set<String>()
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(key, "keys of `\(name)` must be plain names") }
            guard seen.insert(scalar.string).inserted else { throw error(key, "`\(name)` repeats the key `\(scalar.string)`") }
            result.append((scalar.string, key, value))
        }
        return result
    }

    func scalar(_ node: Node?, _ name: String) throws(ConfigError) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else { throw error(node, "`\(name)` must be a single value") }
        return scalar.string
    }

    func list(_ node: Node?, _ name: String) throws(ConfigError) -> [String] {
        guard let node else { return [] }
        if case .scalar(let scalar) = node { return [scalar.string] }
        guard case .sequence(let sequence) = node else { throw error(node, "`\(name)` must be a list") }
        var values: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else { throw error(item, "items of `\(name)` must be single values") }
            values.append(scalar.string)
        }
        return values
    }

    /// The `fields:` block: each setting names a distinct front-matter field, none of them
    /// the id, status or duplicate field (two settings on one field would make `new` write
    /// a key twice and `list` show one value in two columns).
    mutating func readFields(_ node: Node?, idField: String, statusField: String, duplicateOf: String?)
        throws(ConfigError) -> FieldNames
    {
        let names = FieldNames.settings.map(\.name)
        var fields = FieldNames()
        var written: [String: Node] = [:]
        for (name, nameNode, value) in try mapping(node, "fields") {
            guard let setting = FieldNames.settings.first(where: { $0.name == name }) else {
                let hint = Suggestion.nearest(to: name, among: names).map { " (did you mean `\($0)`?)" } ?? ""
                throw error(nameNode, "unknown setting `fields.\(name)`\(hint); known: \(names.joined(separator: ", "))")
            }
            let field = (try scalar(value, "fields.\(name)") ?? "").trimmingCharacters(in: .whitespaces)
            guard !field.isEmpty, field != "~", field != "null" else {
                throw error(value, "`fields.\(name)` must name a front-matter field")
            }
            fields[keyPath: setting.keyPath] = field
            written[name] = value
            locations["fields.\(name)"] = YAMLScan.location(of: value)
        }
        // Every setting must differ from the others of its level, defaults included (a
        // default on the status field would show statuses as areas): the request's own
        // keys, then the keys inside each customer entry.
        let requestKeys = [("id.field", idField), ("status.field", statusField)] + (duplicateOf.map { [("duplicate_of", $0)] } ?? [])
        for inEntry in [false, true] {
            var owner: [String: String] = [:]
            for (setting, field) in requestKeys where !inEntry { owner[field] = setting }
            for (name, keyPath, _) in FieldNames.settings.filter({ $0.inEntry == inEntry }) {
                let field = fields[keyPath: keyPath]
                if let other = owner[field] {
                    let otherName = other.hasPrefix("fields.") ? String(other.dropFirst("fields.".count)) : ""
                    func described(_ setting: String, _ name: String) -> String {
                        "`\(setting)`" + (setting.hasPrefix("fields.") && written[name] == nil ? " (the default)" : "")
                    }
                    throw error(
                        written[name] ?? written[otherName] ?? node,
                        "\(described("fields.\(name)", name)) and \(described(other, otherName)) both name the field `\(field)`; each must name its own (set `fields.\(name)` to another field)")
                }
                owner[field] = "fields.\(name)"
            }
        }
        return fields
    }

    mutating func read(_ root: Node, schemaBase: String) throws(ConfigError) -> RegistryConfig {
        let known = [
            "requests", "exclude", "front_matter", "template", "id", "status", "duplicate_of", "rules", "similar_titles", "fields",
            "formats", "site",
        ]
        let top = try mapping(root, "the configuration")
        var values: [String: Node] = [:]
        for (key, keyNode, value) in top {
            guard known.contains(key) else {
                let hint = Suggestion.nearest(to: key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                throw error(keyNode, "unknown setting `\(key)`\(hint); known settings: \(known.joined(separator: ", "))")
            }
            values[key] = value
            locations[key] = YAMLScan.location(of: keyNode)
        }
        guard let requests = try scalar(values["requests"], "requests"), !requests.isEmpty else {
            throw error(values["requests"] ?? root, "`requests` (the glob of request files, e.g. \"requests/*.md\") is required")
        }
        let exclude = try list(values["exclude"], "exclude")
        var schemaPath: String?
        if let schema = try scalar(values["front_matter"], "front_matter"), !schema.isEmpty {
            schemaPath = schema.hasPrefix("/") ? schema : schemaBase + schema
        }
        let template = try scalar(values["template"], "template").flatMap { $0.isEmpty ? nil : $0 }

        var idField = "id"
        var idPattern: String?
        var filename: String?
        for (key, keyNode, value) in try mapping(values["id"], "id") {
            switch key {
            case "field": idField = try scalar(value, "id.field") ?? idField
            case "pattern":
                idPattern = try scalar(value, "id.pattern")
                if let pattern = idPattern, !SendableRegex.isValid(pattern) {
                    throw error(value, "`id.pattern` is not a valid regular expression: \(pattern)")
                }
            case "filename": filename = try scalar(value, "id.filename")
            default: throw error(keyNode, "unknown setting `id.\(key)`; known: field, pattern, filename")
            }
        }

        let status = try readStatus(values["status"], root: root)

        var severities: [String: Severity] = [:]
        for (rule, _, value) in try mapping(values["rules"], "rules") {
            let text = try scalar(value, "rules.\(rule)") ?? ""
            guard let severity = Severity(rawValue: text) else {
                throw error(value, "the severity of rule `\(rule)` must be error, warning or off, not `\(text)`")
            }
            severities[rule] = severity
        }

        let duplicateOf = try scalar(values["duplicate_of"], "duplicate_of")
        var similarTitles = 0.6
        if let text = try scalar(values["similar_titles"], "similar_titles") {
            guard let value = Double(text), (0...1).contains(value) else {
                throw error(values["similar_titles"], "`similar_titles` must be a number from 0 to 1, not `\(text)`")
            }
            similarTitles = value
        }
        var formats = SchemaFormatMode.assert
        if let text = try scalar(values["formats"], "formats") {
            guard let mode = SchemaFormatMode(rawValue: text) else {
                throw error(values["formats"], "`formats` must be `assert` (check `format` in the schema) or `annotate` (do not), not `\(text)`")
            }
            formats = mode
        }
        let fields = try readFields(
            values["fields"], idField: idField, statusField: status.field, duplicateOf: duplicateOf.flatMap { $0.isEmpty ? nil : $0 })
        var config = RegistryConfig(
            requests: requests, exclude: exclude, frontMatterSchema: schemaPath, idField: idField,
            idPattern: idPattern, filenameTemplate: filename, statusField: status.field,
            initialStatus: status.initial, categories: status.categories, transitions: status.transitions,
            duplicateOfField: duplicateOf?.isEmpty == true ? nil : duplicateOf, ruleSeverities: severities,
            sourcePath: path, locations: locations)
        config.similarTitles = similarTitles
        config.fields = fields
        config.site = try readSite(values["site"], categories: status.categories)
        config.formats = formats
        config.entryStatuses = status.entry
        config.reasonRequired = status.reasonRequired
        config.templatePath = template.map { $0.hasPrefix("/") ? $0 : schemaBase + $0 } ?? schemaBase + "template.md"
        config.templateIsExplicit = template != nil
        return config
    }

    /// The `status` block: the field, the initial and entry statuses, the categories, the
    /// statuses that need a reason and the transitions, every status checked to be in a
    /// category.
    private mutating func readStatus(_ node: Node?, root: Node) throws(ConfigError) -> (
        field: String, initial: String, entry: [String], reasonRequired: [String],
        categories: [StatusCategory: [String]], transitions: [String: [String]]?
    ) {
        var statusField = "status"
        var initial: String?
        var categories: [StatusCategory: [String]] = [:]
        var transitions: [String: [String]]?
        var transitionsNode: Node?
        var entry: [String]?
        var entryNode: Node?
        var reasonRequired: [String] = []
        var reasonNode: Node?
        var categoryOf: [String: StatusCategory] = [:]
        for (key, keyNode, value) in try mapping(node, "status") {
            switch key {
            case "field": statusField = try scalar(value, "status.field") ?? statusField
            case "initial":
                initial = try scalar(value, "status.initial")
                locations["status.initial"] = YAMLScan.location(of: value)
            case "categories":
                for (name, nameNode, statuses) in try mapping(value, "status.categories") {
                    guard let category = StatusCategory(rawValue: name) else {
                        let names = StatusCategory.allCases.map(\.rawValue)
                        let hint = Suggestion.nearest(to: name, among: names).map { " (did you mean `\($0)`?)" } ?? ""
                        throw error(nameNode, "unknown status category `\(name)`\(hint); the categories are \(names.joined(separator: ", "))")
                    }
                    let list = try list(statuses, "status.categories.\(name)")
                    for status in list {
                        if let other = categoryOf[status] {
                            throw error(statuses, "status `\(status)` is in two categories, `\(other.rawValue)` and `\(name)`; a status belongs to exactly one")
                        }
                        categoryOf[status] = category
                    }
                    categories[category] = list
                }
            case "entry":
                entryNode = value
                entry = try list(value, "status.entry")
            case "reason_required":
                reasonNode = value
                reasonRequired = try list(value, "status.reason_required")
            case "transitions":
                transitionsNode = value
                var table: [String: [String]] = [:]
                for (from, _, targets) in try mapping(value, "status.transitions") {
                    table[from] = try list(targets, "status.transitions.\(from)")
                }
                transitions = table
            default: throw error(keyNode, "unknown setting `status.\(key)`; known: field, initial, entry, reason_required, categories, transitions")
            }
        }
        guard !categories.isEmpty else {
            throw error(node ?? root, "`status.categories` is required: list the statuses of each category (open, actioned, declined, excluded)")
        }
        let initialStatus = initial ?? categories[.open]?.first ?? ""
        guard categoryOf[initialStatus] != nil else {
            throw error(node, "the initial status `\(initialStatus)` is in no category")
        }
        for status in entry ?? [] where categoryOf[status] == nil {
            throw error(entryNode, "the entry status `\(status)` is in no category")
        }
        for status in reasonRequired where categoryOf[status] == nil {
            throw error(reasonNode, "`status.reason_required` names `\(status)`, which is in no category")
        }
        if let transitions {
            for (from, targets) in transitions {
                for status in [from] + targets where categoryOf[status] == nil {
                    throw error(transitionsNode, "the transition \(from) → \(targets.joined(separator: ", ")) names `\(status)`, which is in no category")
                }
            }
        }
        return (statusField, initialStatus, entry ?? [initialStatus], reasonRequired, categories, transitions)
    }
}
