import ArgumentParser
import Foundation
import FreqGit
import FreqKit

/// The process entry point: parses, runs, and maps every failure to freq's exit codes
/// (0 clean, 1 findings, 2 usage, configuration or repository error) with a one-line
/// message on stderr, never a stack trace.
@main
enum Entry {
    static func main() {
        Console.deferBrokenPipes()
        let code = runCommand()
        Background.wait()
        exit(code)
    }

    private static func runCommand() -> Int32 {
        let arguments = GlobalOptions.hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try Freq.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as ToolFailure {
            Console.error(failure.message)
            return 2
        } catch let error as AtomicFileError {
            Console.error(error.message)
            return 2
        } catch let error as GitError {
            Console.error(error.message)
            return 2
        } catch let error as ConfigError {
            Console.error(error.description)
            return 2
        } catch {
            let code = Freq.exitCode(for: error)
            if code == .success {
                Console.out(Freq.fullMessage(for: error) + "\n")
                return 0
            }
            if code.rawValue == 1 {
                // Thrown by a command that found problems and has reported them.
                return 1
            }
            // Anything else is a usage error: ArgumentParser's own text, then exit 2.
            let message = Freq.fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return 2
        }
    }
}

/// A failure of the tool (not a finding about a document): printed as
/// `freq: error: MESSAGE`, exit 2.
struct ToolFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
