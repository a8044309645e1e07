import ArgumentParser
import Foundation
import FreqGit
import FreqKit

/// The working-tree registry as the editing commands (`new`, `plus-one`, `move`) see it:
/// every request read once, lookup by id, and the write-then-validate step they share.
struct EditSession {
    let workspace: Workspace
    /// The working tree's root, `/`-terminated.
    let root: String
    let tree: Workspace.CheckedTree
    /// Every readable request of the working tree.
    let requests: [ParsedRequest]

    static func open(_ global: GlobalOptions) throws -> EditSession {
        let workspace = try Workspace.open(global)
        let tree = try workspace.checkedTree()
        return EditSession(
            workspace: workspace, root: tree.root.hasSuffix("/") ? tree.root : tree.root + "/", tree: tree,
            requests: tree.report.requests)
    }

    var config: RegistryConfig { workspace.config }
    var validator: RegistryValidator { tree.validator }
    var selector: RequestSelector { tree.selector }

    /// The request with `id`; an unknown id is a usage error (exit 2) with a suggestion.
    func request(_ id: String) throws -> ParsedRequest {
        let matching = requests.filter { $0.id == id }
        if matching.count > 1 {
            throw ToolFailure("`\(id)` is the id of \(matching.count) files (\(matching.map(\.path).joined(separator: ", "))); fix that first (`freq validate`)")
        }
        guard let found = matching.first else {
            let hint = Suggestion.nearest(to: id, among: requests.compactMap(\.id)).map { " (did you mean `\($0)`?)" } ?? ""
            throw ToolFailure("no request `\(id)` in the registry\(hint)")
        }
        return found
    }

    /// Runs a front-matter edit of the file at `path`; a file freq cannot edit safely is
    /// reported (exit 1).
    func edit(_ path: String, _ body: () throws -> [UInt8]) throws -> [UInt8] {
        do {
            return try body()
        } catch let error as FrontMatterEditError {
            Console.error("\(path): \(error.message)")
            throw ExitCode(1)
        }
    }

    /// Validates the registry again and reports the findings about `paths` on stderr;
    /// returns whether any of them is an error.
    func reportFindings(about paths: Set<String>) -> Bool {
        let report = tree.reread().report.restricted(to: paths)
        guard !report.diagnostics.isEmpty else { return false }
        Console.err(DiagnosticRenderer.text(report, color: Console.useColor))
        return report.errorCount > 0
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
