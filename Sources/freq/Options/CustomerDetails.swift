import ArgumentParser
import FreqKit

/// The details of a customer entry, shared by `new` and `plus-one`.
struct CustomerDetails: ParsableArguments {
    @Option(help: "The customer's segment (e.g. enterprise, smb).")
    var segment: String?

    @Option(help: "The customer's annual recurring revenue, whole currency units.")
    var arr: Int?

    @Option(help: "A link to the support ticket.")
    var ticket: String?

    /// Asks on a terminal for the details the flags left out, each answer checked against
    /// the schema and asked again when wrong; ARR as people write it (`120,000`, `120k`).
    mutating func ask(_ prompt: Prompt, checks: FieldChecks) throws {
        let names = checks.names
        if segment == nil {
            segment = try prompt.value(
                given: nil, flag: "--segment", label: "segment", required: false, allowed: checks.customerChoices(names.segment),
                check: { checks.checkCustomer(names.segment, .string($0)) })
        }
        if arr == nil, let text = try prompt.value(
            given: nil, flag: "--arr", label: "annual revenue (ARR, e.g. 120,000 or 120k)", required: false,
            check: { text in
                guard let amount = Answers.money(text) else { return "`\(text)` is not an amount; write it like 120000, 120,000 or 120k" }
                return checks.checkCustomer(names.arr, .integer(amount))
            })
        {
            arr = Answers.money(text)
        }
        if ticket == nil {
            ticket = try prompt.value(
                given: nil, flag: "--ticket", label: "ticket link", required: false,
                check: { checks.checkCustomer(names.ticket, .string($0)) })
        }
    }

    var isEmpty: Bool { segment == nil && arr == nil && ticket == nil }

    /// An entry of the customers list, members in the order people write them, under
    /// the configuration's field names.
    func entry(name: String, date: String, names: FieldNames) -> [(key: String, value: JSONValue)] {
        var entry: [(key: String, value: JSONValue)] = [(names.customer, .string(name))]
        if let segment { entry.append((names.segment, .string(segment))) }
        if let arr { entry.append((names.arr, .integer(arr))) }
        if let ticket { entry.append((names.ticket, .string(ticket))) }
        entry.append((names.date, .string(date)))
        return entry
    }
}
