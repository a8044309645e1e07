import Foundation

extension StatsRenderer {
    // MARK: Text

    /// For people: a headline, a month table with a bar of the rate, one table per
    /// group-by field, and what waits. Columns aligned, numbers on the right.
    public static func text(_ report: StatsReport) -> String {
        var lines = [headline(report)]
        if report.shallow { lines.append(shallowNote) }
        if report.overall.received > 0 {
            let headers = [
                "received", "actioned", "declined", "open", "excluded", "rate", "asks", "asks%", "ARR%", "triage", "action", "",
            ]
            lines.append("")
            lines.append("by month")
            if report.monthsWithRequestsOnly {
                lines.append("(months with requests only: the history spans more than a century; a commit with a wrong clock?)")
            }
            lines += alignedTable(
                headers: ["month"] + headers,
                rows: report.byMonth.map { [$0.cohort] + cells($0.counts) + [bar($0.counts.actionedRate)] })
            for table in report.by {
                lines.append("")
                lines.append("by \(table.field)")
                lines += alignedTable(
                    headers: [table.field] + headers,
                    rows: table.rows.map { [$0.value.map(singleLine) ?? "(none)"] + cells($0.counts) + [bar($0.counts.actionedRate)] })
            }
            lines.append("")
            lines.append("rate: actioned requests; asks: customer asks, asks%, ARR%: their share, and their ARR's, on actioned requests")
            lines.append("triage, action: median days from received to the first status change, and to the first move into an actioned status")
        }
        lines.append("")
        lines.append(waitingLine(report, code: { "`\($0)`" }, id: { $0 }))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns separated by two spaces; the first and last on the left, the others on the
    /// right; no trailing spaces.
    static func alignedTable(headers: [String], rows: [[String]]) -> [String] {
        let text = TextTable.render([headers] + rows, rightAligned: Set(1..<max(1, headers.count - 1)))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            var line = String(line)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// A value on one line, so that a newline in front matter cannot break a table.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    // MARK: Markdown

    /// For a pull-request comment: the headline and the same tables in GitHub-flavoured
    /// Markdown, every value escaped.
    public static func markdown(_ report: StatsReport) -> String {
        var lines = [headline(report)]
        if report.shallow {
            lines.append("")
            lines.append("> " + shallowNote)
        }
        if report.overall.received > 0 {
            let headers = [
                "Received", "Actioned", "Declined", "Open", "Excluded", "Actioned rate", "Customer asks",
                "Asks actioned", "ARR actioned", "Median days to triage", "Median days to action", "",
            ]
            lines.append("")
            lines.append("### By month")
            lines.append("")
            lines += markdownTable(
                headers: ["Month"] + headers,
                rows: report.byMonth.map { [$0.cohort] + cells($0.counts) + [bar($0.counts.actionedRate)] })
            for table in report.by {
                lines.append("")
                lines.append("### By \(codeSpan(table.field))")
                lines.append("")
                lines += markdownTable(
                    headers: [codeSpan(table.field)] + headers,
                    rows: table.rows.map { row in
                        [row.value.map { MarkdownText.escape($0, keepCode: false) } ?? "*(none)*"]
                            + cells(row.counts) + [bar(row.counts.actionedRate)]
                    })
            }
        }
        lines.append("")
        lines.append(waitingLine(report, code: codeSpan, id: { MarkdownText.escape($0, keepCode: false) }))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Cells are already escaped; the first column and the bar on the left, numbers right.
    static func markdownTable(headers: [String], rows: [[String]]) -> [String] {
        let rule = headers.indices.map { index in
            index == 0 || index == headers.count - 1 ? "---" : "--:"
        }
        // An empty cell is one space, not two, so that no line has a doubled blank.
        return ([headers, rule] + rows).map { row in
            "|" + row.map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|"
        }
    }

    /// An inline code span that holds any text: a fence longer than any backtick run
    /// inside, `|` escaped (GitHub splits table cells even inside code), on one line.
    static func codeSpan(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = singleLine(text).replacingOccurrences(of: "|", with: "\\|")
        let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
        return fence + padded + fence
    }

    // MARK: CSV

    /// One table for spreadsheets and scripts: rows `overall`, `month` and `by:FIELD`,
    /// exact numbers (4 decimals), empty cells for none. RFC 4180 quoting, `\n` line ends;
    /// text that a spreadsheet would run as a formula gets a leading `'`.
    public static func csv(_ report: StatsReport) -> String {
        var lines = [
            "section,key,received,excluded,actioned,declined,open,actioned_rate,triage_count,triage_median,triage_p90,action_count,action_median,action_p90,asks,asks_actioned,asks_rate,arr,arr_actioned,arr_rate"
        ]
        func row(_ section: String, _ key: String?, _ counts: StatsCounts) {
            let figures = [
                String(counts.received), String(counts.excluded), String(counts.actioned), String(counts.declined),
                String(counts.open), exact(counts.actionedRate), String(counts.triageDays.count),
                exact(counts.triageDays.median), exact(counts.triageDays.p90), String(counts.actionDays.count),
                exact(counts.actionDays.median), exact(counts.actionDays.p90), String(counts.demand.asks),
                String(counts.demand.asksActioned), exact(counts.demand.asksRate), String(counts.demand.arr),
                String(counts.demand.arrActioned), exact(counts.demand.arrRate),
            ]
            lines.append(([csvField(section), csvField(key ?? "")] + figures).joined(separator: ","))
        }
        row("overall", nil, report.overall)
        for month in report.byMonth { row("month", month.cohort, month.counts) }
        for table in report.by {
            for group in table.rows { row("by:" + table.field, group.value, group.counts) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field: a leading `'` before `=`, `+`, `-`, `@`, tab or CR (OWASP's formula
    /// injection guard), then quoted when it holds a comma, quote, CR or LF.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
