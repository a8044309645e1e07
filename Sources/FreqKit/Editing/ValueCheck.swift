/// Values a command was given that the rules reject: nothing is written, and each value is
/// named by the flag (or prompt) it came from, with what the schema allows.
public struct InvalidValues: Error, Sendable {
    public struct Problem: Sendable, Hashable {
        /// `--severity`.
        public var flag: String
        public var message: String
        public var hint: String?
    }

    public var problems: [Problem]
}

/// Which flag writes which field, for the editing commands.
struct FieldFlags {
    let names: FieldNames
    let idField: String

    /// The flag that wrote `field`; nil for a field no flag writes.
    func flag(for field: InstancePath) -> String? {
        guard case .key(let top)? = field.first else { return nil }
        switch top {
        case names.title: return "--title"
        case names.area: return "--area"
        case names.severity: return "--severity"
        case names.submittedBy: return "--submitted-by"
        case names.created: return "--date"
        case idField: return "--id"
        case names.reason: return "--reason"
        case names.customers:
            guard field.count >= 3, case .key(let member) = field[2] else { return "--customer" }
            switch member {
            case names.customer: return "--customer"
            case names.segment: return "--segment"
            case names.arr: return "--arr"
            case names.ticket: return "--ticket"
            case names.date: return "--date"
            default: return nil
            }
        default: return nil
        }
    }
}

extension FieldFlags {
    /// A one-line field given a line break is refused: YAML would keep it, and every table
    /// and title showing it would break. `customerKeys` are members of a customer entry.
    func requireOneLine(_ values: [(key: String, value: JSONValue)], customerKeys: Set<String>) throws(InvalidValues) {
        var problems: [InvalidValues.Problem] = []
        for (key, value) in values {
            guard case .string(let text) = value, text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
                continue
            }
            let field: InstancePath = customerKeys.contains(key) && key != names.customers
                ? [.key(names.customers), .index(0), .key(key)] : [.key(key)]
            let flag = flag(for: field) ?? key
            problems.append(.init(flag: flag, message: "`\(key)` must be one line", hint: "leave out the line break"))
        }
        if !problems.isEmpty { throw InvalidValues(problems: problems) }
    }
}

extension RegistryValidator {
    /// The errors the request rules and the schema find in one file, before it is written.
    public func errors(inFile bytes: [UInt8], path: String) -> [Diagnostic] {
        let snapshot = RegistrySnapshot(files: [RequestFile(path: path, content: .bytes(bytes))], config: config)
        var sink = FindingSink()
        for file in snapshot.unreadable { sink.report(file.problem, path: file.path) }
        for request in snapshot.requests { sink.append(contentsOf: Self.check(request, context)) }
        return Rules.resolve(sink.findings, in: config).filter { $0.severity == .error }.sorted(by: Self.order)
    }

    /// Refuses values that `errors` finds wrong in fields a flag wrote; `inside` limits the
    /// refusal to one part of the front matter (the customer entry `plus-one` adds).
    func refuseInvalidValues(_ bytes: [UInt8], path: String, inside: InstancePath = []) throws(InvalidValues) {
        let flags = FieldFlags(names: config.fields, idField: config.idField)
        var problems: [InvalidValues.Problem] = []
        for error in errors(inFile: bytes, path: path) {
            guard let field = error.field, field.starts(with: inside), let flag = flags.flag(for: field) else { continue }
            let problem = InvalidValues.Problem(flag: flag, message: error.message, hint: error.hint)
            if !problems.contains(problem) { problems.append(problem) }
        }
        if !problems.isEmpty { throw InvalidValues(problems: problems) }
    }
}
