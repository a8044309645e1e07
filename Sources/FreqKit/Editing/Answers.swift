/// Reading answers the way people type them at a prompt.
public enum Answers {
    /// A whole amount as people write it: `120000`, `120,000`, `120 000`, `$120k`,
    /// `1.2m`, `120K EUR` aside from the currency; nil when it is not one.
    public static func money(_ text: String) -> Int? {
        var text = text.trimmingCharacters(in: .whitespaces).lowercased()
        for currency in ["$", "€", "£", "usd", "eur", "gbp", "chf"] {
            if text.hasPrefix(currency) { text = String(text.dropFirst(currency.count)) }
            if text.hasSuffix(currency) { text = String(text.dropLast(currency.count)) }
        }
        text = text.trimmingCharacters(in: .whitespaces)
        var factor = 1.0
        if let last = text.last, let scale = ["k": 1e3, "m": 1e6, "b": 1e9][String(last)] {
            factor = scale
            text.removeLast()
        }
        // Thousands separators: `,`, `'`, `_` and spaces; a `.` is a decimal point.
        text.removeAll { $0 == "," || $0 == "'" || $0 == "_" || $0 == " " || $0 == "\u{A0}" }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let number = Double(text), number.isFinite, (number * factor) < 9e18
        else { return nil }
        let amount = (number * factor).rounded()
        return amount == number * factor || factor > 1 ? Int(amount) : nil
    }
}

extension RegistryValidator {
    /// What the schema says is wrong with `value` as the field at `path` (a top-level field,
    /// or `[customers, 0, member]` in a customer entry), judged on its own; empty when it
    /// is fine. For asking again at a prompt, before anything is written.
    public func problems(ofField path: InstancePath, value: JSONValue) -> [String] {
        guard let schema = context.schema else { return [] }
        var document = value
        for component in path.reversed() {
            switch component {
            case .key(let key): document = .object([key: document])
            case .index: document = .array([document])
            }
        }
        return schema.validate(document)
            .filter { $0.keyword != "required" && $0.instancePath.starts(with: path) }
            .map { $0.message + ($0.hint.map { " (\($0))" } ?? "") }
    }
}
