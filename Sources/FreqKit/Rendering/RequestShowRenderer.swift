/// Renders `freq show ID`: the fields, the customers, the body and the latest events.
public enum RequestShowRenderer {
    /// How many of the timeline's latest entries `freq show` prints (`freq log` has all).
    public static let eventLimit = 5

    /// For people. `timeline` is nil when the request is not in the history yet (a file
    /// not committed); each of its entries names the credited commit, its author and subject.
    public static func text(_ record: RequestRecord, names: FieldNames, timeline: RequestTimeline?) -> String {
        var output = "\(record.id)  \(record.status) (\(record.category.rawValue))  \(record.path)\n\n"

        // Fields in the file's order; the customers list has its own section below.
        var rows: [[String]] = []
        for key in record.keyOrder {
            guard let value = record.fields[key] else { continue }
            let text: String
            if key == names.customers, value.arrayValue != nil {
                text = record.customers.count == 1 ? "1 customer (below)" : "\(record.customers.count) customers (below)"
            } else {
                text = record.scalarTexts[key] ?? inline(value)
            }
            rows.append([key + ":", RequestListRenderer.singleLine(text)])
        }
        output += TextTable.render(rows)

        if !record.customers.isEmpty {
            output += "\ncustomers: \(record.customers.count), total ARR \(RequestListRenderer.grouped(record.totalARR))\n"
            var table: [[String]] = []
            for customer in record.customers {
                let details = customer.details.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                table.append([
                    "  " + RequestListRenderer.singleLine(customer.name.isEmpty ? "(unnamed)" : customer.name),
                    customer.arr.map(RequestListRenderer.grouped) ?? "-", RequestListRenderer.singleLine(details),
                ])
            }
            output += trimmingLineEnds(TextTable.render(table, rightAligned: [1]))
        }

        let body = trimmedBody(record.body)
        if !body.isEmpty { output += "\n" + body + "\n" }

        output += "\n"
        guard let timeline else {
            return output + "history: not in the history yet (commit the file to start its timeline)\n"
        }
        let entries = HistoryRenderer.entries(timeline)
        let shown = entries.suffix(eventLimit)
        let more = entries.count - shown.count
        output += more > 0
            ? "history (last \(shown.count) of \(entries.count) entries; `freq log \(timeline.id)` has all)\n"
            : "history\n"
        var table = HistoryRenderer.rows(Array(shown))
        for index in table.indices where !table[index][0].isEmpty { table[index][0] = "  " + table[index][0] }
        output += trimmingLineEnds(TextTable.render(table))
        return output
    }

    /// The object of `freq list --format json`, plus `body` and `history` (the request's
    /// object of `freq history --format json`, or null when it is not in the history yet).
    public static func json(_ record: RequestRecord, asOf: Int64, timeline: RequestTimeline?) -> String {
        var writer = JSONWriter()
        RequestListRenderer.write(record, asOf: asOf, to: &writer) { writer in
            writer.field("body", record.body)
            writer.key("history")
            if let timeline {
                HistoryRenderer.write(timeline, to: &writer)
            } else {
                writer.null()
            }
        }
        return writer.text + "\n"
    }

    /// A list of scalars as `a, b`; anything else as compact JSON.
    static func inline(_ value: JSONValue) -> String {
        if let items = value.arrayValue {
            let texts = items.compactMap(RequestRecord.scalarText)
            if texts.count == items.count { return texts.joined(separator: ", ") }
        }
        var writer = JSONWriter(indent: "")
        writer.value(value)
        return writer.text
    }

    /// The body without the blank lines around it.
    static func trimmedBody(_ body: String) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Drops the spaces that padding leaves at the end of lines with empty last cells.
    static func trimmingLineEnds(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = Substring(line)
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }.joined(separator: "\n")
    }
}
