/// A cheap byte-level pass over the YAML text before Yams sees it.
///
/// Why: Yams 6.2.2's `compose` hangs on an alias used as a mapping key, an alias bomb
/// explodes when walked, and its composer recurses once per nesting level (a 10,000-deep
/// `[[[…]]]` would overflow a worker thread's stack). So anchors, aliases, excessive
/// depth and excessive size are refused here, in one linear pass.
///
/// It tokenises just enough YAML to tell where a token starts: quoted scalars (across
/// lines), comments, block scalars (by indentation), plain scalars (including their
/// continuation lines) and flow collections. `*` or `&` inside a plain scalar (`a*b`,
/// `see *this*`), a quoted scalar, a comment or a block scalar is text, not an alias.
/// Depth is the open block collections (by indentation) plus the open flow brackets;
/// the node count counts scalars and flow collections. Both are estimates that do not
/// exceed the truth; the exact checks happen while converting the composed tree.
struct YAMLPreScan {
    enum Finding: Equatable {
        case anchor(name: String, offset: Int)
        case alias(name: String, offset: Int)
        case tooDeep(offset: Int)
        case tooManyNodes(offset: Int)
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Scans `b`; the first finding, or nil when Yams may compose the text.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxNodes: Int) -> Finding? {
        var scanner = YAMLPreScan(b: b, maxDepth: maxDepth, maxNodes: maxNodes)
        return scanner.run()
    }

    private let b: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private let maxNodes: Int
    private var i = 0
    private var flowDepth = 0
    /// The open block collections: their column, and whether each is a list.
    private var collections: [(column: Int, isList: Bool)] = []
    private var nodes = 0
    /// Inside a plain scalar (it may continue on the next line).
    private var inPlain = false
    /// The indentation a plain scalar's continuation lines must exceed.
    private var plainParentIndent = 0
    /// Column of the innermost open block collection (-1 at the top level); what a plain
    /// scalar's continuation lines and a block scalar's content must be indented beyond.
    private var blockIndent = -1
    /// Column where the last scalar token on this line started (a key, if `:` follows).
    private var lastTokenColumn = 0
    /// Column of a tag just before the next token: the node starts at its tag.
    private var tagColumn: Int?
    /// Inside a block scalar: content lines are indented at least `blockScalarIndent`
    /// (or, while nil, more than `blockScalarParent`).
    private var inBlockScalar = false
    private var blockScalarParent = 0
    private var blockScalarIndent: Int?
    private var lineStart = 0

    private init(b: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxNodes: Int) {
        self.b = b
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    private mutating func run() -> Finding? {
        let n = b.count
        while i < n {
            lineStart = i
            var column = 0
            while i < n, b[i] == Self.space { i += 1; column += 1 }
            // Blank lines (spaces, tabs, CR only) change nothing.
            var j = i
            while j < n, b[j] == Self.space || b[j] == Self.tab || b[j] == Self.cr { j += 1 }
            if j >= n { break }
            if b[j] == Self.lf { i = j + 1; continue }

            if inBlockScalar {
                if let indent = blockScalarIndent {
                    if column >= indent { skipLine(); continue }
                } else if column > blockScalarParent {
                    blockScalarIndent = column
                    skipLine()
                    continue
                }
                inBlockScalar = false
            }
            if flowDepth == 0 {
                if b[i] == UInt8(ascii: "#") {
                    inPlain = false
                    skipLine()
                    continue
                }
                // A more indented line after a plain scalar continues it: its text is literal.
                if !(inPlain && column > plainParentIndent) {
                    inPlain = false
                    // Collections indented deeper than this line are closed.
                    while let last = collections.last, last.column > column { collections.removeLast() }
                    blockIndent = collections.last?.column ?? -1
                    lastTokenColumn = column
                    tagColumn = nil
                }
            }
            if let finding = scanLine() { return finding }
        }
        return nil
    }

    private mutating func skipLine() {
        while i < b.count, b[i] != Self.lf { i += 1 }
        i += 1
    }

    private func checkDepth() -> Finding? {
        collections.count + flowDepth > maxDepth ? .tooDeep(offset: i) : nil
    }

    private func isBlank(_ offset: Int) -> Bool {
        offset >= b.count || b[offset] == Self.space || b[offset] == Self.tab
            || b[offset] == Self.cr || b[offset] == Self.lf
    }

    private static func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
    }

    private mutating func countNode() -> Finding? {
        nodes += 1
        return nodes > maxNodes ? .tooManyNodes(offset: i) : nil
    }

