import FreqKit

/// The registry as it is now in the working tree, read for the query commands.
struct CurrentRegistry {
    let root: String
    let records: [RequestRecord]
    let registry: WorkingRegistry

    /// Reads every request file (no rule runs: `freq validate` does that), through the
    /// working-tree cache. Files that cannot be read as requests are skipped with a
    /// warning each, so a query still answers while one file is broken. Without `bodies`
    /// (a command that never reads the text) every record's body is empty: bodies are
    /// most of a registry's bytes.
    static func load(_ workspace: Workspace, bodies: Bool = false) throws -> CurrentRegistry {
        let root = try workspace.requireWorkingTree()
        let registry = try workspace.workingRegistry(needs: bodies ? .bodies : .records)
        var (records, unreadable) = try registry.records(bodies: bodies)
            ?? RequestRecord.records(of: workspace.workingSnapshot(), config: workspace.config)
        if !bodies {
            for index in records.indices { records[index].body = "" }
        }
        for path in unreadable {
            Console.warning("`\(path)` cannot be read as a request; skipped (`freq validate \(path)` says why)")
        }
        return CurrentRegistry(root: root, records: records, registry: registry)
    }

    /// `record` with its body, read again from its file (one file, not the registry);
    /// nil when the file no longer holds that request.
    func withBody(_ record: RequestRecord, config: RegistryConfig) -> RequestRecord? {
        guard let snapshot = registry.snapshot(around: [record.id]),
            let request = snapshot.requests.first(where: { $0.path.hasSameBytes(as: record.path) })
        else { return nil }
        return RequestRecord(request, config: config)
    }
}
