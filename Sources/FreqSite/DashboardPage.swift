import FreqKit

/// The statistics as pictures with the numbers beside them: each chart is inline SVG with
/// a text alternative, a caption with its main figures and a table of its data.
enum DashboardPage {
    static func page(_ context: SiteContext) -> Page {
        var page = Page(path: "dashboard.html", title: "Dashboard", section: .dashboard)
        let stats = context.stats
        let overall = stats.overall
        page.add("<h1>Dashboard</h1>\n")
        page.add("<div class=\"tiles\">")
        page.add(tile(HTML.percent(overall.actionedRate), "actioned", "of \(RequestListRenderer.grouped(overall.received - overall.excluded)) requests counted"))
        let demand = overall.demand
        page.add(tile(HTML.percent(demand.asksRate), "of customer asks actioned", "\(RequestListRenderer.grouped(demand.asksActioned)) of \(RequestListRenderer.grouped(demand.asks)) asks"))
        page.add(tile(HTML.percent(demand.arrRate), "of the ARR asking actioned", "\(RequestListRenderer.grouped(demand.arrActioned)) of \(RequestListRenderer.grouped(demand.arr))"))
        page.add(tile(RequestListRenderer.grouped(overall.received), "received", "\(RequestListRenderer.grouped(overall.excluded)) excluded (duplicates)"))
        page.add(tile(HTML.days(overall.triageDays.median), "median time to triage", "p90 \(HTML.days(overall.triageDays.p90))"))
        page.add(tile(HTML.days(overall.actionDays.median), "median time to action", "p90 \(HTML.days(overall.actionDays.p90))"))
        page.add(tile(RequestListRenderer.grouped(stats.waiting.count), "waiting in \(HTML.escape(stats.waiting.status))", "\(stats.waiting.stale) for more than \(stats.waiting.staleDays) days"))
        page.add("</div>\n")
        if stats.shallow {
            page.add("<p class=\"warning\">This site was built from a shallow clone: requests present at its oldest commit count as received there.</p>\n")
        }
        if stats.monthsWithRequestsOnly {
            page.add("<p class=\"warning\">The history spans more than a century (a commit with a wrong clock?): only months with requests are shown.</p>\n")
        }
        let currentMonth = UTCTime.month(context.revisionTime)
        page.add(actionedRate(stats.byMonth, overall: overall, currentMonth: currentMonth))
        page.add(receivedByOutcome(stats.byMonth, currentMonth: currentMonth))
        page.add(durations(stats.byMonth, currentMonth: currentMonth))
        for (index, table) in stats.by.enumerated() {
            let label = index == 0 ? "area" : "segment"
            page.add(breakdown(table, id: "by-\(label)", label: label))
        }
        page.add(waiting(context))
        page.add("<p class=\"note\">A request counts in the month it first reached the main branch. Actioned: it reached an actioned status at some point. Excluded requests (duplicates) count in no rate. Times are days from received to the first status change (triage) and to the first actioned status (action).</p>\n")
        return page
    }

    static func tile(_ figure: String, _ label: String, _ detail: String) -> String {
        "<div class=\"tile\"><span class=\"figure\">\(figure)</span><span class=\"label\">\(label)</span><span class=\"detail\">\(detail)</span></div>"
    }

    static func figure(_ chart: Chart, caption: String, table: String) -> String {
        "<figure class=\"chart\" id=\"\(chart.id)\"><h2>\(HTML.escape(chart.title))</h2><div class=\"plot\">\(chart.svg)</div>\n<figcaption>\(caption)</figcaption>\n<details><summary>The numbers</summary><div class=\"scroll\">\(table)</div></details></figure>\n"
    }

    /// Actioned/counted of the months `range`; nil when none counted.
    static func rate(_ months: ArraySlice<MonthRow>) -> Double? {
        let actioned = months.reduce(0) { $0 + $1.counts.actioned }
        let counted = months.reduce(0) { $0 + $1.counts.received - $1.counts.excluded }
        return counted > 0 ? Double(actioned) / Double(counted) : nil
    }

