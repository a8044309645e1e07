import ArgumentParser
import Foundation
import FreqGit
import FreqKit
import FreqPaths

/// The process entry point: parses, runs, and maps every failure to freq's exit codes
/// (0 clean, 1 findings, 2 usage, configuration or repository error) with a one-line
/// message on stderr, never a stack trace.
@main
enum Entry {
    static func main() {
        // Not for what never opens a repository (help, the version, the rules).
        let first = CommandLine.arguments.dropFirst().first
        if !["--version", "--help", "-h", "help", "rules"].contains(first ?? "--help") {
            prepareLibGit2InBackground()
        }
        Console.deferBrokenPipes()
        let code = runCommand()
        Background.wait()
        exit(code)
    }

    /// The arguments with their bytes kept (`PathBytes`): a file name that is not UTF-8,
    /// given to `validate`, names that file (`CommandLine.arguments` would replace its bytes).
    private static func commandLine() -> [String] {
        (0..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return PathBytes.text(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
        }
    }

    private static func runCommand() -> Int32 {
        let arguments = GlobalOptions.hoistingGlobalOptions(Array(commandLine().dropFirst()))
        do {
            // `freq help lst` parses (as the top-level help): said as an unknown command
            // before parsing. `freq lst` fails to parse and is said so below: naming every
            // command costs a run's start-up a few milliseconds, so only then.
            if arguments.first == "help" { try UsageErrors.checkCommandName(arguments) }
            var command = try Freq.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let invalid as InvalidValues {
            // Every wrong value at once, each with the flag that gave it.
            for problem in invalid.problems {
                Console.error("\(problem.flag): \(problem.message)" + (problem.hint.map { " (\($0))" } ?? ""))
            }
            Console.err("nothing was written\n")
            return 2
        } catch let refusal as EditRefusal {
            // An edit freq will not make is a finding about the registry, not a failure.
            Console.error(refusal.message)
            return 1
        } catch let exit as ExitCode {
            // Thrown by a command that has reported its findings (1).
            return exit.rawValue
        } catch {
            // An unknown command name is the mistake to name, whatever else failed with it.
            if arguments.first != "help" {
                do {
                    try UsageErrors.checkCommandName(arguments)
                } catch let unknown {
                    Console.error(Self.describe(unknown))
                    return 2
                }
            }
            let code = Freq.exitCode(for: error)
            if code == .success {
                // --help, --version.
                Console.out(Freq.fullMessage(for: error) + "\n")
                return 0
            }
            if code == .validationFailure {
                // A usage error, in freq's own voice, with where to read more.
                Console.error(UsageErrors.describe(error, arguments: arguments))
                return 2
            }
            // Every other error is a failure of the tool (freq's own, git's, the file
            // system's, or one no call site named): said, never a silent exit 1 that CI
            // would read as findings.
            Console.error(Self.describe(error))
            return 2
        }
    }

    /// A failure in words: freq's own errors carry their message; for a file error, the
    /// file and the system's reason.
    private static func describe(_ error: any Error) -> String {
        switch error {
        case let failure as ToolFailure: return failure.message
        case let failure as AtomicFileError: return failure.message
        case let failure as GitError: return failure.message
        case let failure as ConfigError: return failure.description
        case let failure as ShallowHistory: return failure.description
        default: break
        }
        if let file = error as? CocoaError {
            let underlying = file.userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? file.localizedDescription
            return file.filePath.map { "`\($0)`: \(reason)" } ?? reason
        }
        if error is POSIXError { return (error as NSError).localizedDescription }
        return String(describing: error)
    }
}
