import Foundation

/// Everything `freq validate` found.
public struct ValidationReport: Sendable {
    public var fileCount: Int
    /// Sorted by path, then line and column.
    public var diagnostics: [Diagnostic]
    /// File contents of the files with findings, to show the offending line.
    public var sources: [ByteKey: [UInt8]]

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Keeps only the findings about `paths` (a `freq validate PATH...` run).
    public func restricted(to paths: Set<ByteKey>) -> ValidationReport {
        var copy = self
        copy.diagnostics = diagnostics.filter { paths.contains(ByteKey($0.path)) }
        copy.fileCount = paths.count
        return copy
    }
}

/// Runs every rule over a registry snapshot: the problems of the files that could not be
/// read, the request rules on each request (on every core), the schema, then the rules
/// across files; severities come from the configuration.
public struct RegistryValidator: Sendable {
    public let context: RuleContext
    public var config: RegistryConfig { context.config }

    /// Prepares a validator; fails when the configuration and the schema disagree (a
    /// status the schema allows but no category holds, an unknown rule name).
    public init(config: RegistryConfig, schema: JSONSchema?, placeholders: TemplatePlaceholders? = nil) throws(ConfigError) {
        context = try RuleContext(config: config, schema: schema, placeholders: placeholders)
    }

    /// The findings about `snapshot`, sorted by path, then line and column.
    public func validate(_ snapshot: RegistrySnapshot) -> ValidationReport {
        var sink = FindingSink()
        for file in snapshot.unreadable { sink.report(file.problem, path: file.path) }
        let context = context
        for requestSink in ParallelWork.map(snapshot.requests, chunks: 4 * System.coreCount, { Self.check($0, context) }) {
            sink.append(contentsOf: requestSink)
        }
        let index = RegistryIDIndex(snapshot, config: config)
        for rule in Rules.registryRules { rule.check(index, context, &sink) }
        let diagnostics = Rules.resolve(sink.findings, in: config).sorted(by: Self.order)
        return ValidationReport(
            fileCount: snapshot.files.count, diagnostics: diagnostics,
            sources: Self.sources(of: diagnostics, in: snapshot.files))
    }

    /// The findings about one request: the request rules, then the schema.
    static func check(_ request: Request, _ context: RuleContext) -> FindingSink {
        var sink = FindingSink()
        for rule in Rules.requestRules { rule.check(request, context, &sink) }
        SchemaCheck.check(request, context, &sink)
        return sink
    }

    /// The contents of the files `diagnostics` are about, to show the offending lines.
    static func sources(of diagnostics: [Diagnostic], in files: [RequestFile]) -> [ByteKey: [UInt8]] {
        var sources: [ByteKey: [UInt8]] = [:]
        let flagged = Set(diagnostics.map { ByteKey($0.path) })
        for file in files where flagged.contains(ByteKey(file.path)) {
            if case .bytes(let bytes) = file.content { sources[ByteKey(file.path)] = bytes }
        }
        return sources
    }

    /// By path (byte order), then line and column (whole-file findings first), then rule.
    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if !a.path.hasSameBytes(as: b.path) { return a.path.precedesInByteOrder(b.path) }
        let left = a.location ?? SourceLocation(line: 0, column: 0)
        let right = b.location ?? SourceLocation(line: 0, column: 0)
        if left != right { return left < right }
        return a.rule < b.rule
    }
}

/// `id.filename` (`{id}-*.md`, `{id}/README.md`, `eip-{id}.md`), compiled once: the parts
/// around `{id}` become globs, so checking 10,000 files compiles nothing per file.
struct FileNameTemplate: Sendable {
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
        if let answer = asciiMatches(path, id: id) { return answer }
        return slowMatches(path, id: id)
    }

    /// `matches` on bytes, for the usual case: an ASCII path without empty segments whose
    /// tail holds an ASCII id. Nil otherwise (or when the id is not there at all: the slow
    /// path then has the last word), so the answers are `slowMatches`'s.
    func asciiMatches(_ path: String, id: String) -> Bool? {
        guard let before, let after, !id.isEmpty else { return nil }
        var path = path
        var id = id
        return path.withUTF8 { p -> Bool? in
            id.withUTF8 { idBytes -> Bool? in
                guard !p.isEmpty, p[0] != Self.slash, p[p.count - 1] != Self.slash, p.allSatisfy({ $0 < 0x80 }),
                    idBytes.allSatisfy({ $0 < 0x80 })
                else { return nil }
                // The last `depth` segments: after the depth-th `/` from the end.
                var tailStart = 0
                var slashes = 0
                var i = p.count - 1
                while i > 0 {
                    if p[i] == Self.slash {
                        if p[i - 1] == Self.slash { return nil }  // an empty segment
                        slashes += 1
                        if slashes == depth {
                            tailStart = i + 1
                            break
                        }
                    }
                    i -= 1
                }
                if slashes == depth {
                    // Empty segments before the tail: `split` would drop them too, but stay simple.
                    var j = 0
                    while j + 1 < tailStart {
                        if p[j] == Self.slash, p[j + 1] == Self.slash { return nil }
                        j += 1
                    }
                }
                let tail = UnsafeBufferPointer(rebasing: p[tailStart...])
                var found = false
                var start = 0
                while start + idBytes.count <= tail.count {
                    defer { start += 1 }
                    guard tail[start] == idBytes[0], tail[start..<(start + idBytes.count)].elementsEqual(idBytes) else { continue }
                    found = true
                    if before.matches(bytes: UnsafeBufferPointer(rebasing: tail[..<start]))
                        && after.matches(bytes: UnsafeBufferPointer(rebasing: tail[(start + idBytes.count)...]))
                    {
                        return true
                    }
                }
                return found ? false : nil
            }
        }
    }

    private static let slash = UInt8(ascii: "/")

    /// `matches` on strings, for any path and id.
    func slowMatches(_ path: String, id: String) -> Bool {
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
