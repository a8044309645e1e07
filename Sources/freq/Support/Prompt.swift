import Foundation
import FreqKit

/// Asking on a terminal for what the flags left out; without a terminal, a missing
/// required value is a usage error naming its flag. A wrong answer is said and asked
/// again, the earlier answers kept.
struct Prompt {
    let interactive: Bool

    /// `given`, or the answer to a question (nil for an empty answer to an optional one).
    /// `allowed` values are shown and enforced; `check` returns what is wrong with an
    /// answer (nil when it is fine).
    func value(
        given: String?, flag: String, label: String, required: Bool, allowed: [String]? = nil,
        check: (String) -> String? = { _ in nil }
    ) throws -> String? {
        if let given, !given.isEmpty { return given }
        guard interactive else {
            guard required else { return nil }
            let choices = allowed.map { " (one of: \($0.joined(separator: ", ")))" } ?? ""
            throw ToolFailure("missing \(flag)\(choices); freq asks for it only on a terminal")
        }
        while true {
            var question = label
            if let allowed, !allowed.isEmpty { question += " [\(allowed.joined(separator: ", "))]" }
            if !required { question += " (optional)" }
            Console.err(question + ": ")
            guard let line = readLine() else { throw ToolFailure("no answer for \(flag)") }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if required { continue }
                return nil
            }
            if let allowed, !allowed.isEmpty, !allowed.contains(answer) {
                let hint = Suggestion.nearest(to: answer, among: allowed).map { " (did you mean `\($0)`?)" } ?? ""
                Console.err("  `\(answer)` is not one of the allowed values\(hint); again\n")
                continue
            }
            if let problem = check(answer) {
                Console.err("  \(problem); again\n")
                continue
            }
            return answer
        }
    }

    /// Several lines, up to an empty one (nil when the first is empty): a description in
    /// the customer's words.
    func lines(_ label: String) throws -> String? {
        guard interactive else { return nil }
        Console.err(label + " (end with an empty line; leave empty to fill in later):\n")
        var lines: [String] = []
        while let line = readLine() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            lines.append(line)
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A yes/no question; `y` or `yes` agree, `n` or `no` refuse, an empty answer takes
    /// the default.
    func confirm(_ question: String, defaultYes: Bool = false) throws -> Bool {
        Console.err(question + (defaultYes ? " [Y/n] " : " [y/N] "))
        guard let line = readLine() else { return defaultYes }
        let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
        return answer.isEmpty ? defaultYes : ["y", "yes"].contains(answer)
    }
}

/// The prompts' checks: what the schema and the registry say about one answer.
struct FieldChecks {
    let validator: RegistryValidator
    var names: FieldNames { validator.config.fields }

    /// What is wrong with `text` as the top-level field `field`.
    func check(_ field: String, _ value: JSONValue) -> String? {
        validator.problems(ofField: [.key(field)], value: value).first
    }

    /// What is wrong with `value` as member `member` of a customer entry.
    func checkCustomer(_ member: String, _ value: JSONValue) -> String? {
        validator.problems(ofField: [.key(names.customers), .index(0), .key(member)], value: value).first
    }

    /// The values the schema lists for a customer entry's member.
    func customerChoices(_ member: String) -> [String]? {
        validator.context.schema?.enumValues(forPath: [names.customers, member])?.compactMap(\.stringValue)
    }
}
