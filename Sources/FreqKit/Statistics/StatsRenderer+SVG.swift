extension StatsRenderer {
    /// `freq stats --chart FILE.svg`: requests received per month as bars (left axis) and
    /// the actioned rate as a line (right axis, 0–100%), with title, axis labels and legend.
    /// Self-contained SVG 1.1: no script, no CSS, no external font or image. One
    /// `<rect class="bar">` per month (empty months too, at height 0); a month without a
    /// rate breaks the line.
    public static func svg(_ report: StatsReport) -> String {
        var chart = SVGChart(report: report)
        return chart.render()
    }
}

/// Lays out and writes the chart; coordinates in pixels, rounded to tenths.
private struct SVGChart {
    let report: StatsReport
    let width = 880.0
    let height = 460.0
    let left = 72.0
    let right = 808.0
    let top = 64.0
    let bottom = 340.0
    let barColour = "#4e79a7"
    let lineColour = "#e15759"
    let asksColour = "#59a14f"
    var out: [String] = []

    init(report: StatsReport) {
        self.report = report
    }

    mutating func render() -> String {
        let months = report.byMonth
        let counted = report.overall.received
        let title = "Requests received and actioned rate by month"
        let subtitle = "\(StatsRenderer.plural(counted, "request", "requests")) received"
            + StatsRenderer.windowPhrase(report) + " · rate = actioned / (received − excluded) · rev "
            + String(report.rev.prefix(7))

        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" "
                + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"freq-stats-title freq-stats-desc\" "
                + "font-family=\"sans-serif\" font-size=\"12\">")
        out.append("<title id=\"freq-stats-title\">\(escape(title))</title>")
        out.append("<desc id=\"freq-stats-desc\">\(escape(StatsRenderer.headline(report)))</desc>")
        out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
        out.append(text(title, x: width / 2, y: 26, anchor: "middle", extra: " font-size=\"17\" font-weight=\"bold\""))
        out.append(text(subtitle, x: width / 2, y: 46, anchor: "middle", extra: " fill=\"#555555\""))

