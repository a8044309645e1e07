/// Where each key and value of a front matter is, and the written text of its non-string
/// scalars, as a tree of nodes in the order the reader met them.
///
/// Why not `[InstancePath: SourceLocation]`: filling two such dictionaries hashed whole
/// path arrays for every key and value of every file (a fifth of `validate`'s parse time),
/// though locations are read only for the few files with findings. Here the reader appends
/// one node per key or value (a parent index and the last path component) and a lookup
/// walks the path down; past `indexedNodeCount` nodes a lookup index is built once, so a
/// huge front matter with many findings stays linear. Answers are those of the
/// dictionaries: a path has a location when the reader recorded one for it.
struct FrontMatterLocations: Sendable {
    struct Node: Sendable {
        /// The last component of the node's path (unused for the root).
        var component: PathComponent
        /// The parent node's index; -1 for the root.
        var parent: Int
        var hasKey = false
        var hasValue = false
        var key = SourceLocation(line: 0, column: 0)
        var value = SourceLocation(line: 0, column: 0)
    }

    /// `nodes[0]` is the root (the empty path); a node's parent comes before it.
    private(set) var nodes: [Node] = [Node(component: .index(0), parent: -1)]
    /// Text as written of the scalars not typed as strings, by node.
    private var texts: [(node: Int, text: String)] = []
    /// The node being filled by the reader.
    private var current = 0
    /// Every node's index by path; built by `finish()` for large trees only.
    private var index: [InstancePath: Int]?

    /// Trees up to this size are searched node by node (a typical request has ~30).
    static let indexedNodeCount = 128

    init() {}

    /// A table holding exactly the entries of the given dictionaries.
    init(
        valueLocations: [InstancePath: SourceLocation], keyLocations: [InstancePath: SourceLocation],
        scalarTexts: [InstancePath: String]
    ) {
        for (path, location) in valueLocations {
            let node = makeNode(path)
            nodes[node].hasValue = true
            nodes[node].value = location
        }
        for (path, location) in keyLocations {
            let node = makeNode(path)
            nodes[node].hasKey = true
            nodes[node].key = location
        }
        for (path, text) in scalarTexts { texts.append((makeNode(path), text)) }
        finish()
    }

    // MARK: - Filling (the readers)

    /// Enters the child `component` of the current node (a member or an item).
    mutating func enter(_ component: PathComponent) {
        nodes.append(Node(component: component, parent: current))
        current = nodes.count - 1
    }

    /// Back to the current node's parent.
    mutating func leave() {
        current = nodes[current].parent
    }

    mutating func setValue(_ location: SourceLocation) {
        nodes[current].hasValue = true
        nodes[current].value = location
    }

    mutating func setKey(_ location: SourceLocation) {
        nodes[current].hasKey = true
        nodes[current].key = location
    }

    mutating func setText(_ text: String) {
        texts.append((current, text))
    }

    mutating func reserveCapacity(_ count: Int) {
        nodes.reserveCapacity(count)
    }

    /// Done filling: builds the lookup index when the tree is large.
    mutating func finish() {
        current = 0
        guard nodes.count > Self.indexedNodeCount else { return }
        var paths: [InstancePath] = [[]]
        paths.reserveCapacity(nodes.count)
        var index: [InstancePath: Int] = [[]: 0]
        for position in 1..<nodes.count {
            let path = paths[nodes[position].parent] + [nodes[position].component]
            paths.append(path)
            index[path] = position
        }
        self.index = index
    }

    // MARK: - Lookup

    func keyLocation(_ path: InstancePath) -> SourceLocation? {
        guard let node = find(path), nodes[node].hasKey else { return nil }
        return nodes[node].key
    }

    func valueLocation(_ path: InstancePath) -> SourceLocation? {
        guard let node = find(path), nodes[node].hasValue else { return nil }
        return nodes[node].value
    }

    func scalarText(_ path: InstancePath) -> String? {
        guard !texts.isEmpty, let node = find(path) else { return nil }
        // The last one recorded wins, as a dictionary's later assignment would.
        return texts.last { $0.node == node }?.text
    }

