import Yams

/// A typed front matter with what the reader reports about it.
struct ComposedFrontMatter {
    var value: JSONValue = .object([:])
    /// Where each key and value is, and the text as written of scalars not typed as strings.
    var locations = FrontMatterLocations()
    /// Text as written, and key location, of the watched root keys (scalars only for the text).
    var watchedTexts: [String: String] = [:]
    var watchedKeyMarks: [String: SourceLocation] = [:]
}

/// Turns a composed Yams tree into a typed `JSONValue`, recording where each key and
/// value is, and checking what Yams does not: depth, size, tags, key kinds, and keys
/// that are equal as text but not to Yams (`1` and `!!int 1`).
struct FrontMatterComposer {
    let limits: FrontMatterLimits
    /// Off on the history engine's path, where only the values matter.
    let collectLocations: Bool
    let lines: YAMLLineMap
    /// Root keys whose scalar text the caller wants as written (the id and status fields).
    let watchedKeys: [String]

    var output = ComposedFrontMatter()
    private var nodeCount = 0

    init(limits: FrontMatterLimits, collectLocations: Bool, lines: YAMLLineMap, watchedKeys: [String] = []) {
        self.limits = limits
        self.collectLocations = collectLocations
        self.lines = lines
        self.watchedKeys = watchedKeys
    }

    func location(_ mark: Mark?) -> SourceLocation? {
        mark.map { lines.location(line: $0.line, column: $0.column) }
    }

    /// Converts the root, which must be a mapping.
    mutating func convertRoot(_ root: Node?) throws(FrontMatterProblem) -> JSONValue {
        let hint = "write the fields between the two `---` lines, one `name: value` a line"
        switch root {
        case nil:
            throw FrontMatterProblem(
                rule: NotAMappingRule.id, message: "the front matter is empty",
                location: SourceLocation(line: lines.firstLine, column: 1), hint: hint)
        case .scalar(let scalar)?:
            throw FrontMatterProblem(
                rule: NotAMappingRule.id, message: "the front matter is a single value, not `name: value` fields",
                location: location(scalar.mark), hint: hint)
        case .sequence(let sequence)?:
            throw FrontMatterProblem(
                rule: NotAMappingRule.id, message: "the front matter is a list, not `name: value` fields",
                location: location(sequence.mark), hint: hint)
        case .alias?:
            throw Self.aliasProblem(name: nil, at: nil)
        case .mapping(let mapping)?:
            output.value = try convertMapping(mapping, depth: 1)
            return output.value
        }
    }

    static func aliasProblem(name: String?, at location: SourceLocation?) -> FrontMatterProblem {
        let what = name.map { " `\($0)`" } ?? ""
        return FrontMatterProblem(
            rule: YAMLAliasRule.id, message: "the front matter uses the YAML anchor or alias\(what)",
            location: location,
            hint: "anchors (`&name`) and aliases (`*name`) are not allowed in front matter: write each value out in full, or quote it if it is text")
    }

