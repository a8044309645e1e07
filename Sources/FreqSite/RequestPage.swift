import Foundation
import FreqKit
import FreqMarkdown

/// A page per request: every field, the customers, the body as the git host renders it,
/// the timeline, duplicates both ways and a link to the file.
enum RequestPage {
    static func pages(_ context: SiteContext) -> [SiteFile] {
        ParallelWork.map(context.requests) { request in
            let page = page(request, context: context)
            return SiteFile(path: page.path, bytes: Array(page.document(context).utf8))
        }
    }

    static func page(_ request: SiteRequest, context: SiteContext) -> Page {
        let record = request.record
        let names = context.config.fields
        var page = Page(path: request.page, title: record.id + " " + (record.title ?? ""), section: .board)
        page.add("<p class=\"crumbs\"><a href=\"../index.html\">Board</a> › <a href=\"../index.html#status-\(FileNames.safe(record.status))\">\(HTML.escape(record.status))</a></p>\n")
        page.add("<h1><span class=\"id\">\(HTML.escape(record.id))</span> \(HTML.escape(record.title ?? "(no title)"))</h1>\n")
        page.add("<p class=\"status-line\"><span class=\"badge \(record.category.rawValue)\">\(HTML.escape(record.status))</span> \(record.category.rawValue)")
        if let reason = record.scalarTexts[names.reason], !reason.isEmpty {
            page.add(" — <span class=\"reason\">\(HTML.escape(reason))</span>")
        }
        page.add("</p>\n")
        page.add(duplicates(request, context: context, page: page))

        page.add("<section id=\"customers\"><h2>Customers</h2>\n")
        page.add(customers(record, context: context, page: page))
        page.add("</section>\n")

        if record.body.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
            page.add("<section class=\"body markdown\"><h2>Description</h2>\n")
            page.add(GitHubMarkdown.html(record.body, headingOffset: 2) { link in context.pageLink(from: record.path, to: link, on: page) })
            page.add("</section>\n")
        }

