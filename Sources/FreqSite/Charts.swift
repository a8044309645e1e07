import FreqKit

/// Inline SVG charts: drawn from numbers only (labels escaped), coloured by CSS classes,
/// each with a title and a description for screen readers.
struct Chart {
    /// Unique on its page: the ids of the title, description and patterns derive from it.
    let id: String
    let title: String
    let description: String
    let width: Int
    let height: Int
    var body = ""

    static let left = 48
    static let right = 16
    static let top = 16
    static let bottom = 44

    var plotWidth: Double { Double(width - Self.left - Self.right) }
    var plotHeight: Double { Double(height - Self.top - Self.bottom) }
    var baseline: Double { Double(height - Self.bottom) }

    /// A chart for `count` columns (months), wide enough for each to be seen.
    init(id: String, title: String, description: String, columns count: Int, height: Int = 240) {
        self.id = id
        self.title = title
        self.description = description
        let column = count > 0 ? max(10, min(40, 720 / count)) : 40
        // Wide enough for the legend and the labels even with one month.
        width = Self.left + Self.right + max(600, max(1, count) * column)
        self.height = height
    }

    init(id: String, title: String, description: String, width: Int, height: Int) {
        self.id = id
        self.title = title
        self.description = description
        self.width = width
        self.height = height
    }

    /// The left edge and width of column `index` of `count`.
    func column(_ index: Int, of count: Int) -> (x: Double, width: Double) {
        let step = plotWidth / Double(max(1, count))
        return (Double(Self.left) + step * Double(index), step)
    }

    /// A bar centred in column `index` of `count`: 70% of the column, at most 48 wide.
    func bar(_ index: Int, of count: Int) -> (x: Double, width: Double) {
        let (x, step) = column(index, of: count)
        let width = min(step * 0.7, 48)
        return (x + (step - width) / 2, width)
    }

    /// The y coordinate of `value` on a scale from 0 to `maximum`.
    func y(_ value: Double, maximum: Double) -> Double {
        guard maximum > 0 else { return baseline }
        return baseline - plotHeight * min(1, max(0, value / maximum))
    }

    static func number(_ value: Double) -> String { HTML.decimal(value, places: 1) }

    /// A rectangle with a tooltip; `hatched` fills it with the chart's hatch pattern.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, label: String, hatched: Bool = false) {
        let fill = hatched ? " fill=\"url(#\(id)-hatch)\"" : ""
        body += "<rect class=\"\(className)\"\(fill) x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\" height=\"\(Self.number(max(0, height)))\"><title>\(HTML.escape(label))</title></rect>"
    }

    mutating func text(_ text: String, x: Double, y: Double, className: String = "label", anchor: String = "middle") {
        body += "<text class=\"\(className)\" x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor)\">\(HTML.escape(text))</text>"
    }

    /// Horizontal grid lines with their values on the left.
    mutating func yAxis(maximum: Double, ticks: Int = 4, format: (Double) -> String) {
        for tick in 0...ticks {
            let value = maximum * Double(tick) / Double(ticks)
            let y = self.y(value, maximum: maximum)
            body += "<line class=\"grid\" x1=\"\(Self.left)\" x2=\"\(width - Self.right)\" y1=\"\(Self.number(y))\" y2=\"\(Self.number(y))\"/>"
            text(format(value), x: Double(Self.left - 6), y: y + 4, className: "axis", anchor: "end")
        }
    }

    /// Month labels under the columns, thinned to about twelve.
    mutating func monthLabels(_ months: [String]) {
        let every = max(1, (months.count + 11) / 12)
        for (index, month) in months.enumerated() where index % every == 0 || index == months.count - 1 && months.count <= 24 {
            let (x, width) = column(index, of: months.count)
            text(month, x: x + width / 2, y: baseline + 16, className: "axis")
        }
    }

    /// A line through the points that have a value; a missing value breaks the line.
    mutating func line(_ values: [Double?], maximum: Double, className: String, label: String) {
        var runs: [[(Double, Double)]] = [[]]
        for (index, value) in values.enumerated() {
            guard let value else {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                continue
            }
            let (x, width) = column(index, of: values.count)
            runs[runs.count - 1].append((x + width / 2, y(value, maximum: maximum)))
        }
        body += "<g class=\"\(className)\"><title>\(HTML.escape(label))</title>"
        for run in runs where !run.isEmpty {
            if run.count > 1 {
                body += "<polyline points=\"" + run.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ") + "\"/>"
            }
            for point in run { body += "<circle cx=\"\(Self.number(point.0))\" cy=\"\(Self.number(point.1))\" r=\"2.5\"/>" }
        }
        body += "</g>"
    }

    /// A legend row at the bottom: (class, label) pairs.
    mutating func legend(_ entries: [(className: String, label: String)]) {
        var x = Double(Self.left)
        let y = Double(height - 10)
        for entry in entries {
            body += "<rect class=\"\(entry.className) key\" x=\"\(Self.number(x))\" y=\"\(Self.number(y - 9))\" width=\"10\" height=\"10\"/>"
            text(entry.label, x: x + 14, y: y, className: "axis", anchor: "start")
            x += 26 + Double(entry.label.count) * 6.8
        }
    }

    /// The SVG element.
    var svg: String {
        """
        <svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="\(id)-title \(id)-desc"><title id="\(id)-title">\(HTML.escape(title))</title><desc id="\(id)-desc">\(HTML.escape(description))</desc><defs><pattern id="\(id)-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-bg" width="6" height="6"/><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>\(body)</svg>
        """
    }

    /// A maximum of at least `value` that four ticks divide into round numbers (1, 2 or
    /// 5 times a power of ten each).
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 4 }
        let step = value / 4
        var magnitude = 1.0
        while magnitude * 10 <= step { magnitude *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= step {
            return 4 * factor * magnitude
        }
        return 40 * magnitude
    }
}
