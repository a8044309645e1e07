import FreqKit

/// The registry as it is now in the working tree, read for the query commands.
struct CurrentRegistry {
    let root: String
    /// Every readable request's record, or those `load(_:bodies:keeping:)` kept.
    let records: [RequestRecord]
    let registry: WorkingRegistry
    /// Whether the records came from the working-tree cache (not from reading every file
    /// again after one changed while the cache was read).
    let fromCache: Bool

    /// Reads every request file (no rule runs: `freq validate` does that), through the
    /// working-tree cache. Files that cannot be read as requests are skipped with a
    /// warning each, so a query still answers while one file is broken. Without `bodies`
    /// (a command that never reads the text) every record's body is empty: bodies are
    /// most of a registry's bytes.
    /// Without `warning`, the unreadable files are not said (the caller said them).
    static func load(_ workspace: Workspace, bodies: Bool = false, warning: Bool = true) throws -> CurrentRegistry {
        let root = try workspace.requireWorkingTree()
        let registry = try workspace.workingRegistry(needs: bodies ? .bodies : .records)
        let cached = registry.records(bodies: bodies)
        let (records, unreadable) = try cached ?? readingEveryFile(workspace, bodies: bodies)
        if warning { warnAboutUnreadable(unreadable) }
        KeptUntilExit.keep(records)
        return CurrentRegistry(root: root, records: records, registry: registry, fromCache: cached != nil)
    }

    /// `load`, keeping only the records `keep` accepts (`RequestQuery.mightInclude`: the
    /// cache's other records are not decoded), with a probe of every record for what a
    /// query says about the whole registry.
    static func load(_ workspace: Workspace, bodies: Bool, keeping keep: @escaping @Sendable (RecordProbe) -> Bool)
        throws -> (registry: CurrentRegistry, probes: [RecordProbe])
    {
        let root = try workspace.requireWorkingTree()
        let registry = try workspace.workingRegistry(needs: bodies ? .bodies : .records)
        let cached = registry.records(bodies: bodies, keeping: keep)
        let (records, unreadable, probes) = try cached ?? probingEveryFile(workspace, bodies: bodies, keeping: keep)
        warnAboutUnreadable(unreadable)
        KeptUntilExit.keep((records, probes))
        return (CurrentRegistry(root: root, records: records, registry: registry, fromCache: cached != nil), probes)
    }

    /// The rows of `freq list`'s table of the requests `query` accepts (one that
    /// `passesByProbeAlone`), in id order, with a probe of every record: `load(_:bodies:keeping:)`
    /// without decoding a record where the cache answers.
    static func rows(_ workspace: Workspace, matching query: RequestQuery)
        throws -> (rows: [RequestListRenderer.Row], probes: RecordProbes)
    {
        let registry = try workspace.workingRegistry(needs: .records)
        let (rows, unreadable, probes) = try registry.listRows(matching: query) ?? {
            let all = try probingEveryFile(workspace, bodies: false, keeping: query.mightInclude)
            // In id order, as the records are.
            return (all.records.map(RequestListRenderer.Row.init), all.unreadable, RecordProbes(all.probes))
        }()
        warnAboutUnreadable(unreadable)
        KeptUntilExit.keep((rows, probes))
        return (rows, probes)
    }

    /// `readingEveryFile`, keeping the records `keep` accepts, with a probe of each record.
    private static func probingEveryFile(_ workspace: Workspace, bodies: Bool, keeping keep: (RecordProbe) -> Bool) throws
        -> (records: [RequestRecord], unreadable: [String], probes: [RecordProbe])
    {
        let all = try readingEveryFile(workspace, bodies: bodies)
        let probes = all.records.map(RecordProbe.init)
        return (zip(all.records, probes).filter { keep($0.1) }.map(\.0), all.unreadable, probes)
    }

    /// When the cache could not answer (a file changed while it was read): every file,
    /// bodies dropped as the cache's records would have them.
    private static func readingEveryFile(_ workspace: Workspace, bodies: Bool) throws -> (records: [RequestRecord], unreadable: [String]) {
        var all = RequestRecord.records(of: try workspace.workingSnapshot(), config: workspace.config)
        if !bodies {
            for index in all.records.indices { all.records[index].body = "" }
        }
        return all
    }

    static func warnAboutUnreadable(_ paths: [String]) {
        for path in paths {
            Console.warning("`\(path)` cannot be read as a request; skipped (`freq validate \(path)` says why)")
        }
    }

    /// The one request `id` names (`RequestID.resolve`), read from its file alone, with
    /// the same warnings and errors as `load` then a search of its records would give.
    static func request(_ id: String, in workspace: Workspace) throws -> RequestRecord {
        let registry = try workspace.workingRegistry(needs: [])
        warnAboutUnreadable(registry.unreadablePaths)
        // In path order: with two files for one id, the first is the smallest path, which
        // wins, as in the history. (Resolving does not depend on the order.)
        let listed = registry.requestPaths
        let id = RequestID.resolve(id, among: listed.map(\.id)) ?? id
        guard let path = listed.first(where: { $0.id == id })?.path else {
            // The suggestion, among ids in id order, as it always was.
            let listed = listed.sorted { a, b in
                a.id != b.id ? a.id.precedesInByteOrder(b.id) : a.path.precedesInByteOrder(b.path)
            }
            if let file = registry.unreadableFile(named: id) {
                throw ToolFailure(RegistrySnapshot.unreadableMessage(id, file))
            }
            let hint = Suggestion.nearest(to: id, among: listed.map(\.id)).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("no request `\(id)` in the registry\(hint)")
        }
        // The file changed since the listing: the whole registry, read as `load` would.
        if let record = registry.record(atPath: path) { return record }
        let (records, _) = RequestRecord.records(of: try workspace.workingSnapshot(), config: workspace.config)
        guard let record = records.first(where: { $0.id == id }) else {
            let hint = Suggestion.nearest(to: id, among: records.map(\.id)).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("no request `\(id)` in the registry\(hint)")
        }
        return record
    }
}
