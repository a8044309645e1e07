import ArgumentParser
import Foundation
import FreqKit

/// The working-tree registry as the editing commands (`new`, `plus-one`, `move`) see it:
/// read once, through the working-tree cache; the planned edits are written atomically,
/// then the written files are validated.
struct EditSession {
    let workspace: Workspace
    /// The working tree's root, `/`-terminated.
    let root: String
    /// Ids, titles, statuses and customers of every request, and the findings of every
    /// file (so that validating what was written reads only that).
    private(set) var registry: WorkingRegistry
    /// Whether no other edit can have run since `registry` was read (the lock was taken
    /// before reading; not so while someone answers questions at a terminal).
    let lockedSinceRead: Bool

    static func open(_ global: GlobalOptions) throws -> EditSession {
        let workspace = try Workspace.open(global)
        let root = try workspace.requireWorkingTree()
        // Before reading: a concurrent edit finishes first, and this one sees its result.
        // Not while someone answers questions at a terminal, which may take minutes: then
        // at writing, where the compare-and-swap refuses a file changed meanwhile.
        let locked = !Console.stdinIsTerminal
        if locked { EditLock.acquire(gitDirectory: workspace.repository.gitDirectory) }
        return EditSession(
            workspace: workspace, root: root.hasSuffix("/") ? root : root + "/",
            registry: try workspace.workingRegistry(needs: .findings, storing: false), lockedSinceRead: locked)
    }

    /// Plans an edit about the requests `typed` names (as people type ids) on the part of
    /// the snapshot about them, parsed again (`WorkingRegistry.snapshot(around:)`). When an
    /// id does not name exactly one request, or planning fails, it plans again on the
    /// whole snapshot, so that every message (suggestions included) is the one the whole
    /// registry gives.
    func plan<Planned>(about typed: [String?], _ planner: (RegistrySnapshot) throws -> Planned) throws -> Planned {
        let ids = registry.idList
        let resolved = typed.compactMap { $0 }.map { ($0, RequestID.resolve($0, among: ids)) }
        if resolved.allSatisfy({ $0.1 != nil }), let part = registry.snapshot(around: Set(resolved.compactMap(\.1))) {
            let partIDs = part.requests.compactMap(\.id)
            if resolved.allSatisfy({ RequestID.resolve($0.0, among: partIDs) == $0.1 }), let planned = try? planner(part) {
                return planned
            }
        }
        return try planner(try workspace.workingSnapshot())
    }

    var config: RegistryConfig { workspace.config }

    /// Writes `edits` in order, saying what each did; a new file is never written over an
    /// existing one, and a replaced file must still hold what was read. Then reports the
    /// findings about the written files on stderr: exit 1 when any is an error.
    mutating func apply(_ edits: [FileEdit]) throws {
        EditLock.acquire(gitDirectory: workspace.repository.gitDirectory)
        for edit in edits {
            if let original = edit.original {
                try AtomicFile.replace(root + edit.path, expecting: original, with: edit.edited)
            } else {
                try InsideRepository.check(edit.path, root: root, what: "the new request")
                try FileManager.default.createDirectory(
                    atPath: root + Workspace.folder(of: edit.path), withIntermediateDirectories: true)
                try AtomicFile.create(root + edit.path, edit.edited)
            }
            Console.out(edit.summary.replacingOccurrences(of: edit.path, with: workspace.paths.show(edit.path)) + "\n")
        }
        // Only the written files are read again when no other edit can have run since the
        // registry was read; after minutes at a terminal, another edit (another request
        // taking the same id) may have: then the whole folder is read again.
        if lockedSinceRead {
            registry.refresh(afterWriting: edits.map(\.path))
        } else {
            registry = try workspace.workingRegistry(needs: .findings)
        }
        // Kept until exit only now (`Workspace.workingRegistry` leaves an edit's to it): a
        // second holder before `refresh` would have made it copy every file.
        KeptUntilExit.keep(registry)
        let report = try (registry.validationReport() ?? workspace.validator().validate(try workspace.workingSnapshot()))
            .restricted(to: Set(edits.map { ByteKey($0.path) }))
        guard !report.diagnostics.isEmpty else { return }
        Console.err(DiagnosticRenderer.text(report, color: Console.useColor, displayPath: workspace.paths.show))
        if report.errorCount > 0 { throw ExitCode(1) }
    }

    /// Today's date, UTC, `YYYY-MM-DD`.
    static var today: String { UTCTime.day(Int64(Date().timeIntervalSince1970)) }

    /// A `--date` value, or today; anything but a real `YYYY-MM-DD` day is a usage error.
    static func day(_ given: String?, flag: String = "--date") throws -> String {
        guard let given else { return today }
        guard UTCTime.parseDay(given) != nil else {
            throw ToolFailure("\(flag) `\(given)` is not a day written YYYY-MM-DD")
        }
        return given
    }
}
