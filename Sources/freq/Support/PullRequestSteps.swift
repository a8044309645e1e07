import FreqGit
import FreqKit

/// A pull request's own steps: each commit on the branch's first-parent chain since it
/// left the target, then the uncommitted changes. `check` judges status moves step by step.
enum PullRequestSteps {
    /// More commits than any pull request has: past this, the moves are judged from the
    /// merge base to now in one step.
    static let limit = 500

    /// `uncommitted`: the files that differ between `head`'s commit and the working tree,
    /// as committed and as they are now (asked only when the branch has steps).
    static func read(
        _ workspace: Workspace, head: ObjectID, mergeBase: ObjectID, selecting config: RegistryConfig,
        changes: (ObjectID?, ObjectID?, String) throws -> [TreeChange],
        uncommitted: () throws -> (before: RegistrySnapshot, after: RegistrySnapshot)
    ) throws -> [PullRequestChange.Step] {
        let repository = workspace.repository
        var chain: [CommitRecord] = []
        var next: ObjectID? = head
        // Back along first parents to where the branch left the target: the merge base, or
        // an older commit when the branch merged the target in since.
        while let id = next, id != mergeBase, try !repository.isAncestor(id, of: mergeBase) {
            guard chain.count < limit else { return [] }
            let commit = try repository.commit(id)
            chain.append(commit)
            next = commit.parents.first
        }
        let selector = try RequestSelector(config: config)
        let limits = FrontMatterLimits.default
        var steps: [PullRequestChange.Step] = []
        // A merge brings the target's own changes, judged there: only single-parent commits.
        for commit in chain.reversed() where commit.parents.count == 1 {
            let (before, after) = try GitSnapshot.changedFiles(
                in: repository, commit: commit, selector: selector, sizeLimit: limits.maxFileBytes, changes: changes)
            if before.isEmpty && after.isEmpty { continue }
            steps.append(.init(
                name: commit.id.short, before: RegistrySnapshot(files: before, config: workspace.config),
                after: RegistrySnapshot(files: after, config: workspace.config)))
        }
        guard !steps.isEmpty else { return [] }
        let (before, after) = try uncommitted()
        if !before.files.isEmpty || !after.files.isEmpty {
            steps.append(.init(name: "the working tree", before: before, after: after))
        }
        return steps
    }
}
