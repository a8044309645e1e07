import Dispatch
import Foundation

/// A request whose front matter was read: what the cross-file rules and the commands need.
public struct ParsedRequest: Sendable {
    public var path: String
    /// The id as written (scalar text), nil when missing or not a scalar.
    public var id: String?
    public var status: String?
    public var document: FrontMatterDocument
    public var bytes: [UInt8]
}

/// Everything `freq validate` found.
public struct ValidationReport: Sendable {
    public var fileCount: Int
    /// Sorted by path, then line and column.
    public var diagnostics: [Diagnostic]
    public var requests: [ParsedRequest]
    /// File contents of the files with findings, to show the offending line.
    public var sources: [String: [UInt8]]

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Keeps only the findings about `paths` (a `freq validate PATH...` run).
    public func restricted(to paths: Set<String>) -> ValidationReport {
        var copy = self
        copy.diagnostics = diagnostics.filter { paths.contains($0.path) }
        copy.fileCount = paths.count
        return copy
    }
}

/// Checks request files against the JSON Schema and the registry rules of a configuration.
public struct RegistryValidator: Sendable {
    public let config: RegistryConfig
    public let schema: JSONSchema?
    public let limits: FrontMatterLimits
    private let idPattern: SendableRegex?
    private let fileNameRule: FileNameRule?

    /// Prepares a validator; fails when the configuration and the schema disagree
    /// (a status the schema allows but no category holds, an unknown rule name).
    public init(config: RegistryConfig, schema: JSONSchema?, limits: FrontMatterLimits = .default) throws(ConfigError) {
        self.config = config
        self.schema = schema
        self.limits = limits
        idPattern = config.idPattern.flatMap { try? NSRegularExpression(pattern: $0) }.map(SendableRegex.init)
        fileNameRule = config.filenameTemplate.map(FileNameRule.init)
        for (rule, _) in config.ruleSeverities where !RuleCatalog.names.contains(rule) {
            let hint = Suggestion.nearest(to: rule, among: RuleCatalog.names).map { " (did you mean `\($0)`?)" } ?? ""
            throw ConfigError(
                path: config.sourcePath, location: config.locations["rules"],
                message: "unknown rule `\(rule)`\(hint); `freq rules` lists them")
        }
        if let values = schema?.enumValues(forProperty: config.statusField) {
            for case .string(let status) in values where !config.isKnown(status: status) {
                throw ConfigError(
                    path: config.sourcePath, location: config.locations["status"],
                    message: "the schema allows status `\(status)` but no category of `status.categories` holds it")
            }
        }
    }