        page.add("<section><h2>Timeline</h2>\n\(timeline(request, context: context))</section>\n")
        page.add("<section><h2>Fields</h2>\n\(fields(record, context: context))")
        if let url = context.fileURL(record.path) {
            page.add("<p><a href=\"\(HTML.escape(url))\">The file on the git host</a> (<code>\(HTML.escape(record.path))</code>)</p>\n")
        } else {
            page.add("<p>File: <code>\(HTML.escape(record.path))</code></p>\n")
        }
        page.add("</section>\n")
        return page
    }

    static func duplicates(_ request: SiteRequest, context: SiteContext, page: Page) -> String {
        var html = ""
        if let canonical = request.duplicateOf {
            let target = context.pageByID[canonical].map { "<a href=\"\(page.link($0))\">\(HTML.escape(canonical))</a>" } ?? HTML.escape(canonical)
            html += "<p class=\"duplicate\">Duplicate of \(target).</p>\n"
        }
        if let others = context.duplicatesByID[request.record.id], !others.isEmpty {
            let links = others.map { id in context.pageByID[id].map { "<a href=\"\(page.link($0))\">\(HTML.escape(id))</a>" } ?? HTML.escape(id) }
            html += "<p class=\"duplicate\">Duplicates of this request: \(links.joined(separator: ", ")).</p>\n"
        }
        return html
    }

    static func customers(_ record: RequestRecord, context: SiteContext, page: Page) -> String {
        guard !record.customers.isEmpty else { return "<p>No customer is named yet.</p>\n" }
        let names = context.config.fields
        var html = "<div class=\"scroll\"><table>\n<thead><tr><th>Customer</th><th>Segment</th><th class=\"number\">ARR</th><th>Ticket</th><th>Asked</th></tr></thead>\n<tbody>\n"
        for entry in record.customers {
            let detail = { (key: String) in entry.details.first { $0.key == key }?.value ?? "" }
            let name = context.customerPage(entry.name).map { "<a href=\"\(page.link($0))\">\(HTML.escape(entry.name))</a>" } ?? HTML.escape(entry.name)
            let ticket = detail(names.ticket)
            let ticketCell = HTML.safeExternalURL(ticket).map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(ticket))</a>" } ?? HTML.escape(ticket)
            html += "<tr><td>\(name)</td><td>\(HTML.escape(detail(names.segment)))</td><td class=\"number\">\(entry.arr.map(RequestListRenderer.grouped) ?? "")</td><td>\(ticketCell)</td><td>\(HTML.escape(detail(names.date)))</td></tr>\n"
        }
        html += "</tbody>\n"
        if record.customers.count > 1 {
            html += "<tfoot><tr><th>\(record.customers.count) customers</th><td></td><td class=\"number\">\(RequestListRenderer.grouped(record.totalARR))</td><td></td><td></td></tr></tfoot>\n"
        }
        return html + "</table></div>\n"
    }

    /// Received, then each event: the day, what happened, who and why (the commit subject).
    static func timeline(_ request: SiteRequest, context: SiteContext) -> String {
        guard let timeline = request.timeline else { return "<p>Not in the history of this revision.</p>\n" }
        var html = "<ol class=\"timeline\">\n"
        html += entry(timeline.received, "Received as <b>\(HTML.escape(timeline.receivedStatus))</b>", reason: timeline.receivedReason)
        for event in timeline.events {
            switch event.kind {
            case .status(let from, let to):
                html += entry(event.at, "\(HTML.escape(from)) → <b>\(HTML.escape(to))</b>", reason: event.reason)
            case .removed:
                html += entry(event.at, "Removed")
            case .restored:
                html += entry(event.at, "Restored")
            }
        }
        return html + "</ol>\n"
    }

    /// `reason`: what the file's reason field said at that commit (the decision's why).
    private static func entry(_ point: HistoryPoint, _ what: String, reason: String? = nil) -> String {
        var html = "<li><time datetime=\"\(UTCTime.iso8601(point.time))\">\(UTCTime.day(point.time))</time> \(what)"
        if let reason { html += " — <span class=\"reason\">\(HTML.escape(reason))</span>" }
        if let change = point.change {
            html += " <span class=\"who\">by \(HTML.escape(change.author))</span>"
            html += " <q class=\"why\">\(HTML.escape(change.subject))</q>"
            html += " <code class=\"commit\" title=\"\(change.commit)\">\(HTML.short(change.commit))</code>"
        }
        return html + "</li>\n"
    }

    /// Every front-matter field in the order written; the customers and the id are shown above.
    static func fields(_ record: RequestRecord, context: SiteContext) -> String {
        var html = "<dl class=\"fields\">\n"
        let customersField = context.config.fields.customers
        for key in record.keyOrder {
            guard let value = record.fields[key] else { continue }
            if key == customersField, !record.customers.isEmpty {
                html += "<dt>\(HTML.escape(key))</dt><dd><a href=\"#customers\">the customers above</a></dd>\n"
                continue
            }
            html += "<dt>\(HTML.escape(key))</dt><dd>\(render(value, text: record.scalarTexts[key]))</dd>\n"
        }
        return html + "</dl>\n"
    }

    /// A value as text, lists and mappings nested.
    static func render(_ value: JSONValue, text: String? = nil) -> String {
        switch value {
        case .array(let items):
            guard !items.isEmpty else { return "<span class=\"empty\">(empty list)</span>" }
            return "<ul>" + items.map { "<li>\(render($0))</li>" }.joined() + "</ul>"
        case .object(let members):
            let keys = members.keys.sorted { $0.precedesInByteOrder($1) }
            return keys.map { "<span class=\"member\"><b>\(HTML.escape($0))</b> \(render(members[$0] ?? .null))</span>" }.joined(separator: " ")
        case .null:
            return "<span class=\"empty\">(empty)</span>"
        case .string(let string): return HTML.escape(text ?? string)
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return text ?? String(number)
        case .double(let number): return HTML.escape(text ?? String(number))
        }
    }
}

extension SiteContext {
    /// The address of the file on the git host, from `site.file_url`.
    func fileURL(_ path: String) -> String? {
        guard let template = config.site.fileURL else { return nil }
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map { Self.percentEncoded(String($0)) }.joined(separator: "/")
        return template.replacingOccurrences(of: "{rev}", with: revision).replacingOccurrences(of: "{path}", with: encoded)
    }

    /// A link in the body of the request at `path`: to another request's file, it becomes
    /// a link to that request's page; to another file of the repository, a link to it on
    /// the git host (with `site.file_url`); anything else stays as written.
    func pageLink(from path: String, to link: String, on page: Page) -> String? {
        guard !link.isEmpty, !link.hasPrefix("#"), !link.hasPrefix("/"), !link.contains(":") else { return nil }
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        // A link's path is percent-encoded (`design%20notes.md` names `design notes.md`).
        guard let target = parts.first.flatMap({ String($0).removingPercentEncoding }) else { return nil }
        let fragment = parts.count > 1 ? "#" + parts[1] : ""
        var segments = path.split(separator: "/").dropLast().map(String.init)
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if segments.popLast() == nil { return nil }
            default: segments.append(String(segment))
            }
        }
        let resolved = segments.joined(separator: "/")
        if let target = pageByPath[resolved] { return page.link(target) }
        return resolved.isEmpty ? nil : fileURL(resolved).map { $0 + fragment }
    }

    /// RFC 3986 unreserved characters kept, every other byte percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
