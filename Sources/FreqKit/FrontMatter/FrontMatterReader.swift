import Yams

/// Reads the YAML front matter of a request file: bytes in, a typed and located value
/// (or one `FrontMatterProblem`) out. Never throws, never prints, never reads the body.
///
/// The rules (docs/history.md, "Readable files"): after an optional UTF-8 BOM the file
/// starts with a line `---`; the front matter runs to the next line that is `---` or
/// `...`; spaces and CR may trail either fence line. The front matter must be UTF-8,
/// YAML without anchors or aliases, with no repeated key at any depth, and a mapping.
/// Scalars are typed by the YAML 1.2 core schema (`no`, `on`, `2026-11-02` stay strings).
public enum FrontMatterReader {
    /// Reads the front matter of `bytes` (a whole file), with locations for findings.
    public static func read(_ bytes: [UInt8], limits: FrontMatterLimits = .default) -> Result<FrontMatterDocument, FrontMatterProblem> {
        read(bytes, limits: limits, fastPath: true)
    }

    /// `read`, with the fast path for simple YAML switchable (tests compare both paths).
    static func read(_ bytes: [UInt8], limits: FrontMatterLimits, fastPath: Bool) -> Result<FrontMatterDocument, FrontMatterProblem> {
        bytes.withUnsafeBufferPointer { b in
            do throws(FrontMatterProblem) {
                let parsed = try parse(b, limits: limits, collectLocations: true, watchedKeys: [], fastPath: fastPath)
                var locations = parsed.composed.locations
                locations.finish()
                let document = FrontMatterDocument(
                    value: parsed.composed.value, locations: locations,
                    frontMatterRange: parsed.fences.frontMatterRange,
                    bodyStartLine: parsed.fences.closingLine + 1, bodyStartOffset: parsed.fences.bodyStart)
                return .success(document)
            } catch {
                return .failure(error)
            }
        }
    }

    /// The history engine's path: whether the file is readable (docs/history.md,
    /// "Readable files"), its id and status as written, and the typed fields. Skips building
    /// locations, so it costs less than `read`.
    ///
    /// Besides `read`'s problems: no such root key, a list or mapping, or an empty scalar
    /// text, reported under `id-missing` or `status-missing`.
    public static func readIdentity(
        _ bytes: [UInt8], idField: String, statusField: String, limits: FrontMatterLimits = .default
    ) -> Result<FrontMatterIdentity, FrontMatterProblem> {
        readIdentity(bytes, idField: idField, statusField: statusField, limits: limits, fastPath: true)
    }

    static func readIdentity(
        _ bytes: [UInt8], idField: String, statusField: String, limits: FrontMatterLimits, fastPath: Bool
    ) -> Result<FrontMatterIdentity, FrontMatterProblem> {
        bytes.withUnsafeBufferPointer { b in
            do throws(FrontMatterProblem) {
                let parsed = try parse(
                    b, limits: limits, collectLocations: false, watchedKeys: [idField, statusField], fastPath: fastPath)
                let id = try identityText(idField, parsed, rule: IDMissingRule.id)
                let status = try identityText(statusField, parsed, rule: StatusMissingRule.id)
                return .success(FrontMatterIdentity(id: id, status: status, fields: parsed.composed.value))
            } catch {
                return .failure(error)
            }
        }
    }

    /// A problem for the first byte of the body (after the closing fence) that is not
    /// UTF-8, located at its line; nil when the body is valid UTF-8. The front matter
    /// itself is checked by `read`.
    public static func bodyProblem(_ bytes: [UInt8], document: FrontMatterDocument) -> FrontMatterProblem? {
        bytes.withUnsafeBufferPointer { b in
            let start = min(max(0, document.bodyStartOffset), b.count)
            guard let bad = SourceText.firstInvalidUTF8(b, in: start..<b.count) else { return nil }
            return notUTF8Problem(at: bad, in: b, part: "the body")
        }
    }

    // MARK: - Implementation

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let dash = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")
    private static let space = UInt8(ascii: " ")
    static let fenceHint = "start the file with a line `---`, then the fields, then a line `---`"