    /// Validates every file, reading and checking them in parallel.
    public func validate(_ files: [RequestFile]) -> ValidationReport {
        let results = UnsafeResults<FileResult>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = check(files[index])
        }
        var diagnostics: [Diagnostic] = []
        var requests: [ParsedRequest] = []
        for result in results.values {
            guard let result else { continue }
            diagnostics += result.diagnostics
            if let request = result.request { requests.append(request) }
        }
        diagnostics += crossFileDiagnostics(requests)
        diagnostics = diagnostics.compactMap(applySeverity)
        diagnostics.sort(by: Self.order)
        var sources: [String: [UInt8]] = [:]
        let flagged = Set(diagnostics.map(\.path))
        for file in files where flagged.contains(file.path) {
            if case .bytes(let bytes) = file.content { sources[file.path] = bytes }
        }
        return ValidationReport(fileCount: files.count, diagnostics: diagnostics, requests: requests, sources: sources)
    }

    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path.precedesInByteOrder(b.path) }
        let left = a.location ?? SourceLocation(line: 0, column: 0)
        let right = b.location ?? SourceLocation(line: 0, column: 0)
        if left != right { return left < right }
        return a.rule < b.rule
    }

    private func applySeverity(_ diagnostic: Diagnostic) -> Diagnostic? {
        var copy = diagnostic
        copy.severity = config.ruleSeverities[diagnostic.rule]
            ?? RuleCatalog.description(of: diagnostic.rule)?.defaultSeverity ?? .error
        return copy.severity == .off ? nil : copy
    }

    struct FileResult: Sendable {
        var diagnostics: [Diagnostic]
        var request: ParsedRequest?
    }

    func check(_ file: RequestFile) -> FileResult {
        func fileFinding(_ rule: String, _ message: String, _ hint: String?) -> FileResult {
            FileResult(diagnostics: [Diagnostic(path: file.path, location: nil, severity: .error, rule: rule, message: message, hint: hint)])
        }
        let bytes: [UInt8]
        switch file.content {
        case .symlink:
            return fileFinding("symlink", "the request is a symbolic link, which freq never follows", "replace the link with the file itself")
        case .notAFile:
            return fileFinding("not-a-file", "a folder or special file matches the requests glob", "rename it, or narrow `requests` in the configuration")
        case .tooLarge(let size):
            return fileFinding("too-large", "the file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes", "keep requests short; link to large attachments instead")
        case .unreadable(let reason):
            return fileFinding("not-a-file", "the file cannot be read: \(reason)", nil)
        case .bytes(let content):
            bytes = content
        }
        let document: FrontMatterDocument
        switch FrontMatterReader.read(bytes, limits: limits) {
        case .failure(let problem):
            return FileResult(diagnostics: [
                Diagnostic(path: file.path, location: problem.location, severity: .error, rule: problem.rule, message: problem.message, hint: problem.hint)
            ])
        case .success(let parsed):
            document = parsed
        }
        var diagnostics: [Diagnostic] = []
        func report(_ rule: String, _ path: InstancePath, key: Bool = false, _ message: String, _ hint: String? = nil) {
            diagnostics.append(Diagnostic(path: file.path, location: document.location(of: path, key: key), severity: .error, rule: rule, message: message, hint: hint))
        }
        if let problem = FrontMatterReader.bodyProblem(bytes, document: document) {
            diagnostics.append(Diagnostic(path: file.path, location: problem.location, severity: .error, rule: problem.rule, message: problem.message, hint: problem.hint))
        }

        // Registry rules on the id and the status: these own their fields, so the schema's
        // findings on the same fields are not repeated below.
        let idPath: InstancePath = [.key(config.idField)]
        let statusPath: InstancePath = [.key(config.statusField)]
        var ownedPaths: Set<InstancePath> = []
        let id = nonEmptyScalar(document, idPath)
        if id == nil {
            ownedPaths.insert(idPath)
            if document.value[config.idField] == nil {
                report("id-missing", [], "the request has no `\(config.idField)` field", "add a line `\(config.idField): ...` to the front matter")
            } else {
                report("id-missing", idPath, "`\(config.idField)` must be a single, non-empty value", nil)
            }
        } else if let id, let idPattern, !idPattern.matches(id) {
            ownedPaths.insert(idPath)
            report("id-pattern", idPath, "id `\(id)` does not match the pattern `\(config.idPattern ?? "")`", "ids look like the other files' ids; `freq new` picks the next free one")
        }
        if let id, let template = config.filenameTemplate, let fileNameRule, !fileNameRule.matches(file.path, id: id) {
            report("filename", idPath, "the file name does not match `\(template)` for id `\(id)`", "rename the file to start with `\(id)`")
        }
        let status = nonEmptyScalar(document, statusPath)
        if status == nil {
            ownedPaths.insert(statusPath)
            if document.value[config.statusField] == nil {
                report("status-missing", [], "the request has no `\(config.statusField)` field", "add `\(config.statusField): \(config.initialStatus)` to the front matter")
            } else {
                report("status-missing", statusPath, "`\(config.statusField)` must be a single, non-empty value", "for example `\(config.statusField): \(config.initialStatus)`")
            }
        } else if let status, !config.isKnown(status: status) {
            ownedPaths.insert(statusPath)
            let hint = Suggestion.nearest(to: status, among: config.statuses).map { "did you mean `\($0)`?" }
            report("status-enum", statusPath, "status `\(status)` is not one of \(config.statuses.joined(separator: ", "))", hint)
        }
        if let field = config.duplicateOfField, let status {
            let excluded = config.category(of: status) == .excluded
            let present = document.value[field] != nil
            if excluded && !present {
                report("duplicate-of", statusPath, "a request with status `\(status)` must name the request it repeats in `\(field)`", "add `\(field): FR-...`")
            } else if !excluded && present {
                report("duplicate-of", [.key(field)], key: true, "`\(field)` is only allowed when the status is \((config.categories[.excluded] ?? []).joined(separator: " or "))", "remove the line, or change the status")
            }
        }

        if let schema {
            for violation in schema.validate(document.value) {
                if ownedPaths.contains(violation.instancePath) { continue }
                if violation.keyword == "required", violation.instancePath.isEmpty,
                    ownedPaths.contains(where: { violation.message.contains("`\($0.dotted)`") })
                {
                    continue
                }
                let rule = RuleCatalog.rule(forSchemaKeyword: violation.keyword)
                let path = violation.keyword == "required" && violation.instancePath.isEmpty ? [] : violation.instancePath
                report(rule, path, key: violation.pointsAtKey, violation.message, violation.hint)
            }
        }
        let request = ParsedRequest(path: file.path, id: id, status: status, document: document, bytes: bytes)
        return FileResult(diagnostics: diagnostics, request: request)
    }

    private func nonEmptyScalar(_ document: FrontMatterDocument, _ path: InstancePath) -> String? {
        guard case .key(let key)? = path.first, let value = document.value[key] else { return nil }
        switch value {
        case .array, .object, .null: return nil
        default:
            guard let text = document.scalarText(at: path), !text.isEmpty else { return nil }
            return text
        }
    }

    private func crossFileDiagnostics(_ requests: [ParsedRequest]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byID: [ByteKey: [ParsedRequest]] = [:]
        for request in requests {
            if let id = request.id { byID[ByteKey(id), default: []].append(request) }
        }
        for (key, holders) in byID where holders.count > 1 {
            let id = key.text
            let paths = holders.map(\.path).sorted { $0.precedesInByteOrder($1) }
            for holder in holders {
                let others = paths.filter { $0 != holder.path }.joined(separator: ", ")
                diagnostics.append(Diagnostic(
                    path: holder.path, location: holder.document.location(of: [.key(config.idField)]), severity: .error,
                    rule: "id-unique", message: "id `\(id)` is also used by \(others)",
                    hint: "give one of them the next free id (`freq new` picks one)"))
            }
        }
        if let field = config.duplicateOfField {
            for request in requests {
                guard let target = request.document.scalarText(at: [.key(field)]), !target.isEmpty else { continue }
                if byID[ByteKey(target)] == nil {
                    diagnostics.append(Diagnostic(
                        path: request.path, location: request.document.location(of: [.key(field)]), severity: .error,
                        rule: "duplicate-of", message: "`\(field)` names `\(target)`, which is not an existing request",
                        hint: Suggestion.nearest(to: target, among: byID.keys.map(\.text)).map { "did you mean `\($0)`?" }))
                } else if target == request.id {
                    diagnostics.append(Diagnostic(
                        path: request.path, location: request.document.location(of: [.key(field)]), severity: .error,
                        rule: "duplicate-of", message: "a request cannot be a duplicate of itself", hint: nil))
                }
            }
        }
        return diagnostics
    }

}

