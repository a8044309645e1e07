import Yams

/// Small helpers around Yams shared by the configuration reader.
enum YAMLScan {
    /// Whether YAML text is unsafe to compose: an anchor or alias (Yams 6.2.2 can hang on
    /// an alias used as a key; a bomb expands exponentially) or absurd nesting. The same
    /// pre-scan that guards front matter.
    static func isUnsafeToCompose(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            YAMLPreScan.scan(UnsafeBufferPointer(buffer), maxDepth: 64, maxNodes: 100_000) != nil
        }
    }

    static func location(of node: Node) -> SourceLocation? {
        guard let mark = node.mark else { return nil }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    static func location(of error: YamlError) -> SourceLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(line: mark.line, column: mark.column)
        default:
            return nil
        }
    }

    /// Yams' one-line description of a syntax error (its own description spans lines).
    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable YAML"
        }
    }
}