    /// Where the front matter is in the file.
    struct Fences {
        var bomLength: Int
        /// Byte range of the YAML text (whole lines between the fences).
        var yaml: Range<Int>
        /// File line of the closing fence.
        var closingLine: Int
        /// Byte offset just past the closing fence line.
        var bodyStart: Int
        /// Lines of the YAML text; empty when the fences are adjacent.
        var frontMatterRange: ClosedRange<Int> { 2...max(2, closingLine - 1) }
    }

    private struct Parsed {
        var composed: ComposedFrontMatter
        var fences: Fences
    }

    /// `rule` is the registry rule that reports the same lack in `freq validate`.
    private static func identityText(_ field: String, _ parsed: Parsed, rule: String) throws(FrontMatterProblem) -> String {
        guard let value = parsed.composed.value[field] else {
            throw FrontMatterProblem(
                rule: rule, message: "the front matter has no `\(field)`",
                location: nil, hint: "add a line `\(field): ...` to the front matter")
        }
        let location = parsed.composed.watchedKeyMarks[field]
        guard let text = parsed.composed.watchedTexts[field] else {
            let kind = value.arrayValue != nil ? "a list" : "a mapping"
            throw FrontMatterProblem(
                rule: rule, message: "`\(field)` is \(kind), not a single value",
                location: location, hint: "write `\(field)` as one value on its line")
        }
        if text.isEmpty {
            throw FrontMatterProblem(
                rule: rule, message: "`\(field)` is empty", location: location,
                hint: "give `\(field)` a value")
        }
        return text
    }

    /// Whether `b[start..<end]` is a fence line: `---` (or `...` when `dots`), then only
    /// spaces or CR.
    private static func isFence(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, dots: Bool) -> Bool {
        guard end - start >= 3 else { return false }
        let first = b[start]
        guard first == dash || (dots && first == dot), b[start + 1] == first, b[start + 2] == first else { return false }
        var i = start + 3
        while i < end {
            guard b[i] == space || b[i] == SourceText.cr else { return false }
            i += 1
        }
        return true
    }

