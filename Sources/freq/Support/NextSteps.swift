import FreqKit

/// What to do after `new` or `plus-one` wrote a file: the change goes to a pull request.
/// Said on a terminal only (stderr), so scripts read just the path on stdout.
enum NextSteps {
    static func say(for edit: FileEdit) {
        let id = edit.requestID ?? "request"
        guard Console.stderrIsTerminal else { return }
        Console.err("""
            next: put it on a branch and open a pull request:
              git switch -c request/\(id)
              git add \(edit.path)
              git commit -m "\(edit.original == nil ? "Request" : "One more customer for") \(id)"
              git push -u origin HEAD      # then open the pull request (GitHub CLI: gh pr create --fill)

            """)
    }
}
