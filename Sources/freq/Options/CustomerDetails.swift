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

    /// Asks on a terminal for the details the flags left out.
    mutating func ask(_ prompt: inout Prompt) throws {
        if segment == nil { segment = try prompt.value(given: nil, flag: "--segment", label: "segment", required: false) }
        if arr == nil, let text = try prompt.value(given: nil, flag: "--arr", label: "annual revenue (ARR)", required: false) {
            guard let number = Int(text) else { throw ToolFailure("ARR must be a whole number, not `\(text)`") }
            arr = number
        }
        if ticket == nil { ticket = try prompt.value(given: nil, flag: "--ticket", label: "ticket link", required: false) }
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
