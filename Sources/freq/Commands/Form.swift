import ArgumentParser
import Foundation
import FreqKit

/// `freq form`: the GitHub issue form support agents fill in on the web page, generated
/// from the schema, so nobody has to type YAML.
struct FormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Write the GitHub issue form for new requests (\(IssueForm.path)) from the schema.",
        discussion: """
            The form asks for the title, area, severity, the customer (segment, ARR, ticket
            link) and the problem in the customer's words: dropdowns where the schema lists
            the values, required where it requires the field. Run it again after changing
            the schema; `freq form --check` exits 1 with a diff when the form is out of date
            (and `freq check` warns, rule issue-form-stale). An issue opened with the form
            becomes a request with `freq new --from-issue-form FILE`.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Write nothing; exit 1 and print a diff when the form is out of date.")
    var check = false

    func run() throws {
        let workspace = try Workspace.open(global)
        let root = try workspace.requireWorkingTree()
        let path = IssueForm.path
        let generated = IssueForm.render(config: workspace.config, schema: workspace.schema)
        try InsideRepository.check(path, root: root, what: "the issue form")
        let current = FileManager.default.contents(atPath: root + path).map { String(decoding: $0, as: UTF8.self) }
        if check {
            guard current != generated else {
                Console.out("`\(path)` is up to date\n")
                return
            }
            Console.err(current == nil
                ? "`\(path)` does not exist; run `freq form` to write it\n"
                : "`\(path)` is out of date; run `freq form` to rewrite it\n")
            Console.out(LineDiff.unified(old: current ?? "", new: generated, oldName: path, newName: path + " (freq form)"))
            throw ExitCode(1)
        }
        guard current != generated else {
            Console.out("`\(path)` is up to date\n")
            return
        }
        try FileManager.default.createDirectory(atPath: root + Workspace.folder(of: path), withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Array(generated.utf8), to: root + path)
        } catch {
            throw ToolFailure("cannot write `\(path)`: \(error.reason ?? error.message)")
        }
        Console.out("wrote `\(path)`\n")
    }
}
