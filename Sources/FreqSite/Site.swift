import FreqKit

/// What `freq site` builds a site from: the registry at one revision and its history.
public struct SiteInput: Sendable {
    public var config: RegistryConfig
    /// The readable requests at the revision.
    public var records: [RequestRecord]
    /// Every timeline up to the revision, with credits and front matter (`fields`).
    public var history: History

    /// `history.rev` is the revision; its committer time is the site's "now": ages and
    /// the month in progress count from it, so one revision always gives the same site.
    public init(config: RegistryConfig, records: [RequestRecord], history: History) {
        self.config = config
        self.records = records
        self.history = history
    }
}

/// One file of the site: its path inside the output folder (`/`-separated) and content.
public struct SiteFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The static website of a registry: a board, a page per request and per customer, a
/// dashboard of the statistics and a changelog (docs/site.md).
public enum Site {
    /// Every file of the site, sorted by path. Pure: the same input gives the same bytes.
    public static func build(_ input: SiteInput) -> [SiteFile] {
        let context = SiteContext(input)
        // The kinds of page side by side; the many pages of one kind (per request, per
        // customer, per filter value) each on every core too.
        let parts = ParallelWork.map(Part.allCases) { part -> [SiteFile] in
            switch part {
            case .board: return [file(BoardPage.board(context), context)]
            case .dashboard: return [file(DashboardPage.page(context), context)]
            case .changelog: return [file(ChangelogPage.page(context), context)]
            case .filters: return BoardPage.facets(context)
            case .customers: return CustomerPages.files(context)
            case .requests: return RequestPage.pages(context)
            }
        }
        let files = parts.flatMap { $0 } + SiteAssets.files
        return files.sorted { $0.path.precedesInByteOrder($1.path) }
    }

    private enum Part: CaseIterable, Sendable { case requests, customers, filters, board, changelog, dashboard }

    private static func file(_ page: Page, _ context: SiteContext) -> SiteFile {
        SiteFile(path: page.path, bytes: Array(page.document(context).utf8))
    }
}

/// A request as the site shows it.
struct SiteRequest: Sendable {
    /// Its place in `SiteContext.requests`.
    let index: Int
    let record: RequestRecord
    let timeline: RequestTimeline?
    /// Its page, from the site root.
    let page: String
    /// Days since it was created (or received, without a `created` day).
    let ageDays: Int?
    /// The canonical request's id, for a duplicate.
    let duplicateOf: String?
}

/// Everything the pages share, derived once from the input.
final class SiteContext: Sendable {
    let config: RegistryConfig
    let title: String
    let revision: String
    let revisionTime: Int64
    /// `2026-12-01 10:00 UTC`.
    let revisionDate: String
    let requests: [SiteRequest]
    let timelines: [String: RequestTimeline]
    let pageByID: [String: String]
    /// Each request's page by its file's path.
    let pageByPath: [String: String]
    /// Each duplicate's id, by the id it duplicates, in id order.
    let duplicatesByID: [String: [String]]
    let customers: [CustomerReport.Customer]
    /// Each customer's page, by every spelling the registry has of their name.
    let customerPagesBySpelling: [String: String]
    /// The name a customer's page carries, by each of its spellings.
    let customerNameBySpelling: [String: String]
    /// The board's filters with a page per value: category, area, segment.
    let facets: [Facet]
    /// Each request's card (by `SiteRequest.index`) for a page at the root and for a page
    /// one folder down: the board and every filter page show the same cards.
    let cards: (atRoot: [String], oneDown: [String])
    let stats: StatsReport
    /// Each request's segments (distinct, in order), by id.
    let segmentsByID: [String: [String]]

