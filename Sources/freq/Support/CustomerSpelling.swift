import FreqKit

/// One customer written two ways counts as two: before `new` or `plus-one` writes a
/// customer, a spelling of the same name already in the registry is named, and on a
/// terminal offered instead.
enum CustomerSpelling {
    /// `name`, or the registry's spelling of the same customer when the person at the
    /// terminal takes it.
    static func settle(_ name: String, session: EditSession, prompt: Prompt) throws -> String {
        let others = session.registry.otherSpellings(of: name)
        guard let first = others.first else { return name }
        let listed = others.map { "`\($0.name)` (\($0.ids.prefix(3).joined(separator: ", ")))" }.joined(separator: ", ")
        Console.warning("`\(name)` looks like \(listed), already in the registry: one customer written two ways counts twice")
        if prompt.interactive {
            return try prompt.confirm("use `\(first.name)` instead?", defaultYes: true) ? first.name : name
        }
        Console.err("  (write it the same way: --customer \"\(first.name)\")\n")
        return name
    }
}