    static func actionedRate(_ months: [MonthRow], overall: StatsCounts, currentMonth: String) -> String {
        var chart = Chart(
            id: "actioned-rate", title: "Actioned rate by month",
            description: "Bars: the share of each month's requests that were actioned. Line: the trailing three-month rate. The current month is hatched: still in progress.",
            columns: months.count)
        chart.yAxis(maximum: 1) { HTML.decimal($0 * 100, places: 0) + "%" }
        var trailing: [Double?] = []
        for (index, month) in months.enumerated() {
            let (x, width) = chart.bar(index, of: months.count)
            let inProgress = month.cohort == currentMonth
            trailing.append(rate(months[max(0, index - 2)...index]))
            guard let value = month.counts.actionedRate else { continue }
            let y = chart.y(value, maximum: 1)
            let label = "\(month.cohort): \(HTML.percent(value)) of \(month.counts.received - month.counts.excluded)" + (inProgress ? " (in progress)" : "")
            chart.rect(x: x, y: y, width: width, height: chart.baseline - y, className: inProgress ? "bar in-progress" : "bar actioned", label: label, hatched: inProgress)
        }
        chart.line(trailing, maximum: 1, className: "series trend", label: "Trailing three-month rate")
        chart.line(months.map(\.counts.demand.asksRate), maximum: 1, className: "series demand", label: "Share of customer asks actioned")
        chart.monthLabels(months.map(\.cohort))
        chart.legend([("bar actioned", "requests actioned"), ("trend", "trailing 3 months"), ("demand", "customer asks actioned"), ("bar in-progress", "month in progress")])
        let last = months.last
        // Every month is in the window: the overall figures are the months' sum.
        let demand = overall.demand
        var caption = "Overall \(HTML.percent(rate(months[...]))) of requests; \(HTML.percent(demand.asksRate)) of customer asks and \(HTML.percent(demand.arrRate)) of ARR."
        if let last { caption += " Trailing three months to \(last.cohort): \(HTML.percent(trailing.last ?? nil))." }
        if last?.cohort == currentMonth { caption += " \(currentMonth) is in progress: its requests have had little time to be decided." }
        var table = "<table><thead><tr><th>Month</th><th class=\"number\">Counted</th><th class=\"number\">Actioned</th><th class=\"number\">Rate</th><th class=\"number\">Trailing 3 months</th><th class=\"number\">Asks</th><th class=\"number\">Asks actioned</th><th class=\"number\">ARR actioned</th></tr></thead><tbody>"
        for (index, month) in months.enumerated() {
            let note = month.cohort == currentMonth ? " (in progress)" : ""
            let demand = month.counts.demand
            table += "<tr><td>\(month.cohort)\(note)</td><td class=\"number\">\(month.counts.received - month.counts.excluded)</td><td class=\"number\">\(month.counts.actioned)</td><td class=\"number\">\(HTML.percent(month.counts.actionedRate))</td><td class=\"number\">\(HTML.percent(trailing[index]))</td><td class=\"number\">\(demand.asks)</td><td class=\"number\">\(HTML.percent(demand.asksRate))</td><td class=\"number\">\(HTML.percent(demand.arrRate))</td></tr>"
        }
        return figure(chart, caption: caption, table: table + "</tbody></table>")
    }

    static func receivedByOutcome(_ months: [MonthRow], currentMonth: String) -> String {
        let maximum = Chart.niceMaximum(Double(months.map(\.counts.received).max() ?? 0))
        var chart = Chart(
            id: "received", title: "Received per month, by outcome",
            description: "Stacked bars: each month's requests by what became of them: actioned, declined, still open, or excluded.",
            columns: months.count)
        chart.yAxis(maximum: maximum) { RequestListRenderer.grouped(Int($0.rounded())) }
        for (index, month) in months.enumerated() {
            let (x, width) = chart.bar(index, of: months.count)
            var bottom = 0
            let counts = month.counts
            for (className, count) in [("actioned", counts.actioned), ("declined", counts.declined), ("open", counts.open), ("excluded", counts.excluded)] where count > 0 {
                let y0 = chart.y(Double(bottom), maximum: maximum)
                let y1 = chart.y(Double(bottom + count), maximum: maximum)
                chart.rect(x: x, y: y1, width: width, height: y0 - y1, className: "bar \(className)", label: "\(month.cohort): \(count) \(className)")
                bottom += count
            }
        }
        chart.monthLabels(months.map(\.cohort))
        chart.legend([("bar actioned", "actioned"), ("bar declined", "declined"), ("bar open", "open"), ("bar excluded", "excluded")])
        let total = months.reduce(0) { $0 + $1.counts.received }
        let busiest = months.max { $0.counts.received < $1.counts.received }
        var caption = "\(RequestListRenderer.grouped(total)) received in \(months.count) month\(months.count == 1 ? "" : "s")"
        if let busiest, busiest.counts.received > 0 { caption += "; the most in \(busiest.cohort) (\(busiest.counts.received))" }
        caption += "."
        var table = "<table><thead><tr><th>Month</th><th class=\"number\">Received</th><th class=\"number\">Actioned</th><th class=\"number\">Declined</th><th class=\"number\">Open</th><th class=\"number\">Excluded</th></tr></thead><tbody>"
        for month in months {
            let c = month.counts
            let note = month.cohort == currentMonth ? " (in progress)" : ""
            table += "<tr><td>\(month.cohort)\(note)</td><td class=\"number\">\(c.received)</td><td class=\"number\">\(c.actioned)</td><td class=\"number\">\(c.declined)</td><td class=\"number\">\(c.open)</td><td class=\"number\">\(c.excluded)</td></tr>"
        }
        return figure(chart, caption: caption, table: table + "</tbody></table>")
    }