/// `id.filename` (`{id}-*.md`, `{id}/README.md`, `eip-{id}.md`), compiled once: the parts
/// around `{id}` become globs, so checking 10,000 files compiles nothing per file.
struct FileNameRule: Sendable {
    let template: String
    let depth: Int
    let before: Glob?
    let after: Glob?

    init(_ template: String) {
        self.template = template
        depth = template.split(separator: "/").count
        let parts = template.components(separatedBy: "{id}")
        if parts.count == 2 {
            before = try? Glob(parts[0])
            after = try? Glob(parts[1])
        } else {
            before = nil
            after = nil
        }
    }

    /// Whether the last segments of `path` spell the template with `id` in its place.
    func matches(_ path: String, id: String) -> Bool {
        let tail = path.split(separator: "/").suffix(depth).joined(separator: "/")
        if let before, let after, let range = tail.range(of: id) {
            // Try every place the id occurs: `FR-1-FR-1.md` has two.
            var searchFrom = tail.startIndex
            var candidate: Range<String.Index>? = range
            while let found = candidate {
                if before.matches(String(tail[..<found.lowerBound])) && after.matches(String(tail[found.upperBound...])) {
                    return true
                }
                searchFrom = tail.index(after: found.lowerBound)
                candidate = tail.range(of: id, range: searchFrom..<tail.endIndex)
            }
            return false
        }
        // A template without exactly one `{id}`: substitute and compile.
        let escapedID = id.map { "*?[]\\".contains($0) ? "[\($0)]" : String($0) }.joined()
        return (try? Glob(template.replacingOccurrences(of: "{id}", with: escapedID)))?.matches(tail) ?? false
    }
}

/// NSRegularExpression is immutable after creation and safe to share between threads.
struct SendableRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ regex: NSRegularExpression) { self.regex = regex }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
