/// What `freq check --base REV` adds to `validate`: the rules about what a pull request may
/// change, judged against the registry at the base commit.
public struct PullRequestCheck: Sendable {
    public let config: RegistryConfig
    public var fields: FieldNames { config.fields }
    /// When true, a request that disappears is not a finding (`--allow-delete`).
    public var allowDelete: Bool

    /// The rules this check adds, with their default severities (the catalogue's, when
    /// it declares them).
    public static let rules: [String: Severity] = [
        "status-transition": .error, "id-changed": .error, "request-deleted": .error,
        "one-request-per-file": .error, "similar-title": .warning,
    ]

    /// Creates a check.
    public init(config: RegistryConfig, allowDelete: Bool = false) {
        self.config = config
        self.allowDelete = allowDelete
    }

    /// The findings of `head` (the validation of the files now) plus the pull-request
    /// rules, relative to `base` (the validation of the files at the base commit).
    /// Errors in files that are byte for byte the same as at the base become warnings:
    /// a pull request is not blocked by a file it did not touch.
    public func run(
        head: ValidationReport, headFiles: [RequestFile], base: ValidationReport, baseFiles: [RequestFile]
    ) -> ValidationReport {
        var baseContent: [String: RequestFile.Content] = [:]
        for file in baseFiles { baseContent[file.path] = file.content }
        var untouched = Set<String>()
        for file in headFiles {
            if let old = baseContent[file.path], Self.same(old, file.content) { untouched.insert(file.path) }
        }
        let headPaths = Set(headFiles.map(\.path))

        var findings = pullRequestFindings(head: head.requests, base: base.requests, headPaths: headPaths, basePaths: Set(baseContent.keys))
        findings = findings.compactMap { finding in
            var copy = finding
            copy.severity = config.ruleSeverities[finding.rule]
                ?? RuleCatalog.description(of: finding.rule)?.defaultSeverity ?? Self.rules[finding.rule] ?? .error
            return copy.severity == .off ? nil : copy
        }
        var diagnostics = head.diagnostics + findings
        for index in diagnostics.indices
        where diagnostics[index].severity == .error && untouched.contains(diagnostics[index].path) {
            diagnostics[index].severity = .warning
            diagnostics[index].message += " (in a file this pull request does not change)"
        }
        diagnostics.sort(by: RegistryValidator.order)

        var report = head
        report.diagnostics = diagnostics
        let flagged = Set(findings.map(\.path))
        for request in head.requests where flagged.contains(request.path) && report.sources[request.path] == nil {
            report.sources[request.path] = request.bytes
        }
        return report
    }

    /// Two versions of a file are the same when their bytes are (or both are the same
    /// kind of non-file).
    static func same(_ a: RequestFile.Content, _ b: RequestFile.Content) -> Bool {
        switch (a, b) {
        case (.bytes(let left), .bytes(let right)): return left == right
        case (.symlink, .symlink), (.notAFile, .notAFile): return true
        case (.tooLarge(let left), .tooLarge(let right)): return left == right
        default: return false
        }
    }

    func pullRequestFindings(
        head: [ParsedRequest], base: [ParsedRequest], headPaths: Set<String>, basePaths: Set<String>
    ) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let baseByID = RegistryDiff.byID(base)
        let headByID = RegistryDiff.byID(head)
        var headByPath: [String: ParsedRequest] = [:]
        for request in head { headByPath[request.path] = request }
        let idPath: InstancePath = [.key(config.idField)]
        let statusPath: InstancePath = [.key(config.statusField)]

        // A path that held one id at the base and holds another now.
        var rewritten = Set<String>()
        for old in base {
            guard let oldID = old.id, let new = headByPath[old.path], let newID = new.id, newID != oldID else { continue }
            rewritten.insert(oldID)
            findings.append(Diagnostic(
                path: new.path, location: new.document.location(of: idPath), severity: .error, rule: "id-changed",
                message: "this file held request `\(oldID)`; its id is now `\(newID)`",
                hint: "ids never change: put back `\(config.idField): \(oldID)`; a new request goes in a new file"))
        }