        // Left axis: counts, on a 1-2-5 step with at most five intervals.
        let maxCount = months.map(\.counts.received).max() ?? 0
        var step = 1
        var candidates = [1, 2, 5]
        while step * 5 < maxCount {
            if let next = candidates.first(where: { $0 * 5 >= maxCount }) {
                step = next
                break
            }
            candidates = candidates.map { $0 * 10 }
        }
        let axisMax = max(step, (maxCount + step - 1) / step * step)
        for tick in stride(from: 0, through: axisMax, by: step) {
            let y = bottom - (bottom - top) * Double(tick) / Double(axisMax)
            out.append("<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>")
            out.append(text(String(tick), x: left - 6, y: y + 4, anchor: "end"))
        }
        // Right axis: the rate, 0–100%.
        for percent in stride(from: 0, through: 100, by: 25) {
            let y = bottom - (bottom - top) * Double(percent) / 100
            out.append(text("\(percent)%", x: right + 6, y: y + 4, anchor: "start", extra: " fill=\"\(lineColour)\""))
        }
        out.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
        out.append("<line class=\"axis\" x1=\"\(n(right))\" y1=\"\(n(top))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
        out.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
        let middle = (top + bottom) / 2
        out.append(text("requests received", x: 20, y: middle, anchor: "middle", extra: " transform=\"rotate(-90 20 \(n(middle)))\""))
        out.append(text("actioned rate", x: width - 16, y: middle, anchor: "middle", extra: " transform=\"rotate(90 \(n(width - 16)) \(n(middle)))\" fill=\"\(lineColour)\""))
        out.append(text("month received (UTC)", x: (left + right) / 2, y: 410, anchor: "middle"))

        if months.isEmpty {
            out.append(text("no requests received", x: (left + right) / 2, y: middle, anchor: "middle", extra: " fill=\"#555555\" font-size=\"14\""))
        }

        // Bars, each with a tooltip; labels thinned to at most 24 and slanted past 12.
        let slot = (right - left) / Double(max(months.count, 1))
        let labelStep = max(1, (months.count + 23) / 24)
        let slanted = months.count > 12
        var points: [(x: Double, y: Double, month: MonthRow)?] = []
        out.append("<g class=\"bars\" fill=\"\(barColour)\">")
        for (index, month) in months.enumerated() {
            let counts = month.counts
            let barHeight = (bottom - top) * Double(counts.received) / Double(axisMax)
            let x = left + slot * Double(index)
            let tip = "\(month.cohort): \(counts.received) received, \(counts.actioned) actioned, rate \(StatsRenderer.percent(counts.actionedRate))"
            // Narrow bars for few months: a 250-pixel slab reads as a wall, not a count.
            let barWidth = min(slot * 0.7, 56)
            out.append(
                "<rect class=\"bar\" x=\"\(n(x + (slot - barWidth) / 2))\" y=\"\(n(bottom - barHeight))\" width=\"\(n(barWidth))\" "
                    + "height=\"\(n(barHeight))\"><title>\(escape(tip))</title></rect>")
            let centre = x + slot / 2
            points.append(counts.actionedRate.map { (centre, bottom - (bottom - top) * $0, month) })
        }
        out.append("</g>")
        out.append("<g class=\"month-labels\" fill=\"#333333\">")
        for (index, month) in months.enumerated() where index % labelStep == 0 {
            let centre = left + slot * (Double(index) + 0.5)
            if slanted {
                let y = bottom + 14
                out.append(text(month.cohort, x: centre, y: y, anchor: "end", extra: " transform=\"rotate(-45 \(n(centre)) \(n(y)))\""))
            } else {
                out.append(text(month.cohort, x: centre, y: bottom + 18, anchor: "middle"))
            }
        }
        out.append("</g>")

        // The rate line, broken wherever a month has no rate; then the share of customer
        // asks actioned, dashed, when any request has customers.
        rateLine(points.map { $0.map { ($0.x, $0.y, $0.month.cohort, $0.month.counts.actionedRate) } },
            className: "rate", colour: lineColour, dash: nil, label: "actioned rate")
        let showsAsks = report.overall.demand.asks > 0
        if showsAsks {
            let asks = months.enumerated().map { index, month -> (Double, Double, String, Double?)? in
                month.counts.demand.asksRate.map { (left + slot * (Double(index) + 0.5), bottom - (bottom - top) * $0, month.cohort, $0) }
            }
            rateLine(asks, className: "asks-rate", colour: asksColour, dash: "6 3", label: "share of customer asks actioned")
        }

        // Legend under the axis title.
        let legendY = 440.0
        let legendX = width / 2 - 140
        out.append("<g class=\"legend\">")
        out.append("<rect class=\"legend-swatch\" x=\"\(n(legendX))\" y=\"\(n(legendY - 10))\" width=\"14\" height=\"12\" fill=\"\(barColour)\"/>")
        out.append(text("requests received", x: legendX + 20, y: legendY, anchor: "start"))
        let lineX = legendX + 160
        out.append("<line class=\"legend-line\" x1=\"\(n(lineX))\" y1=\"\(n(legendY - 4))\" x2=\"\(n(lineX + 24))\" y2=\"\(n(legendY - 4))\" stroke=\"\(lineColour)\" stroke-width=\"2\"/>")
        out.append("<circle class=\"legend-point\" cx=\"\(n(lineX + 12))\" cy=\"\(n(legendY - 4))\" r=\"3\" fill=\"\(lineColour)\"/>")
        out.append(text("actioned rate", x: lineX + 30, y: legendY, anchor: "start"))
        if showsAsks {
            let asksX = lineX + 130
            out.append("<line class=\"legend-asks-line\" x1=\"\(n(asksX))\" y1=\"\(n(legendY - 4))\" x2=\"\(n(asksX + 24))\" y2=\"\(n(legendY - 4))\" stroke=\"\(asksColour)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>")
            out.append(text("customer asks actioned", x: asksX + 30, y: legendY, anchor: "start"))
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// A rate line with a point (and tooltip) per month; a nil point breaks the line.
    mutating func rateLine(
        _ points: [(x: Double, y: Double, cohort: String, rate: Double?)?], className: String, colour: String, dash: String?,
        label: String
    ) {
        var runs: [[(x: Double, y: Double, cohort: String, rate: Double?)]] = [[]]
        for point in points {
            if let point { runs[runs.count - 1].append(point) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
        }
        out.append("<g class=\"\(className)\" stroke=\"\(colour)\" fill=\"\(colour)\">")
        let dashing = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        for run in runs where run.count > 1 {
            let coordinates = run.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
            out.append("<polyline class=\"\(className)-line\" points=\"\(coordinates)\" fill=\"none\" stroke-width=\"2\"\(dashing)/>")
        }
        for point in runs.joined() {
            let tip = "\(point.cohort): \(label) \(StatsRenderer.percent(point.rate))"
            out.append("<circle class=\"point\" cx=\"\(n(point.x))\" cy=\"\(n(point.y))\" r=\"3\"><title>\(escape(tip))</title></circle>")
        }
        out.append("</g>")
    }

    func text(_ content: String, x: Double, y: Double, anchor: String, extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(extra)>\(escape(content))</text>"
    }

    /// A coordinate rounded to tenths, without a needless `.0`.
    func n(_ value: Double) -> String {
        let text = JSONWriter.formatted(value, places: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Text and attribute values: the five XML specials, and controls XML 1.0 forbids.
    func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result += " "
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
