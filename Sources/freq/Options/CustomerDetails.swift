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

    var isEmpty: Bool { segment == nil && arr == nil && ticket == nil }

    /// A `requested_by` entry, members in the order people write them.
    func entry(name: String, date: String) -> [(key: String, value: JSONValue)] {
        var entry: [(key: String, value: JSONValue)] = [(CustomerList.nameKey, .string(name))]
        if let segment { entry.append(("segment", .string(segment))) }
        if let arr { entry.append(("arr", .integer(arr))) }
        if let ticket { entry.append(("ticket", .string(ticket))) }
        entry.append(("date", .string(date)))
        return entry
    }
}
