/// Renders `freq list`: an aligned table for people, JSON for programs, CSV for spreadsheets.
public enum RequestListRenderer {
    /// The output formats of `freq list`.
    public enum Format: String, Sendable, CaseIterable {
        case table, json, csv
    }

    /// Titles longer than this are cut in the table (the full title is in json and csv).
    public static let titleWidth = 48

    /// What the table and the CSV show of a request: its record's summary, without the
    /// front matter (a warm `list` reads it from the cached record without decoding it:
    /// `RecordProbe.row`).
    public struct Row: Sendable, Hashable {
        public var id: String
        public var path: String
        public var status: String
        public var category: StatusCategory
        public var title: String?
        public var area: String?
        public var created: String?
        public var customers: Int
        public var totalARR: Int

        /// `RequestRecord.ageDays`.
        public func ageDays(asOf: Int64) -> Int? { RequestRecord.ageDays(created: created, asOf: asOf) }

        /// By id, then path, in byte order (`RequestRecord.idOrder`).
        public static func idOrder(_ a: Row, _ b: Row) -> Bool {
            a.id != b.id ? a.id.precedesInByteOrder(b.id) : a.path.precedesInByteOrder(b.path)
        }
    }

    /// Renders `records` (already filtered and sorted); `total` is the registry's size.
    /// `width` is the terminal's, when there is one: the table's titles are cut to fit it.
    public static func render(_ records: [RequestRecord], format: Format, asOf: Int64, total: Int, width: Int? = nil) -> String {
        switch format {
        case .table: return table(records.map(Row.init), asOf: asOf, total: total, width: width)
        case .json: return json(records, asOf: asOf)
        case .csv: return csv(records.map(Row.init), asOf: asOf)
        }
    }

    /// Columns ID, STATUS, TITLE, AREA, CUSTOMERS, ARR, AGE (days since `created`), then a
    /// count line. Missing values are `-`.
    public static func table(_ records: [RequestRecord], asOf: Int64, total: Int, width: Int? = nil) -> String {
        table(records.map(Row.init), asOf: asOf, total: total, width: width)
    }

    public static func table(_ records: [Row], asOf: Int64, total: Int, width: Int? = nil) -> String {
        var rows: [[String]] = [["ID", "STATUS", "TITLE", "AREA", "CUSTOMERS", "ARR", "AGE"]]
        for record in records {
            rows.append([
                singleLine(record.id), singleLine(record.status), singleLine(record.title ?? "-"),
                singleLine(record.area ?? "-"), String(record.customers), grouped(record.totalARR),
                record.ageDays(asOf: asOf).map { "\($0)d" } ?? "-",
            ])
        }
        // The title takes what the other columns leave of the terminal (at least 12
        // columns), or `titleWidth` without a terminal.
        var limit = titleWidth
        if let width {
            let others = (0..<rows[0].count).filter { $0 != 2 }.map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
            limit = max(12, width - others.reduce(0, +) - 2 * (rows[0].count - 1))
        }
        for index in rows.indices.dropFirst() { rows[index][2] = DisplayWidth.truncated(rows[index][2], to: limit) }
        let noun = total == 1 ? "request" : "requests"
        let summary = records.count == total ? "\(total) \(noun)" : "\(records.count) of \(total) \(noun)"
        guard !records.isEmpty else { return "no request matches (\(total) \(noun) in the registry)\n" }
        return TextTable.render(rows, rightAligned: [4, 5, 6]) + summary + "\n"
    }

    /// An array of objects: id, path, status, category, title, area, created, age_days,
    /// customers, arr, then `fields`, the whole front matter (keys sorted).
    public static func json(_ records: [RequestRecord], asOf: Int64) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for record in records { write(record, asOf: asOf, to: &writer) }
        writer.endArray()
        return writer.text + "\n"
    }

    /// One request's object, as in `json` (shared with `freq show --format json`).
    static func write(_ record: RequestRecord, asOf: Int64, to writer: inout JSONWriter, extra: ((inout JSONWriter) -> Void)? = nil) {
        writer.beginObject()
        writer.field("id", record.id)
        writer.field("path", record.path)
        writer.field("status", record.status)
        writer.field("category", record.category.rawValue)
        writer.field("title", record.title)
        writer.field("area", record.area)
        writer.field("created", record.created)
        writer.field("age_days", record.ageDays(asOf: asOf))
        writer.field("customers", record.customers.count)
        writer.field("arr", record.totalARR)
        writer.key("fields")
        writer.value(record.fields)
        extra?(&writer)
        writer.endObject()
    }

    /// RFC 4180: a header, then one row per request; `\n` line ends, quoting only where
    /// needed, and text a spreadsheet would run as a formula gets a leading `'`.
    public static func csv(_ records: [RequestRecord], asOf: Int64) -> String {
        csv(records.map(Row.init), asOf: asOf)
    }

    public static func csv(_ records: [Row], asOf: Int64) -> String {
        var lines = ["id,path,status,category,title,area,created,age_days,customers,arr"]
        for record in records {
            let cells = [
                record.id, record.path, record.status, record.category.rawValue, record.title ?? "", record.area ?? "",
                record.created ?? "",
            ].map(StatsRenderer.csvField)
                // Numbers are written as they are: the formula guard would turn `-3` into text.
                + [record.ageDays(asOf: asOf).map(String.init) ?? "", String(record.customers), String(record.totalARR)]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1234567` as `1,234,567`: fixed grouping, no locale, so output is byte-stable.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    /// At most `width` terminal columns, the last one `…` when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        DisplayWidth.truncated(text, to: width)
    }

    /// Newlines and tabs as spaces, so a value cannot break a table row.
    static func singleLine(_ text: String) -> String {
        // Printable ASCII (most cells) has nothing to replace.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}

// In an extension, so that `Row` keeps its memberwise initialiser (`EncodedRecord.row`).
extension RequestListRenderer.Row {
    public init(_ record: RequestRecord) {
        self.init(
            id: record.id, path: record.path, status: record.status, category: record.category, title: record.title,
            area: record.area, created: record.created, customers: record.customers.count, totalARR: record.totalARR)
    }
}
