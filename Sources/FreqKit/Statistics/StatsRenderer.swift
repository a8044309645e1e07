/// The outputs of `freq stats --format`.
public enum StatsFormat: String, Sendable, Hashable, CaseIterable {
    case text
    case json
    case csv
    case markdown
}

/// Turns a `StatsReport` into text. Every output is complete and ends with a newline;
/// nothing here prints.
public enum StatsRenderer {
    /// The report in one of the `--format` outputs.
    public static func render(_ report: StatsReport, format: StatsFormat) -> String {
        switch format {
        case .text: return text(report)
        case .json: return json(report)
        case .csv: return csv(report)
        case .markdown: return markdown(report)
        }
    }

    // MARK: JSON

    /// The `freq stats --format json` contract (docs/contracts.md), keys in its order, then
    /// `waiting` and `shallow`. Rates and days at full precision (the shortest text that
    /// reads back as the same double).
    public static func json(_ report: StatsReport) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("rev", report.rev)
        writer.key("window")
        writer.beginObject()
        writer.field("since", report.since)
        writer.field("until", report.until)
        writer.endObject()
        writer.key("overall")
        writer.beginObject()
        writeCounts(report.overall, to: &writer)
        writer.endObject()
        writer.key("by_month")
        writer.beginArray()
        for month in report.byMonth {
            writer.beginObject()
            writer.field("cohort", month.cohort)
            writeCounts(month.counts, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.key("by")
        writer.beginObject()
        for table in report.by {
            writer.key(table.field)
            writer.beginArray()
            for row in table.rows {
                writer.beginObject()
                writer.field("value", row.value)
                writeCounts(row.counts, to: &writer)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        let waiting = report.waiting
        writer.key("waiting")
        writer.beginObject()
        writer.field("status", waiting.status)
        writer.field("count", waiting.count)
        writer.key("oldest")
        if let id = waiting.oldestID {
            writer.beginObject()
            writer.field("id", id)
            writer.key("days")
            writer.exactNumber(waiting.oldestDays)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.field("stale_after_days", waiting.staleDays)
        writer.field("stale", waiting.stale)
        writer.field("as_of", UTCTime.iso8601(waiting.asOf))
        writer.endObject()
        writer.key("shallow")
        writer.bool(report.shallow)
        writer.endObject()
        return writer.text + "\n"
    }

    private static func writeCounts(_ counts: StatsCounts, to writer: inout JSONWriter) {
        writer.field("received", counts.received)
        writer.field("excluded", counts.excluded)
        writer.field("actioned", counts.actioned)
        writer.field("declined", counts.declined)
        writer.field("open", counts.open)
        writer.key("actioned_rate")
        writer.exactNumber(counts.actionedRate)
        for (name, durations) in [("triage_days", counts.triageDays), ("action_days", counts.actionDays)] {
            writer.key(name)
            writer.beginObject()
            writer.field("count", durations.count)
            writer.key("median")
            writer.exactNumber(durations.median)
            writer.key("p90")
            writer.exactNumber(durations.p90)
            writer.endObject()
        }
        // Added after the request counts: every key before it keeps its place.
        let demand = counts.demand
        writer.key("demand")
        writer.beginObject()
        writer.field("asks", demand.asks)
        writer.field("asks_actioned", demand.asksActioned)
        writer.key("asks_rate")
        writer.exactNumber(demand.asksRate)
        writer.field("arr", demand.arr)
        writer.field("arr_actioned", demand.arrActioned)
        writer.key("arr_rate")
        writer.exactNumber(demand.arrRate)
        writer.endObject()
    }

    // MARK: Shared wording

    /// Exact numbers for programs (CSV): full precision, "" for none.
    static func exact(_ value: Double?) -> String {
        JSONWriter.exact(value) ?? ""
    }

    /// A rate for people: `26%`, `-` for none.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "-" }
        return "\(Int((rate * 100).rounded()))%"
    }

    /// Median days in a table: one decimal, `-` for none.
    static func tableDays(_ days: Double?) -> String {
        guard let days else { return "-" }
        return JSONWriter.formatted(days, places: 1)
    }

    /// Days in a sentence: whole days from one day on (`40 days`, `1 day`), tenths below.
    static func sentenceDays(_ days: Double) -> String {
        if days < 0.95 {
            let tenths = JSONWriter.formatted(days, places: 1)
            return (tenths == "0.0" ? "0" : tenths) + " days"
        }
        let whole = Int(days.rounded())
        return whole == 1 ? "1 day" : "\(whole) days"
    }

    /// Ten cells of `█` and `░` in proportion to the rate; empty when there is no rate.
    static func bar(_ rate: Double?) -> String {
        guard let rate else { return "" }
        let filled = min(10, max(0, Int((rate * 10).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }

    /// ` since 2026-01-01`, ` before 2026-04-01`, ` from 2026-01-01 to 2026-03-31` (the
    /// last day included, since people read ranges inclusively), or "".
    static func windowPhrase(_ report: StatsReport) -> String {
        switch (report.since, report.until) {
        case (let since?, let until?) where since == until:
            return " in an empty window (`--until \(until)` is exclusive)"
        case (let since?, let until?):
            let last = Statistics.parseDay(until).map { UTCTime.day($0 - Statistics.secondsPerDay) } ?? until
            return " from \(since) to \(last)"
        case (let since?, nil): return " since \(since)"
        case (nil, let until?): return " before \(until)"
        case (nil, nil): return ""
        }
    }

    /// "Of 120 requests received since 2026-01-01, 30 were actioned (26% of the 116 not
    /// excluded); median 3 days to triage, 40 days to action."
    static func headline(_ report: StatsReport) -> String {
        let overall = report.overall
        let window = windowPhrase(report)
        guard overall.received > 0 else { return "No requests received\(window)." }
        var text = "Of \(plural(overall.received, "request", "requests")) received\(window), "
        let counted = overall.received - overall.excluded
        guard counted > 0 else {
            return text + (overall.received == 1 ? "the only one is excluded from the rates." : "all \(overall.received) are excluded from the rates.")
        }
        text += "\(overall.actioned) \(overall.actioned == 1 ? "was" : "were") actioned (\(percent(overall.actionedRate))"
        if overall.excluded > 0 { text += " of the \(counted) not excluded" }
        text += "); "
        let demand = overall.demand
        if demand.asks > 0 {
            text += "they carry \(demand.asksActioned) of \(plural(demand.asks, "customer ask", "customer asks")) (\(percent(demand.asksRate)))"
            if demand.arr > 0 {
                text += " and \(RequestListRenderer.grouped(demand.arrActioned)) of \(RequestListRenderer.grouped(demand.arr)) ARR (\(percent(demand.arrRate)))"
            }
            text += "; "
        }
        switch (overall.triageDays.median, overall.actionDays.median) {
        case (let triage?, let action?):
            text += "median \(sentenceDays(triage)) to triage, \(sentenceDays(action)) to action"
        case (let triage?, nil):
            text += "median \(sentenceDays(triage)) to triage; no move into an actioned status yet"
        case (nil, let action?):
            text += "median \(sentenceDays(action)) to action"
        case (nil, nil):
            text += "no status has changed yet"
        }
        return text + "."
    }

    /// "3 requests wait in `new`: the oldest, FR-0007, for 41 days; 2 for more than 30 days."
    static func waitingLine(_ report: StatsReport, code: (String) -> String, id: (String) -> String) -> String {
        let waiting = report.waiting
        let status = code(waiting.status)
        guard waiting.count > 0, let oldestID = waiting.oldestID, let oldestDays = waiting.oldestDays else {
            return "No request waits in \(status)."
        }
        if waiting.count == 1 {
            let stale = waiting.stale > 0 ? " (more than \(waiting.staleDays))" : ""
            return "1 request waits in \(status): \(id(oldestID)), for \(sentenceDays(oldestDays))\(stale)."
        }
        let stale = waiting.stale == 0 ? "none" : waiting.stale == waiting.count ? "all \(waiting.stale)" : "\(waiting.stale)"
        return "\(waiting.count) requests wait in \(status): the oldest, \(id(oldestID)), for \(sentenceDays(oldestDays)); "
            + "\(stale) for more than \(plural(waiting.staleDays, "day", "days"))."
    }

    static let shallowNote =
        "The history comes from a shallow clone: requests already there at its oldest commit count as received then."

    /// The figures of a row as table cells, after the first column: received, actioned,
    /// declined, open, excluded, rate, asks, asks rate, ARR rate, triage median, action median.
    static func cells(_ counts: StatsCounts) -> [String] {
        [
            String(counts.received), String(counts.actioned), String(counts.declined), String(counts.open),
            String(counts.excluded), percent(counts.actionedRate), String(counts.demand.asks),
            percent(counts.demand.asksRate), percent(counts.demand.arrRate), tableDays(counts.triageDays.median),
            tableDays(counts.actionDays.median),
        ]
    }
}
