import FreqKit

/// Escaping and the small formatting helpers every page uses. Everything that comes from a
/// request (or a commit, or the configuration) goes through `escape` before it reaches a
/// page: text and attribute values alike, so `<script>` stays text.
enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in element
    /// content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// An address from a request (a ticket link) that a page may link to: http, https and
    /// mailto only; nil for anything else (`javascript:`, relative paths, spaces).
    static func safeExternalURL(_ text: String) -> String? {
        // Bytes, not characters: this runs for every ticket on every page that shows it.
        let bytes = text.utf8
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return nil }
        let trimmed = bytes[first...last]
        guard !trimmed.contains(where: { $0 < 0x21 || $0 == 0x7F }) else { return nil }
        // ASCII letters, `:` and `/` compare case-insensitively with `| 0x20`.
        let allowed = ["https://", "http://", "mailto:"].contains { scheme in
            trimmed.count > scheme.utf8.count && zip(trimmed, scheme.utf8).allSatisfy { $0 | 0x20 == $1 }
        }
        return allowed ? String(Substring(trimmed)) : nil
    }

    /// `45.2%` (one decimal, rounded half away from zero); an em dash for no rate.
    static func percent(_ rate: Double?) -> String {
        guard let rate, rate.isFinite else { return "—" }
        return decimal(rate * 100, places: 1) + "%"
    }

    /// `3.5` (days) with `places` decimals, trailing `.0` kept for alignment.
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return String(value) }
        let whole = Int(scaled)
        let sign = whole < 0 ? "-" : ""
        let magnitude = whole.magnitude
        guard places > 0 else { return sign + String(magnitude) }
        let divisor = UInt(scale)
        let fraction = String(magnitude % divisor)
        return sign + String(magnitude / divisor) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// Days for people: `12 d`, `1.5 d` under ten days, an em dash for none.
    static func days(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return (value < 10 ? decimal(value, places: 1) : decimal(value, places: 0)) + " d"
    }

    /// A short commit id.
    static func short(_ commit: String) -> String { String(commit.prefix(7)) }
}

/// One page: its path in the site and the HTML around its content, with links relative
/// to the page (so the site works from `file://` and under any sub-path).
struct Page {
    /// The page's path in the site, `/`-separated (`requests/FR-0001.html`).
    let path: String
    let title: String
    /// The navigation entry it belongs to, highlighted.
    let section: Section
    var body = ""
    /// `../` once per folder the page is in.
    let root: String

    init(path: String, title: String, section: Section) {
        self.path = path
        self.title = title
        self.section = section
        root = String(repeating: "../", count: path.utf8.count { $0 == UInt8(ascii: "/") })
    }

    enum Section: String, CaseIterable {
        case board = "Board"
        case dashboard = "Dashboard"
        case changelog = "Changelog"
        case customers = "Customers"

        var path: String {
            switch self {
            case .board: return "index.html"
            case .dashboard: return "dashboard.html"
            case .changelog: return "changelog.html"
            case .customers: return "customers/index.html"
            }
        }
    }

    /// A link from this page to a site path: relative to the page's folder.
    func link(_ target: String) -> String {
        if !root.isEmpty, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let folder = path.utf8[...slash]
            if target.utf8.starts(with: folder) { return String(target.utf8.dropFirst(folder.count)) ?? target }
        }
        return root + target
    }

    mutating func add(_ html: String) { body += html }

    /// The whole document.
    func document(_ context: SiteContext) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'">
            <meta name="generator" content="freq \(HTML.escape(FreqVersion.string))">
            <title>\(HTML.escape(title)) · \(HTML.escape(context.title))</title>
            <link rel="stylesheet" href="\(root)assets/site.css">
            </head>
            <body>
            <header class="top"><a class="brand" href="\(root)index.html">\(HTML.escape(context.title))</a><nav aria-label="Site">
            """
        for entry in Section.allCases {
            let current = entry == section ? " aria-current=\"page\"" : ""
            html += "<a href=\"\(root)\(entry.path)\"\(current)>\(entry.rawValue)</a>"
        }
        html += "</nav></header>\n<main>\n"
        html += body
        html += "</main>\n<footer>Built from revision <code title=\"\(context.revision)\">\(HTML.short(context.revision))</code> of \(context.revisionDate) by freq \(HTML.escape(FreqVersion.string)).</footer>\n"
        html += "<script src=\"\(root)assets/site.js\"></script>\n</body>\n</html>\n"
        return html
    }
}