    /// The anchor or alias name after the indicator at `i`.
    private func name(after start: Int) -> String {
        var end = start + 1
        while end < b.count, !isBlank(end), !Self.isFlowIndicator(b[end]), end - start < 64 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: b[(start + 1)..<end]), as: UTF8.self)
    }

    /// Scans tokens to the end of the current line (or further, for quoted scalars).
    private mutating func scanLine() -> Finding? {
        let n = b.count
        var afterSpace = true
        while i < n, b[i] != Self.lf {
            let c = b[i]
            if c == Self.space || c == Self.tab || c == Self.cr {
                i += 1
                afterSpace = true
                continue
            }
            if c == UInt8(ascii: "#"), afterSpace || !inPlain {
                // A comment runs to the end of the line and ends a plain scalar.
                inPlain = false
                while i < n, b[i] != Self.lf { i += 1 }
                break
            }
            if inPlain {
                if c == UInt8(ascii: ":"),
                    isBlank(i + 1) || (flowDepth > 0 && i + 1 < n && Self.isFlowIndicator(b[i + 1]))
                {
                    inPlain = false
                    if let finding = valueIndicator() { return finding }
                    i += 1
                    afterSpace = true
                    continue
                }
                if flowDepth > 0, Self.isFlowIndicator(c) {
                    inPlain = false
                } else {
                    i += 1
                    afterSpace = false
                    continue
                }
            }
            // A token starts here.
            let column = i - lineStart
            afterSpace = false
            let blockContext = flowDepth == 0
            if c == UInt8(ascii: "&") { return .anchor(name: name(after: i), offset: i) }
            if c == UInt8(ascii: "*") { return .alias(name: name(after: i), offset: i) }
            let nodeColumn = tagColumn ?? column
            tagColumn = nil
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                if let finding = countNode() { return finding }
                lastTokenColumn = nodeColumn
                if !skipQuoted(c) { i = n; return nil }  // unterminated: Yams reports it
            } else if c == UInt8(ascii: "!") {
                // A tag: its characters may include `*`, `&` and flow indicators.
                while i < n, !isBlank(i) { i += 1 }
                afterSpace = true
                tagColumn = nodeColumn
            } else if blockContext, c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
                if let finding = countNode() { return finding }
                startBlockScalar()
                return nil
            } else if c == UInt8(ascii: "-"), isBlank(i + 1) {
                if blockContext, let finding = openCollection(at: column, isList: true) { return finding }
                i += 1
            } else if c == UInt8(ascii: "?"), isBlank(i + 1) {
                // An explicit key: a block mapping is open at its column.
                if blockContext, let finding = openCollection(at: column, isList: false) { return finding }
                i += 1
            } else if c == UInt8(ascii: ":"), !blockContext || isBlank(i + 1) {
                if let finding = valueIndicator() { return finding }
                i += 1
            } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                if let finding = countNode() { return finding }
                flowDepth += 1
                i += 1
                if let finding = checkDepth() { return finding }
            } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                flowDepth = max(0, flowDepth - 1)
                i += 1
            } else if c == UInt8(ascii: ","), !blockContext {
                i += 1
            } else {
                if let finding = countNode() { return finding }
                lastTokenColumn = nodeColumn
                inPlain = true
                plainParentIndent = blockIndent
                i += 1
            }
        }
        i += 1  // past the line feed
        return nil
    }

    /// A `:` value indicator: in block context the token before it was a key, so a block
    /// mapping is open at that key's column.
    private mutating func valueIndicator() -> Finding? {
        flowDepth == 0 ? openCollection(at: lastTokenColumn, isList: false) : nil
    }

    /// Notes a block mapping key or list entry at `column`: a list at a mapping's column
    /// (`key:` then `- item`, which YAML allows) nests inside it; a key at a list's
    /// column closes the list.
    private mutating func openCollection(at column: Int, isList: Bool) -> Finding? {
        while let last = collections.last,
            last.column > column || (last.column == column && last.isList && !isList)
        {
            collections.removeLast()
        }
        if let last = collections.last, last.column == column, last.isList == isList {
            blockIndent = column
            return nil
        }
        collections.append((column, isList))
        blockIndent = column
        return checkDepth()
    }

    /// Skips a quoted scalar that starts at `i`; false when it is not closed.
    private mutating func skipQuoted(_ quote: UInt8) -> Bool {
        let n = b.count
        i += 1
        while i < n {
            let c = b[i]
            if quote == UInt8(ascii: "\""), c == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if c == quote {
                if quote == UInt8(ascii: "'"), i + 1 < n, b[i + 1] == quote {
                    i += 2
                    continue
                }
                i += 1
                return true
            }
            if c == Self.lf { lineStart = i + 1 }
            i += 1
        }
        return false
    }

    /// A `|` or `>` header: the content is every following line indented more than the
    /// collection that holds the scalar (or by the explicit indentation indicator).
    private mutating func startBlockScalar() {
        let n = b.count
        i += 1
        var explicit: Int?
        while i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")
            || (b[i] >= UInt8(ascii: "1") && b[i] <= UInt8(ascii: "9"))
        {
            if b[i] >= UInt8(ascii: "1") && b[i] <= UInt8(ascii: "9") { explicit = Int(b[i] - UInt8(ascii: "0")) }
            i += 1
        }
        skipLine()
        inBlockScalar = true
        inPlain = false
        blockScalarParent = blockIndent
        blockScalarIndent = explicit.map { max(blockIndent, 0) + $0 }
    }
}