    init(_ input: SiteInput) {
        config = input.config
        title = input.config.site.title
        revision = input.history.rev
        revisionTime = input.history.revTime
        let iso = UTCTime.iso8601(input.history.revTime)
        revisionDate = String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"

        var timelines: [String: RequestTimeline] = [:]
        for timeline in input.history.requests { timelines[timeline.id] = timeline }
        self.timelines = timelines

        var names = FileNames()
        var pageByID: [String: String] = [:]
        var pageByPath: [String: String] = [:]
        var requests: [SiteRequest] = []
        var duplicates: [String: [String]] = [:]
        var segments: [String: [String]] = [:]
        let fields = input.config.fields
        for record in input.records {
            let page = "requests/" + names.claim(FileNames.safe(record.id)) + ".html"
            if pageByID[record.id] == nil { pageByID[record.id] = page }
            pageByPath[record.path] = page
            let timeline = timelines[record.id]
            let age = record.ageDays(asOf: input.history.revTime)
                ?? timeline.map { Int(UTCTime.floorDiv(input.history.revTime - $0.received.time, 86_400)) }
            let duplicateOf = input.config.duplicateOfField.flatMap { record.scalarTexts[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            if let duplicateOf { duplicates[duplicateOf, default: []].append(record.id) }
            var seen = Set<String>()
            var values: [String] = []
            for entry in record.fields[fields.customers]?.arrayValue ?? [] {
                if case .string(let segment)? = entry[fields.segment], !segment.isEmpty, seen.insert(segment).inserted {
                    values.append(segment)
                }
            }
            segments[record.id] = values
            requests.append(SiteRequest(index: requests.count, record: record, timeline: timeline, page: page, ageDays: age, duplicateOf: duplicateOf))
        }
        self.requests = requests
        self.pageByID = pageByID
        self.pageByPath = pageByPath
        duplicatesByID = duplicates
        segmentsByID = segments

        customers = CustomerReport.customers(input.records, timelines: timelines, config: input.config, asOf: input.history.revTime)
        var customerNames = FileNames()
        var bySpelling: [String: String] = [:]
        var nameBySpelling: [String: String] = [:]
        for customer in customers {
            let key = CustomerList.normalized(customer.name)
            let page = "customers/" + customerNames.claim(FileNames.slug(key)) + ".html"
            // Every spelling the registry has of this customer: no name normalized twice.
            for spelling in [customer.name] + customer.otherSpellings {
                bySpelling[spelling] = page
                nameBySpelling[spelling] = customer.name
            }
        }
        customerPagesBySpelling = bySpelling
        customerNameBySpelling = nameBySpelling
        facets = Facet.all(requests: requests, segments: segments)
        let segmentsByID = segments
        let spellings = nameBySpelling
        let rendered = ParallelWork.map(requests) { request in
            let marks = segmentsByID[request.record.id] ?? []
            return (
                BoardPage.render(request, segments: marks, names: spellings, root: ""),
                BoardPage.render(request, segments: marks, names: spellings, root: "../")
            )
        }
        cards = (rendered.map(\.0), rendered.map(\.1))

        let query = StatsQuery(
            since: nil, until: nil, groupBy: [fields.area, fields.customers + "." + fields.segment], staleDays: 30,
            asOf: input.history.revTime)
        stats = (try? Statistics.compute(input.history, config: input.config, query: query))
            ?? StatsReport(
                rev: input.history.rev, shallow: input.history.shallow, since: nil, until: nil, overall: .zero, byMonth: [], by: [],
                waiting: WaitingSummary(status: input.config.initialStatus, count: 0, oldestID: nil, oldestDays: nil, staleDays: 30, stale: 0, asOf: input.history.revTime))
    }

    /// The page of the customer `name` (as written in the registry), when they have one.
    func customerPage(_ name: String) -> String? { customerPagesBySpelling[name] }
}

/// File names in one folder of the site: unique even on a case-insensitive file system.
struct FileNames {
    private var taken = Set<String>()

    /// `name`, or `name-2`, `name-3`… when a name equal but for case is taken.
    mutating func claim(_ name: String) -> String {
        var candidate = name
        var number = 2
        while !taken.insert(candidate.lowercased()).inserted {
            candidate = "\(name)-\(number)"
            number += 1
        }
        return candidate
    }

    /// An id as a file name: letters, digits, `-`, `_` and `.` kept, any other byte as
    /// `_XX`; never empty, never starting with a dot.
    static func safe(_ text: String) -> String {
        var name = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                name.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                name += "_" + hex(byte)
            }
        }
        if name.isEmpty || name.hasPrefix(".") { name = "_" + name }
        return String(name.prefix(120))
    }

    /// A customer's normalized name as a file name: `acme-corp`; other letters as `uXXXX`.
    static func slug(_ text: String) -> String {
        var name = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": name.unicodeScalars.append(scalar)
            case " ", "-": if !name.hasSuffix("-") && !name.isEmpty { name += "-" }
            default: name += "u" + String(scalar.value, radix: 16)
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? "customer" : String(name.prefix(120))
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}

/// A filter of the board with a page per value.
struct Facet: Sendable {
    struct Value: Sendable {
        let value: String
        /// The value's page, from the site root.
        let path: String
        /// The requests holding it, as indexes into `SiteContext.requests`.
        let members: [Int]
    }

    let label: String
    let values: [Value]

    static func all(requests: [SiteRequest], segments: [String: [String]]) -> [Facet] {
        [
            facet("Category", prefix: "category", requests) { [$0.record.category.rawValue] },
            facet("Area", prefix: "area", requests) { $0.record.area.map { $0.isEmpty ? [] : [$0] } ?? [] },
            facet("Segment", prefix: "segment", requests) { segments[$0.record.id] ?? [] },
        ]
    }

    private static func facet(_ label: String, prefix: String, _ requests: [SiteRequest], _ valuesOf: (SiteRequest) -> [String]) -> Facet {
        var members: [String: [Int]] = [:]
        for (index, request) in requests.enumerated() {
            var seen = Set<String>()
            for value in valuesOf(request) where seen.insert(value).inserted { members[value, default: []].append(index) }
        }
        var names = FileNames()
        let values = members.keys.sorted { $0.precedesInByteOrder($1) }.map { value in
            Value(value: value, path: "board/\(prefix)-" + names.claim(FileNames.slug(CustomerList.normalized(value))) + ".html", members: members[value] ?? [])
        }
        return Facet(label: label, values: values)
    }
}
