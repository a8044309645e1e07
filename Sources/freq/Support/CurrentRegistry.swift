import FreqKit

/// The registry as it is now in the working tree, read for the query commands.
struct CurrentRegistry {
    let root: String
    let records: [RequestRecord]
    let snapshot: RegistrySnapshot

    /// Reads every request file (no rule runs: `freq validate` does that). Files that
    /// cannot be read as requests are skipped with a warning each, so a query still
    /// answers while one file is broken.
    static func load(_ workspace: Workspace) throws -> CurrentRegistry {
        let root = try workspace.requireWorkingTree()
        let snapshot = try workspace.workingSnapshot()
        let (records, unreadable) = RequestRecord.records(of: snapshot, config: workspace.config)
        for path in unreadable {
            Console.warning("`\(path)` cannot be read as a request; skipped (`freq validate \(path)` says why)")
        }
        return CurrentRegistry(root: root, records: records, snapshot: snapshot)
    }
}