        for (id, old) in baseByID.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
            guard let new = headByID[id] else {
                // Rewritten ids are reported above; a file still there but unreadable is
                // reported by `validate`.
                if allowDelete || rewritten.contains(id) || headPaths.contains(old.path) { continue }
                let title = RegistryDiff.title(old, fields).map { " (\($0))" } ?? ""
                findings.append(Diagnostic(
                    path: old.path, location: nil, severity: .error, rule: "request-deleted",
                    message: "request `\(id)`\(title) is deleted",
                    hint: "close it with a status instead (\(closingStatuses)) so its history stays counted"))
                continue
            }
            if let from = old.status, let to = new.status, from != to, config.isKnown(status: to),
                let transitions = config.transitions, !(transitions[from] ?? []).contains(to)
            {
                let targets = transitions[from] ?? []
                let hint = targets.isEmpty
                    ? "`\(from)` is final in the workflow: no status may follow it"
                    : "from `\(from)` the workflow allows \(targets.map { "`\($0)`" }.joined(separator: ", "))"
                findings.append(Diagnostic(
                    path: new.path, location: new.document.location(of: statusPath), severity: .error,
                    rule: "status-transition",
                    message: "status moves from `\(from)` to `\(to)`, which the workflow does not allow", hint: hint))
            }
        }

        // New files: one request each; new requests: not one that exists already.
        let existingTitles: [(id: String, title: String)] = baseByID.compactMap { id, request in
            RegistryDiff.title(request, fields).map { (id, $0) }
        }
        for request in head {
            if !basePaths.contains(request.path), let line = secondRequestLine(request) {
                findings.append(Diagnostic(
                    path: request.path, location: SourceLocation(line: line, column: 1), severity: .error,
                    rule: "one-request-per-file",
                    message: "the file holds a second request after the first one's front matter",
                    hint: "put each request in its own file, named after its id"))
            }
            // Only new files: a file that held a request at the base is judged by id-changed.
            guard !basePaths.contains(request.path), let id = request.id, baseByID[id] == nil,
                headByID[id]?.path == request.path,
                let title = RegistryDiff.title(request, fields)
            else { continue }
            let similar = TextSimilarity.similar(to: title, among: existingTitles, threshold: config.similarTitles)
            guard !similar.isEmpty else { continue }
            let named = similar.prefix(3).map { "`\($0.candidate.id)` (\($0.candidate.title))" }.joined(separator: ", ")
            findings.append(Diagnostic(
                path: request.path, location: request.document.location(of: [.key(fields.title)]), severity: .warning,
                rule: "similar-title", message: "the title is close to \(named)",
                hint: "if it is the same request, add the customer to `\(similar[0].candidate.id)` instead"))
        }
        return findings
    }

    /// The statuses that close a request, for hints: declined and excluded ones.
    private var closingStatuses: String {
        let statuses = (config.categories[.declined] ?? []) + (config.categories[.excluded] ?? [])
        return statuses.isEmpty ? "a closing status" : statuses.map { "`\($0)`" }.joined(separator: " or ")
    }

    /// The 1-based file line of a second front matter in the body: a `---` line followed
    /// by a `ID_FIELD:` line (a request pasted below another); nil when there is none.
    func secondRequestLine(_ request: ParsedRequest) -> Int? {
        let lines = LineDiff.lines(RegistryDiff.body(request))
        // The body starts right after the closing fence, on the fence's own line ending.
        let firstLine = request.document.bodyStartLine
        guard lines.count >= 2 else { return nil }
        for index in 0..<(lines.count - 1) where lines[index].trimmingTrailingSpaces == "---" {
            if lines[index + 1].hasPrefix(config.idField + ":") { return firstLine + index + 1 }
        }
        return nil
    }
}

extension String {
    /// The text without trailing spaces and tabs (a fence line may carry them).
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " || copy.last == "\t" { copy.removeLast() }
        return copy
    }
}
