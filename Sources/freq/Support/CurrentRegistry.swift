import FreqKit

/// The registry as it is now in the working tree, read for the query commands.
struct CurrentRegistry {
    let root: String
    let records: [RequestRecord]
    let registry: WorkingRegistry

    /// Reads every request file (no rule runs: `freq validate` does that), through the
    /// working-tree cache. Files that cannot be read as requests are skipped with a
    /// warning each, so a query still answers while one file is broken.
    static func load(_ workspace: Workspace) throws -> CurrentRegistry {
        let root = try workspace.requireWorkingTree()
        let registry = try workspace.workingRegistry(needs: .records)
        let (records, unreadable) = try registry.records()
            ?? RequestRecord.records(of: workspace.workingSnapshot(), config: workspace.config)
        for path in unreadable {
            Console.warning("`\(path)` cannot be read as a request; skipped (`freq validate \(path)` says why)")
        }
        return CurrentRegistry(root: root, records: records, registry: registry)
    }
}