    private mutating func countNode(_ mark: Mark?) throws(FrontMatterProblem) {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw FrontMatterProblem(
                rule: TooLargeRule.id,
                message: "the front matter holds more than \(limits.maxNodes) keys and values",
                location: location(mark), hint: "keep long lists in the body of the file, not in the front matter")
        }
    }

    private func checkDepth(_ depth: Int, _ mark: Mark?) throws(FrontMatterProblem) {
        if depth > limits.maxDepth {
            throw FrontMatterProblem(
                rule: TooDeepRule.id, message: "the front matter nests more than \(limits.maxDepth) levels deep",
                location: location(mark), hint: "flatten the nested lists and mappings")
        }
    }

    private func tagProblem(_ tag: String, _ mark: Mark?, text: String? = nil) -> FrontMatterProblem {
        let shown = YAMLCoreTyping.displayName(ofTag: tag)
        if let text {
            return FrontMatterProblem(
                rule: YAMLTagRule.id, message: "the value `\(text)` is tagged `\(shown)` but is not of that type",
                location: location(mark), hint: "remove the tag `\(shown)` or correct the value")
        }
        return FrontMatterProblem(
            rule: YAMLTagRule.id, message: "the front matter uses the YAML tag `\(shown)`, which freq does not understand",
            location: location(mark), hint: "remove the tag `\(shown)`; put the value in quotes if it is text")
    }

    private mutating func convert(_ node: Node, depth: Int) throws(FrontMatterProblem) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try convertScalar(scalar)
        case .mapping(let mapping):
            return try convertMapping(mapping, depth: depth)
        case .sequence(let sequence):
            try countNode(sequence.mark)
            try checkDepth(depth, sequence.mark)
            // Why check anchors again: the pre-scan refuses them, and this catches any it
            // missed before the walk could expand an alias bomb.
            if sequence.anchor != nil { throw Self.aliasProblem(name: nil, at: location(sequence.mark)) }
            let tag = sequence.tag.description
            if !tag.isEmpty, tag != "!", YAMLCoreTyping.request(forTag: tag, plain: false) != .sequence {
                throw tagProblem(tag, sequence.mark)
            }
            if collectLocations, let found = location(sequence.mark) { output.locations.setValue(found) }
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for (index, item) in sequence.enumerated() {
                if collectLocations { output.locations.enter(.index(index)) }
                items.append(try convert(item, depth: depth + 1))
                if collectLocations { output.locations.leave() }
            }
            return .array(items)
        case .alias(let alias):
            throw Self.aliasProblem(name: nil, at: location(alias.mark))
        }
    }

    private mutating func convertScalar(_ scalar: Node.Scalar) throws(FrontMatterProblem) -> JSONValue {
        try countNode(scalar.mark)
        if scalar.anchor != nil { throw Self.aliasProblem(name: nil, at: location(scalar.mark)) }
        let tag = scalar.tag.description
        let request = YAMLCoreTyping.request(forTag: tag, plain: scalar.style == .plain || scalar.style == .any)
        let value: JSONValue
        switch request {
        case .implicit:
            value = YAMLCoreTyping.typePlain(scalar.string)
        case .string:
            value = .string(scalar.string)
        case .mapping, .sequence, .unsupported:
            throw tagProblem(tag, scalar.mark)
        case .integer, .float, .bool, .null:
            guard let typed = YAMLCoreTyping.typeTagged(scalar.string, as: request) else {
                throw tagProblem(tag, scalar.mark, text: scalar.string)
            }
            value = typed
        }
        if collectLocations {
            if let found = location(scalar.mark) { output.locations.setValue(found) }
            if case .string = value {} else { output.locations.setText(scalar.string) }
        }
        return value
    }

    private mutating func convertMapping(_ mapping: Node.Mapping, depth: Int) throws(FrontMatterProblem) -> JSONValue {
        try countNode(mapping.mark)
        try checkDepth(depth, mapping.mark)
        if mapping.anchor != nil { throw Self.aliasProblem(name: nil, at: location(mapping.mark)) }
        let tag = mapping.tag.description
        if !tag.isEmpty, tag != "!", YAMLCoreTyping.request(forTag: tag, plain: false) != .mapping {
            throw tagProblem(tag, mapping.mark)
        }
        if collectLocations, let found = location(mapping.mark) { output.locations.setValue(found) }
        var members: [String: JSONValue] = Dictionary(minimumCapacity: mapping.count)
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw FrontMatterProblem(
                    rule: NotAMappingRule.id, message: "the front matter uses a list or a mapping as a key",
                    location: location(keyNode.mark), hint: "keys must be plain names, like `area:`")
            }
            try countNode(key.mark)
            if key.anchor != nil { throw Self.aliasProblem(name: nil, at: location(key.mark)) }
            // Keys are their text as written; only a tag freq does not know is refused.
            // (Yams resolves key tags while checking for duplicates, so `""` and
            // `!!str` both mean an untagged key here.)
            if case .unsupported(let keyTag) = YAMLCoreTyping.request(forTag: key.tag.description, plain: false) {
                throw tagProblem(keyTag, key.mark)
            }
            let name = key.string
            if members[name] != nil {
                throw Self.duplicateProblem(name, repeatAt: location(key.mark), firstAt: firstKeyLocation(name, in: mapping))
            }
            if collectLocations {
                output.locations.enter(.key(name))
                if let found = location(key.mark) { output.locations.setKey(found) }
            }
            if depth == 1, watchedKeys.contains(name) {
                if case .scalar(let scalar) = valueNode { output.watchedTexts[name] = scalar.string }
                if let found = location(key.mark) { output.watchedKeyMarks[name] = found }
            }
            members[name] = try convert(valueNode, depth: depth + 1)
            if collectLocations { output.locations.leave() }
        }
        return .object(members)
    }

    private func firstKeyLocation(_ name: String, in mapping: Node.Mapping) -> SourceLocation? {
        for (keyNode, _) in mapping {
            if case .scalar(let key) = keyNode, key.string == name { return location(key.mark) }
        }
        return nil
    }

    static func duplicateProblem(_ name: String, repeatAt: SourceLocation?, firstAt: SourceLocation?) -> FrontMatterProblem {
        var hint = "keep one `\(name)` and delete the other"
        if let firstAt, firstAt != repeatAt { hint += " (the first is on line \(firstAt.line))" }
        return FrontMatterProblem(
            rule: DuplicateKeyRule.id, message: "the front matter repeats the key `\(name)`",
            location: repeatAt ?? firstAt, hint: hint)
    }
}