    private static func lineEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < b.count, b[i] != SourceText.lf { i += 1 }
        return i
    }

    static func findFences(_ b: UnsafeBufferPointer<UInt8>, limits: FrontMatterLimits) throws(FrontMatterProblem) -> Fences {
        if b.count > limits.maxFileBytes {
            throw FrontMatterProblem(
                rule: TooLargeRule.id,
                message: "the file is \(b.count) bytes, more than the limit of \(describeSize(limits.maxFileBytes))",
                location: nil, hint: "keep requests short: move long material to a linked document")
        }
        let hasBOM = b.count >= 3 && b[0] == bom[0] && b[1] == bom[1] && b[2] == bom[2]
        let bomLength = hasBOM ? 3 : 0
        if !b[bomLength...].contains(where: { $0 != space && $0 != SourceText.lf && $0 != SourceText.cr && $0 != UInt8(ascii: "\t") }) {
            throw FrontMatterProblem(rule: EmptyFileRule.id, message: "the file is empty", location: nil, hint: fenceHint)
        }
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
            throw FrontMatterProblem(
                rule: NotUTF8Rule.id, message: "the file is UTF-16 text, not UTF-8",
                location: SourceLocation(line: 1, column: 1), hint: "save the file as UTF-8")
        }
        let firstEnd = lineEnd(b, from: bomLength)
        guard isFence(b, bomLength, firstEnd, dots: false) else {
            let blank = b[bomLength..<firstEnd].allSatisfy { $0 == space || $0 == SourceText.cr || $0 == UInt8(ascii: "\t") }
            let message = blank
                ? "the file starts with an empty line, not with a line `---`"
                : "the file does not start with a line `---`, so it has no front matter"
            throw FrontMatterProblem(
                rule: NoFrontMatterRule.id, message: message,
                location: SourceLocation(line: 1, column: 1), hint: fenceHint)
        }
        let yamlStart = min(firstEnd + 1, b.count)
        var start = yamlStart
        var line = 2
        while start < b.count {
            let end = lineEnd(b, from: start)
            if isFence(b, start, end, dots: true) {
                return Fences(
                    bomLength: bomLength, yaml: yamlStart..<start, closingLine: line,
                    bodyStart: min(end + 1, b.count))
            }
            start = end + 1
            line += 1
        }
        throw FrontMatterProblem(
            rule: UnclosedFrontMatterRule.id, message: "the front matter has no closing line `---`",
            location: SourceLocation(line: 1, column: 1),
            hint: "end the front matter with a line `---` after the last field")
    }

    /// `4 MiB`, `64 KiB`, or a byte count when not a whole number of either.
    static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    static func notUTF8Problem(at offset: Int, in b: UnsafeBufferPointer<UInt8>, part: String) -> FrontMatterProblem {
        let bomLength = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        let location = SourceText.location(ofOffset: offset, in: b, bomLength: bomLength)
        return FrontMatterProblem(
            rule: NotUTF8Rule.id,
            message: "\(part) is not valid UTF-8 text (byte 0x\(String(b[offset], radix: 16, uppercase: true)) on line \(location.line))",
            location: location, hint: "save the file as UTF-8; retype the character at this position")
    }

    private static func parse(
        _ b: UnsafeBufferPointer<UInt8>, limits: FrontMatterLimits, collectLocations: Bool, watchedKeys: [String],
        fastPath: Bool
    ) throws(FrontMatterProblem) -> Parsed {
        let fences = try findFences(b, limits: limits)
        if let bad = SourceText.firstInvalidUTF8(b, in: fences.yaml) {
            throw notUTF8Problem(at: bad, in: b, part: "the front matter")
        }
        let yaml = UnsafeBufferPointer(rebasing: b[fences.yaml])
        let firstLine = 2
        if fastPath,
            let composed = SimpleBlockYAML.parse(
                yaml, firstLine: firstLine, limits: limits, collectLocations: collectLocations, watchedKeys: watchedKeys)
        {
            return Parsed(composed: composed, fences: fences)
        }
        if let finding = YAMLPreScan.scan(yaml, maxDepth: limits.maxDepth, maxNodes: limits.maxNodes) {
            throw preScanProblem(finding, yaml: yaml, firstLine: firstLine, limits: limits)
        }
        let lines = YAMLLineMap(yaml: yaml, firstLine: firstLine)
        let text = String(decoding: yaml, as: UTF8.self)
        var composer = FrontMatterComposer(
            limits: limits, collectLocations: collectLocations, lines: lines, watchedKeys: watchedKeys)
        _ = try YAMLComposition.compose(text, yaml: yaml, lines: lines) { root throws(FrontMatterProblem) in
            try composer.convertRoot(root)
        }
        return Parsed(composed: composer.output, fences: fences)
    }

    private static func preScanProblem(
        _ finding: YAMLPreScan.Finding, yaml: UnsafeBufferPointer<UInt8>, firstLine: Int, limits: FrontMatterLimits
    ) -> FrontMatterProblem {
        func at(_ offset: Int) -> SourceLocation {
            SourceText.location(ofYAMLOffset: offset, in: yaml, firstLine: firstLine)
        }
        switch finding {
        case .anchor(let name, let offset):
            return FrontMatterComposer.aliasProblem(name: "&" + name, at: at(offset))
        case .alias(let name, let offset):
            return FrontMatterComposer.aliasProblem(name: "*" + name, at: at(offset))
        case .tooDeep(let offset):
            return FrontMatterProblem(
                rule: TooDeepRule.id, message: "the front matter nests more than \(limits.maxDepth) levels deep",
                location: at(offset), hint: "flatten the nested lists and mappings")
        case .tooManyNodes(let offset):
            return FrontMatterProblem(
                rule: TooLargeRule.id,
                message: "the front matter holds more than \(limits.maxNodes) keys and values",
                location: at(offset), hint: "keep long lists in the body of the file, not in the front matter")
        }
    }
}