    /// `location(of:key:)` of `FrontMatterDocument`: the key's location when asked and
    /// known, else the value's or key's location of the nearest ancestor that has one.
    func location(of path: InstancePath, key: Bool) -> SourceLocation? {
        if index != nil {
            if key, let found = keyLocation(path) { return found }
            var path = path
            while true {
                if let found = valueLocation(path) ?? keyLocation(path) { return found }
                guard !path.isEmpty else { return nil }
                path.removeLast()
            }
        }
        // Down the path once, remembering each prefix's node, then back up.
        var chain: [Int] = [0]
        for component in path {
            guard let child = child(of: chain[chain.count - 1], component) else { break }
            chain.append(child)
        }
        if key, chain.count == path.count + 1, nodes[chain[chain.count - 1]].hasKey {
            return nodes[chain[chain.count - 1]].key
        }
        for node in chain.reversed() {
            if nodes[node].hasValue { return nodes[node].value }
            if nodes[node].hasKey { return nodes[node].key }
        }
        return nil
    }

    /// The key locations of the root's members.
    func rootKeyLocations() -> [(key: String, location: SourceLocation)] {
        var found: [(key: String, location: SourceLocation)] = []
        for node in nodes.dropFirst() where node.parent == 0 && node.hasKey {
            if case .key(let key) = node.component { found.append((key, node.key)) }
        }
        return found
    }

    /// Every value location, as a dictionary (tests, and callers that want them all).
    var valueLocations: [InstancePath: SourceLocation] {
        var result: [InstancePath: SourceLocation] = [:]
        for (position, path) in allPaths().enumerated() where nodes[position].hasValue { result[path] = nodes[position].value }
        return result
    }

    /// Every key location, as a dictionary.
    var keyLocations: [InstancePath: SourceLocation] {
        var result: [InstancePath: SourceLocation] = [:]
        for (position, path) in allPaths().enumerated() where nodes[position].hasKey { result[path] = nodes[position].key }
        return result
    }

    /// Every recorded scalar text, as a dictionary.
    var scalarTexts: [InstancePath: String] {
        let paths = allPaths()
        var result: [InstancePath: String] = [:]
        for (node, text) in texts { result[paths[node]] = text }
        return result
    }

    // MARK: - Implementation

    private func allPaths() -> [InstancePath] {
        var paths: [InstancePath] = [[]]
        paths.reserveCapacity(nodes.count)
        for position in nodes.indices.dropFirst() {
            paths.append(paths[nodes[position].parent] + [nodes[position].component])
        }
        return paths
    }

    /// The node of `path`, or nil when the reader recorded nothing at or below it.
    private func find(_ path: InstancePath) -> Int? {
        if let index { return index[path] }
        var node = 0
        for component in path {
            guard let child = child(of: node, component) else { return nil }
            node = child
        }
        return node
    }

    /// The child of `parent` named `component`; children come after their parent.
    private func child(of parent: Int, _ component: PathComponent) -> Int? {
        var position = parent + 1
        while position < nodes.count {
            if nodes[position].parent == parent, nodes[position].component == component { return position }
            position += 1
        }
        return nil
    }

    /// The node of `path`, made (with its ancestors) when missing.
    private mutating func makeNode(_ path: InstancePath) -> Int {
        var node = 0
        for component in path {
            if let child = child(of: node, component) {
                node = child
            } else {
                nodes.append(Node(component: component, parent: node))
                node = nodes.count - 1
            }
        }
        return node
    }
}

extension FrontMatterLocations: Hashable {
    /// Equal when they answer alike: the same locations and texts for the same paths,
    /// whatever order the reader met them in.
    static func == (a: FrontMatterLocations, b: FrontMatterLocations) -> Bool {
        a.valueLocations == b.valueLocations && a.keyLocations == b.keyLocations && a.scalarTexts == b.scalarTexts
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(valueLocations)
        hasher.combine(keyLocations)
    }
}
