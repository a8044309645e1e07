/// A CSV file as RFC 4180 reads it: a header row, then records of fields separated by
/// commas; a field in double quotes may hold commas, line breaks and doubled quotes. Lines
/// end with CRLF, LF or CR; a UTF-8 byte-order mark is skipped; blank lines are skipped.
/// Spreadsheets and helpdesks export this.
public struct CSVTable: Sendable, Hashable {
    /// One record and the line of the file it starts on (1-based; the header is line 1 or
    /// later, after blank lines).
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var cells: [String]
    }

    /// A place in the file that is not CSV, or a record that does not fit the header.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var header: [String]
    public var rows: [Row]

    /// Reads `bytes`; every problem is collected (a record that does not parse or does not
    /// have as many fields as the header), never only the first. Nil table: no header.
    public static func parse(_ bytes: [UInt8]) -> (table: CSVTable?, problems: [Problem]) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (nil, [Problem(line: 1, message: "the file is UTF-16; save it as UTF-8 CSV")])
        }
        var problems: [Problem] = []
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var records: [Row] = []
        var reader = Reader(bytes: bytes, at: start)
        while let record = reader.record(problems: &problems) {
            // A blank line is one empty field: nothing to import.
            if record.cells.count == 1 && record.cells[0].isEmpty { continue }
            records.append(record)
        }
        guard let header = records.first else {
            return (nil, problems + [Problem(line: 1, message: "the file has no header row")])
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.cells.count == names.count else {
                problems.append(Problem(
                    line: record.line,
                    message: "\(record.cells.count) field\(record.cells.count == 1 ? "" : "s") where the header has \(names.count)"))
                continue
            }
            rows.append(record)
        }
        return (CSVTable(header: names, rows: rows), problems.sorted { $0.line < $1.line })
    }

    /// Walks the bytes one record at a time.
    private struct Reader {
        let bytes: [UInt8]
        var at: Int
        var line = 1

        static let quote = UInt8(ascii: "\"")
        static let comma = UInt8(ascii: ",")
        static let cr = UInt8(ascii: "\r")
        static let lf = UInt8(ascii: "\n")

        /// The next record, nil at the end. A record with a problem is reported and skipped.
        mutating func record(problems: inout [Problem]) -> Row? {
            while at < bytes.count {
                if let row = readOne(problems: &problems) { return row }
            }
            return nil
        }

        /// One record; nil when it has a problem (reported).
        private mutating func readOne(problems: inout [Problem]) -> Row? {
            let first = line
            var cells: [String] = []
            var problem: String?
            while true {
                var field: [UInt8] = []
                if at < bytes.count, bytes[at] == Self.quote {
                    let opened = line
                    at += 1
                    var closed = false
                    while at < bytes.count {
                        let byte = bytes[at]
                        if byte == Self.quote {
                            if at + 1 < bytes.count, bytes[at + 1] == Self.quote {
                                field.append(Self.quote)
                                at += 2
                                continue
                            }
                            at += 1
                            closed = true
                            break
                        }
                        countLine(byte)
                        field.append(byte)
                        at += 1
                    }
                    if !closed {
                        problems.append(Problem(line: opened, message: "a quoted field starts here and is never closed"))
                        at = bytes.count
                        return nil
                    }
                    // After the closing quote: a comma, the line's end or the file's.
                    if at < bytes.count, bytes[at] != Self.comma, bytes[at] != Self.cr, bytes[at] != Self.lf {
                        problem = problem ?? "text after a closing quote (a quote inside a quoted field is written twice: \"\")"
                        while at < bytes.count, bytes[at] != Self.comma, bytes[at] != Self.cr, bytes[at] != Self.lf { at += 1 }
                    }
                } else {
                    while at < bytes.count, bytes[at] != Self.comma, bytes[at] != Self.cr, bytes[at] != Self.lf {
                        field.append(bytes[at])
                        at += 1
                    }
                }
                if let text = String(validating: field, as: UTF8.self) {
                    cells.append(text)
                } else {
                    problem = problem ?? "field \(cells.count + 1) is not UTF-8 text; save the file as UTF-8 CSV"
                    cells.append("")
                }
                if at < bytes.count, bytes[at] == Self.comma {
                    at += 1
                    continue
                }
                break
            }
            // The record's end: CRLF, LF, CR or the end of the file.
            if at < bytes.count {
                if bytes[at] == Self.cr, at + 1 < bytes.count, bytes[at + 1] == Self.lf { at += 1 }
                at += 1
                line += 1
            }
            if let problem {
                problems.append(Problem(line: first, message: problem))
                return nil
            }
            return Row(line: first, cells: cells)
        }

        /// Counts a line break inside a quoted field (CRLF once).
        private mutating func countLine(_ byte: UInt8) {
            if byte == Self.lf {
                if at == 0 || bytes[at - 1] != Self.cr { line += 1 }
            } else if byte == Self.cr {
                line += 1
            }
        }
    }
}
