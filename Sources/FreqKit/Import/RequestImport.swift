/// `freq import FILE.csv`: requests from a helpdesk or spreadsheet export. Each row is one
/// customer asking for something: it becomes a new request, or one more customer on the
/// request that already has its ticket or its title. Planned in memory, every value checked
/// against the schema, before anything is written; importing the same file again adds
/// nothing (its tickets and titles are found, with their customers).
public enum RequestImport {
    /// What a column can hold.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case title, customer, segment, arr, ticket, date, area, severity, body

        /// Header names that mean this field when no flag names its column, compared
        /// without case, spaces or punctuation (`Ticket URL` is `ticketurl`).
        var headers: [String] {
            switch self {
            case .title: return ["title", "summary", "subject", "request", "featurerequest"]
            case .customer: return ["customer", "company", "account", "organization", "organisation", "customername"]
            case .segment: return ["segment", "tier"]
            case .arr: return ["arr", "annualrecurringrevenue", "revenue"]
            case .ticket: return ["ticket", "ticketurl", "ticketlink", "url", "link"]
            case .date: return ["date", "asked", "askedon", "requestedon", "created", "createdat"]
            case .area: return ["area", "productarea", "component"]
            case .severity: return ["severity"]
            case .body: return ["body", "description", "details", "problem"]
            }
        }
    }

    /// Which column (index into the header) holds each field.
    public struct Columns: Sendable, Hashable {
        public var index: [Field: Int]
        /// The header's name of each mapped column.
        public var name: [Field: String]
        /// Header names no field takes: not imported.
        public var ignored: [String]
    }

    /// Matches the header: a field named by a flag (`mapped`: field → header name, as
    /// written or without case, spaces and punctuation) takes that column, the others a
    /// column whose name means them. Title and customer are required.
    public static func columns(header: [String], mapped: [Field: String]) throws(ToolFailure) -> Columns {
        let keys = header.map(headerKey)
        var index: [Field: Int] = [:]
        let listing = header.map { "`\($0)`" }.joined(separator: ", ")
        for field in Field.allCases {
            if let name = mapped[field] {
                guard let found = header.firstIndex(of: name) ?? keys.firstIndex(of: headerKey(name)) else {
                    throw ToolFailure("--\(field.rawValue)-column `\(name)` names no column; the header has \(listing)")
                }
                index[field] = found
            }
        }
        for field in Field.allCases where index[field] == nil {
            if let found = keys.indices.first(where: { field.headers.contains(keys[$0]) && !index.values.contains($0) }) {
                index[field] = found
            }
        }
        for (field, column) in index {
            if let other = index.first(where: { $0.key != field && $0.value == column })?.key, field.rawValue < other.rawValue {
                throw ToolFailure("the column `\(header[column])` is both the \(field.rawValue) and the \(other.rawValue); map one of them elsewhere")
            }
        }
        for field in [Field.title, .customer] where index[field] == nil {
            throw ToolFailure("no \(field.rawValue) column: name it with --\(field.rawValue)-column (the header has \(listing))")
        }
        let used = Set(index.values)
        return Columns(
            index: index, name: index.mapValues { header[$0] },
            ignored: header.indices.filter { !used.contains($0) }.map { header[$0] })
    }

    static func headerKey(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// What became of one row.
    public struct Outcome: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case created, added, skipped }
        /// The row's line in the file.
        public var line: Int
        public var kind: Kind
        /// The request created, added to, or (skipped) that already has the customer.
        public var id: String?
        public var title: String
        public var customer: String
        /// Why: the ticket or title that matched, or why nothing was done.
        public var why: String
    }

    /// A value the schema refuses, or a cell that cannot be read, at a row of the file.
    public struct RowProblem: Sendable, Hashable {
        public var line: Int
        /// The header name of the column, when one column is to blame.
        public var column: String?
        public var message: String
    }

    /// The rows have problems: nothing may be written.
    public struct Refused: Error, Sendable {
        public var problems: [RowProblem]
    }

    /// The files to write and what each row came to.
    public struct Plan: Sendable {
        public var edits: [FileEdit]
        public var outcomes: [Outcome]
    }

    /// A row's title is close to an existing request's, not the same: may the customer go
    /// there? (The command asks on a terminal; `--yes` says yes.)
    public struct SimilarTitle: Sendable {
        public var line: Int
        public var title: String
        public var customer: String
        public var id: String
        public var existingTitle: String
        public var score: Double
    }

    /// Plans the import of `table`. `defaults`: a value for rows whose cell is empty (or
    /// that have no such column); `usedIDs`: ids taken here or on any branch; `today`:
    /// `YYYY-MM-DD` for rows without a date; `source` names the file in new requests'
    /// bodies. Throws `Refused` listing every row problem, or `ToolFailure`.
    public static func plan(
        _ table: CSVTable, columns: Columns, defaults: [Field: String] = [:], snapshot: RegistrySnapshot,
        validator: RegistryValidator, usedIDs: Set<String>, today: String, source: String, declares: (String) -> Bool,
        confirm: (SimilarTitle) throws -> Bool
    ) throws -> Plan {
        let config = validator.config
        var planner = Planner(config: config, snapshot: snapshot, used: usedIDs)
        var outcomes: [Outcome] = []
        var problems: [RowProblem] = []
        let threshold = max(veryCloseTitles, config.similarTitles)
        for row in table.rows {
            func cell(_ field: Field) -> String? {
                guard let index = columns.index[field], index < row.cells.count else { return defaults[field] }
                let text = row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? defaults[field] : text
            }
            let title = cell(.title) ?? ""
            let customer = cell(.customer) ?? ""
            func skip(_ why: String, id: String? = nil) {
                outcomes.append(Outcome(line: row.line, kind: .skipped, id: id, title: title, customer: customer, why: why))
            }
            guard !title.isEmpty else { skip("no title"); continue }
            guard !customer.isEmpty else { skip("no customer"); continue }
            var rowProblems: [RowProblem] = []
            var arr: Int?
            if let text = cell(.arr) {
                arr = Answers.money(text)
                if arr == nil {
                    rowProblems.append(RowProblem(
                        line: row.line, column: columns.name[.arr], message: "`\(text)` is not an amount; write it like 120000, 120,000 or 120k"))
                }
            }
            var severity: Int?
            if let text = cell(.severity) {
                severity = Int(text)
                if severity == nil {
                    rowProblems.append(RowProblem(
                        line: row.line, column: columns.name[.severity] ?? "--severity", message: "`\(text)` is not a whole number"))
                }
            }
            var day = today
            if let text = cell(.date) {
                if UTCTime.parseDay(String(text.prefix(10))) != nil, text.count == 10 || text.dropFirst(10).first == "T" {
                    day = String(text.prefix(10))
                } else {
                    rowProblems.append(RowProblem(
                        line: row.line, column: columns.name[.date], message: "`\(text)` is not a day written YYYY-MM-DD"))
                }
            }
            guard rowProblems.isEmpty else {
                problems += rowProblems
                continue
            }
            let names = config.fields
            var entry: [(key: String, value: JSONValue)] = [(names.customer, .string(customer))]
            if let segment = cell(.segment) { entry.append((names.segment, .string(segment))) }
            if let arr { entry.append((names.arr, .integer(arr))) }
            let ticket = cell(.ticket)
            if let ticket { entry.append((names.ticket, .string(ticket))) }
            entry.append((names.date, .string(day)))
            let ask = Ask(line: row.line, customer: customer, ticket: ticket, entry: entry)

            // The request this row asks for: its ticket, its title, or a very close title.
            var target: (index: Int, why: String)?
            if let ticket, let index = planner.byTicket[ticket] {
                target = (index, "ticket \(ticket) is on \(planner.targets[index].id)")
            } else if let index = planner.sameTitle(title) {
                target = (index, "same title as \(planner.targets[index].id)")
            } else if let (index, score) = planner.closestTitle(title, threshold: threshold) {
                let existing = planner.targets[index]
                let question = SimilarTitle(
                    line: row.line, title: title, customer: customer, id: existing.id, existingTitle: existing.title, score: score)
                if try confirm(question) { target = (index, "title close to \(existing.id)'s, \(existing.title)") }
            }
            if let (index, why) = target {
                let request = planner.targets[index]
                if request.customers.contains(CustomerList.normalized(customer)) {
                    skip("\(customer) already asked for \(request.id) (\(why))", id: request.id)
                } else {
                    planner.add(ask, to: index)
                    outcomes.append(Outcome(line: row.line, kind: .added, id: request.id, title: title, customer: customer, why: why))
                }
                continue
            }
            let id = try planner.newID()
            var body = cell(.body) ?? ""
            if !body.isEmpty { body += "\n\n" }
            body += "Imported from \(source), line \(row.line).\n"
            let request = NewRequest(
                title: title, area: cell(.area), severity: severity, customer: entry, submitter: nil, day: day, body: body)
            planner.create(id: id, request: request, ask: ask)
            outcomes.append(Outcome(line: row.line, kind: .created, id: id, title: title, customer: customer, why: "no request has its ticket or title"))
        }

        // Every file, every value checked before anything is written.
        let selector = try RequestSelector(config: config)
        var edits: [FileEdit] = []
        let flagColumns = Dictionary(uniqueKeysWithValues: columns.name.map { ("--" + $0.key.rawValue, $0.value) })
        func refused(_ error: InvalidValues, line: Int) {
            for problem in error.problems {
                let column = flagColumns[problem.flag]
                let message = problem.message + (problem.hint.map { " (\($0))" } ?? "")
                problems.append(RowProblem(line: line, column: column ?? problem.flag, message: message))
            }
        }
        for target in planner.targets where !target.asks.isEmpty || target.new != nil {
            var bytes: [UInt8]
            var listed: Int
            var asks = target.asks[...]
            if let new = target.new {
                guard let first = asks.popFirst() else { continue }
                do {
                    bytes = try new.file(id: target.id, validator: validator, selector: selector, declares: declares).edited
                } catch let error as InvalidValues {
                    refused(error, line: first.line)
                    continue
                }
                listed = 1
            } else {
                bytes = target.original ?? []
                listed = target.listed
            }
            var failed = false
            for ask in asks {
                do {
                    bytes = try FrontMatterEditor.editing(target.path) { () throws(FrontMatterEditError) in
                        try FrontMatterEditor.appendItem(bytes, toList: config.fields.customers, item: ask.entry, dayKeys: [config.fields.date])
                    }
                    try FieldFlags(names: config.fields, idField: config.idField)
                        .requireOneLine(ask.entry, customerKeys: Set(ask.entry.map(\.key)))
                    try validator.refuseInvalidValues(bytes, path: target.path, inside: [.key(config.fields.customers), .index(listed)])
                } catch let error as InvalidValues {
                    refused(error, line: ask.line)
                    failed = true
                } catch let error as EditRefusal {
                    problems.append(RowProblem(line: ask.line, column: nil, message: error.message))
                    failed = true
                }
                listed += 1
            }
            if failed { continue }
            if target.new != nil {
                // The whole file is the import's: any error in it is refused, not only the
                // values a column gave (a field the schema requires and no column fills).
                let customersField = config.fields.customers
                let flags = FieldFlags(names: config.fields, idField: config.idField)
                for error in validator.errors(inFile: bytes, path: target.path) {
                    var line = target.asks.first?.line ?? 0
                    if let field = error.field, field.count >= 2, field[0] == .key(customersField), case .index(let k) = field[1],
                        k < target.asks.count
                    {
                        line = target.asks[k].line
                    }
                    let column = error.field.flatMap(flags.flag(for:)).map { flagColumns[$0] ?? $0 }
                    problems.append(RowProblem(line: line, column: column, message: error.message + (error.hint.map { " (\($0))" } ?? "")))
                    failed = true
                }
                if failed { continue }
            }
            let count = target.asks.count
            let summary = target.new != nil
                ? "\(target.path): new, \(count) customer\(count == 1 ? "" : "s")"
                : "\(target.path): added \(target.asks.map(\.customer).joined(separator: ", "))"
            edits.append(FileEdit(path: target.path, original: target.original, edited: bytes, summary: summary, requestID: target.id))
        }
        guard problems.isEmpty else {
            throw Refused(problems: problems.sorted { $0.line != $1.line ? $0.line < $1.line : ($0.column ?? "") < ($1.column ?? "") })
        }
        return Plan(edits: edits, outcomes: outcomes)
    }

    /// Titles at least this close count as the same request, once confirmed.
    static let veryCloseTitles = 0.8

    /// One row's customer entry.
    struct Ask {
        var line: Int
        var customer: String
        var ticket: String?
        var entry: [(key: String, value: JSONValue)]
    }

    /// A request rows can go to: one of the registry's, or one this import creates.
    struct Target {
        var id: String
        var title: String
        var path: String
        /// The file's bytes as read; nil for a new request.
        var original: [UInt8]?
        /// Customers listed already (normalized names) and entries in its list.
        var customers: Set<String>
        var listed: Int
        var new: NewRequest?
        var asks: [Ask] = []
    }

    /// The registry's requests and the ones planned so far, indexed by ticket and title.
    struct Planner {
        let config: RegistryConfig
        var targets: [Target] = []
        var byTicket: [String: Int] = [:]
        var used: Set<String>
        private var byPath: [String: Int] = [:]

        init(config: RegistryConfig, snapshot: RegistrySnapshot, used: Set<String>) {
            self.config = config
            self.used = used.union(snapshot.ids)
            let names = config.fields
            let customerList = CustomerList(names)
            for request in snapshot.requests {
                guard let id = request.id else { continue }
                // A duplicate's rows go to the request it repeats, where the demand counts.
                let canonical = (try? CustomerAddition.canonical(of: request, in: snapshot, config: config)) ?? request
                let entries = canonical.document.value[names.customers]?.arrayValue ?? []
                let index: Int
                if let known = byPath[canonical.path] {
                    index = known
                } else {
                    targets.append(Target(
                        id: canonical.id ?? id, title: canonical.text(names.title) ?? "", path: canonical.path,
                        original: canonical.bytes,
                        customers: Set(customerList.names(in: canonical.document.value[names.customers]).map(CustomerList.normalized)),
                        listed: entries.count))
                    index = targets.count - 1
                    byPath[canonical.path] = index
                }
                for entry in request.document.value[names.customers]?.arrayValue ?? [] {
                    if let ticket = entry[names.ticket]?.stringValue, !ticket.isEmpty, byTicket[ticket] == nil {
                        byTicket[ticket] = index
                    }
                }
                // The duplicate's own title is matched too, and leads to the same place.
                if canonical.path != request.path, let title = request.text(names.title) {
                    remember(title, index)
                }
            }
            for (index, target) in targets.enumerated() { remember(target.title, index) }
        }

        /// Every title a row can match, with its target (a duplicate's leads to its original).
        private var titles: [(title: String, index: Int)] = []
        /// The same, by normalized title (the first target wins).
        private var byTitle: [String: Int] = [:]

        private mutating func remember(_ title: String, _ index: Int) {
            titles.append((title, index))
            let key = TextSimilarity.normalized(title)
            if byTitle[key] == nil { byTitle[key] = index }
        }

        func sameTitle(_ title: String) -> Int? {
            byTitle[TextSimilarity.normalized(title)]
        }

        func closestTitle(_ title: String, threshold: Double) -> (index: Int, score: Double)? {
            let candidates = titles.map { (id: String($0.index), title: $0.title) }
            guard let best = TextSimilarity.similar(to: title, among: candidates, threshold: threshold).first,
                let index = Int(best.candidate.id)
            else { return nil }
            return (index, best.score)
        }

        mutating func newID() throws(ToolFailure) -> String {
            let id = try NewRequest.chooseID(requested: nil, used: used, config: config)
            used.insert(id)
            return id
        }

        mutating func add(_ ask: Ask, to index: Int) {
            targets[index].asks.append(ask)
            targets[index].customers.insert(CustomerList.normalized(ask.customer))
            if let ticket = ask.ticket, byTicket[ticket] == nil { byTicket[ticket] = index }
        }

        mutating func create(id: String, request: NewRequest, ask: Ask) {
            let path = (try? RequestSelector(config: config)).flatMap { try? NewRequest.path(id: id, title: request.title, config: config, selector: $0) } ?? id
            targets.append(Target(id: id, title: request.title, path: path, original: nil, customers: [], listed: 0, new: request))
            remember(request.title, targets.count - 1)
            add(ask, to: targets.count - 1)
        }
    }
}
