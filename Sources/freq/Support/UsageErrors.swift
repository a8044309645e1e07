import ArgumentParser
import FreqKit

/// Usage errors in freq's one voice: `freq: error: …` on one line, with the fix where
/// there is one, instead of ArgumentParser's own block.
enum UsageErrors {
    /// The names `freq NAME` accepts.
    static var commandNames: [String] {
        Freq.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// `freq lst` and `freq help lst`: not a command, with the nearest one.
    static func checkCommandName(_ arguments: [String]) throws {
        guard var name = arguments.first, !name.hasPrefix("-") else { return }
        if name == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return }
            name = arguments[1]
        }
        guard !commandNames.contains(name) else { return }
        let hint = Suggestion.nearest(to: name, among: commandNames).map { "; did you mean `\($0)`?" } ?? ""
        throw ToolFailure("`\(name)` is not a freq command\(hint) (`freq help` lists them)")
    }

    /// ArgumentParser's message for `error`, as one line with the command's help named.
    static func describe(_ error: any Error, arguments: [String]) -> String {
        var message = Freq.message(for: error)
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        if message.hasSuffix(".") { message.removeLast() }
        let command = arguments.first.flatMap { commandNames.contains($0) && $0 != "help" ? $0 : nil }
        // `--customer '- evil: yes'`: the value was given, but it looks like an option.
        if message.hasPrefix("missing value for '"), let option = message.split(separator: "'").dropFirst().first?
            .split(separator: " ").first,
            let index = arguments.firstIndex(of: String(option)), index + 1 < arguments.count,
            arguments[index + 1].hasPrefix("-")
        {
            message += "; a value that starts with `-` goes after `=`: \(option)='\(arguments[index + 1])'"
        }
        return message + " (see `freq help\(command.map { " " + $0 } ?? "")`)"
    }
}
