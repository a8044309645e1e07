import ArgumentParser
import FreqKit

/// Prints a validation report and sets the exit code, the same way for `validate` and
/// `check`: 1 when there are errors (or warnings, with --strict).
enum Findings {
    static func finish(_ report: ValidationReport, format: DiagnosticRenderer.Format, strict: Bool, paths: PathDisplay) throws {
        switch format {
        case .text: Console.out(DiagnosticRenderer.text(report, color: Console.useColor, displayPath: paths.show))
        case .json: Console.out(DiagnosticRenderer.json(report))
        case .github: Console.out(DiagnosticRenderer.github(report))
        }
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            throw ExitCode(1)
        }
    }
}