    static func durations(_ months: [MonthRow], currentMonth: String) -> String {
        let series: [(className: String, label: String, values: [Double?])] = [
            ("series triage", "median days to triage", months.map(\.counts.triageDays.median)),
            ("series triage p90", "p90 days to triage", months.map(\.counts.triageDays.p90)),
            ("series action", "median days to action", months.map(\.counts.actionDays.median)),
            ("series action p90", "p90 days to action", months.map(\.counts.actionDays.p90)),
        ]
        let maximum = Chart.niceMaximum(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        var chart = Chart(
            id: "durations", title: "Time to triage and to action",
            description: "Lines: median and 90th percentile of the days from received to the first status change (triage) and to the first actioned status (action), for each month's requests.",
            columns: months.count)
        chart.yAxis(maximum: maximum) { HTML.decimal($0, places: 0) + " d" }
        for line in series { chart.line(line.values, maximum: maximum, className: line.className, label: line.label) }
        chart.monthLabels(months.map(\.cohort))
        chart.legend(series.map { ($0.className, $0.label) })
        var table = "<table><thead><tr><th>Month</th><th class=\"number\">Triaged</th><th class=\"number\">Median</th><th class=\"number\">p90</th><th class=\"number\">Actioned</th><th class=\"number\">Median</th><th class=\"number\">p90</th></tr></thead><tbody>"
        for month in months {
            let t = month.counts.triageDays
            let a = month.counts.actionDays
            let note = month.cohort == currentMonth ? " (in progress)" : ""
            table += "<tr><td>\(month.cohort)\(note)</td><td class=\"number\">\(t.count)</td><td class=\"number\">\(HTML.days(t.median))</td><td class=\"number\">\(HTML.days(t.p90))</td><td class=\"number\">\(a.count)</td><td class=\"number\">\(HTML.days(a.median))</td><td class=\"number\">\(HTML.days(a.p90))</td></tr>"
        }
        let caption = "Lines break where a month has no such request. Later months have had less time: their times can only grow."
        return figure(chart, caption: caption, table: table + "</tbody></table>")
    }

    /// Actioned rate per value of a field, as horizontal bars (the twenty largest groups;
    /// the table has them all).
    static func breakdown(_ table: GroupTable, id: String, label: String) -> String {
        let rows = Array(table.rows.prefix(20))
        let rowHeight = 26
        var chart = Chart(
            id: id, title: "Actioned rate by \(label)",
            description: "Bars: the share of requests actioned for each \(label), with how many requests counted.",
            width: 720, height: Chart.top + rows.count * rowHeight + 8)
        let labelWidth = 180.0
        let barSpace = Double(chart.width) - labelWidth - 150
        for (index, row) in rows.enumerated() {
            let y = Double(Chart.top + index * rowHeight)
            let name = row.value ?? "(none)"
            chart.text(name.count > 26 ? String(name.prefix(25)) + "…" : name, x: labelWidth - 8, y: y + 16, className: "label", anchor: "end")
            let counted = row.counts.received - row.counts.excluded
            let rate = row.counts.actionedRate ?? 0
            chart.rect(x: labelWidth, y: y + 4, width: barSpace, height: 16, className: "track", label: name)
            chart.rect(x: labelWidth, y: y + 4, width: barSpace * rate, height: 16, className: "bar actioned", label: "\(name): \(HTML.percent(row.counts.actionedRate)) of \(counted)")
            chart.text("\(HTML.percent(row.counts.actionedRate)) of \(counted)", x: labelWidth + barSpace + 8, y: y + 16, className: "label", anchor: "start")
        }
        var html = "<table><thead><tr><th>\(HTML.escape(label.capitalized))</th><th class=\"number\">Received</th><th class=\"number\">Actioned</th><th class=\"number\">Declined</th><th class=\"number\">Open</th><th class=\"number\">Rate</th><th class=\"number\">Asks actioned</th><th class=\"number\">ARR actioned</th></tr></thead><tbody>"
        for row in table.rows {
            let c = row.counts
            html += "<tr><td>\(HTML.escape(row.value ?? "(none)"))</td><td class=\"number\">\(c.received)</td><td class=\"number\">\(c.actioned)</td><td class=\"number\">\(c.declined)</td><td class=\"number\">\(c.open)</td><td class=\"number\">\(HTML.percent(c.actionedRate))</td><td class=\"number\">\(HTML.percent(c.demand.asksRate))</td><td class=\"number\">\(HTML.percent(c.demand.arrRate))</td></tr>"
        }
        var caption = table.rows.isEmpty ? "No request has a \(label)." : "\(table.rows.count) value\(table.rows.count == 1 ? "" : "s")"
        if table.rows.count > rows.count { caption += "; the chart shows the \(rows.count) with the most requests" }
        if !table.rows.isEmpty { caption += "." }
        return figure(chart, caption: caption, table: html + "</tbody></table>")
    }

    /// What waits in the initial status, by age, and the longest waits.
    static func waiting(_ context: SiteContext) -> String {
        let initial = context.config.initialStatus
        let waiting = context.requests.filter { $0.record.status == initial }
            .map { (request: $0, days: $0.timeline.map { max(0, Int(UTCTime.floorDiv(context.revisionTime - $0.received.time, 86_400))) } ?? $0.ageDays ?? 0) }
            .sorted { $0.days != $1.days ? $0.days > $1.days : $0.request.record.id.precedesInByteOrder($1.request.record.id) }
        let buckets: [(label: String, range: ClosedRange<Int>)] = [
            ("under a week", 0...6), ("1–4 weeks", 7...29), ("1–3 months", 30...89), ("3–6 months", 90...179),
            ("6–12 months", 180...364), ("a year or more", 365...Int.max),
        ]
        let counts = buckets.map { bucket in waiting.count { bucket.range.contains($0.days) } }
        let maximum = Chart.niceMaximum(Double(counts.max() ?? 0))
        var chart = Chart(
            id: "waiting", title: "What waits in \(initial), and for how long",
            description: "Bars: how many requests have waited in the initial status for each span of time since they were received.",
            columns: buckets.count)
        chart.yAxis(maximum: maximum) { RequestListRenderer.grouped(Int($0.rounded())) }
        for (index, bucket) in buckets.enumerated() {
            let (x, width) = chart.bar(index, of: buckets.count)
            let y = chart.y(Double(counts[index]), maximum: maximum)
            chart.rect(x: x, y: y, width: width, height: chart.baseline - y, className: "bar open", label: "\(bucket.label): \(counts[index])")
            chart.text(bucket.label, x: x + width / 2, y: chart.baseline + 16, className: "axis")
        }
        var table = "<table><thead><tr><th>Waiting</th><th class=\"number\">Requests</th></tr></thead><tbody>"
        for (index, bucket) in buckets.enumerated() {
            table += "<tr><td>\(bucket.label)</td><td class=\"number\">\(counts[index])</td></tr>"
        }
        table += "</tbody></table>"
        var caption = "\(waiting.count) request\(waiting.count == 1 ? "" : "s") wait\(waiting.count == 1 ? "s" : "") in \(HTML.escape(initial))."
        if !waiting.isEmpty {
            caption += " The longest waits: " + waiting.prefix(10).map { item in
                "<a href=\"\(item.request.page)\">\(HTML.escape(item.request.record.id))</a> (\(item.days) d)"
            }.joined(separator: ", ") + "."
        }
        return figure(chart, caption: caption, table: table)
    }
}
