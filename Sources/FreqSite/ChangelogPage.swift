import FreqKit

/// Per month, newest first: what moved into an actioned status, what shipped and what was
/// declined, each with the customers to tell: the page support sends to customers.
enum ChangelogPage {
    enum Kind: Int, CaseIterable {
        case shipped, actioned, declined

        var heading: String {
            switch self {
            case .shipped: return "Shipped"
            case .actioned: return "Decided to build"
            case .declined: return "Declined"
            }
        }
    }

    struct Entry {
        let kind: Kind
        let time: Int64
        let id: String
        let from: String
        let to: String
        let subject: String?
        /// The reason the file held at that commit.
        let reason: String?
    }

    static func entries(_ context: SiteContext) -> [Entry] {
        let config = context.config
        let shipped = Set(config.shippedStatuses)
        var entries: [Entry] = []
        for timeline in context.timelines.values {
            for event in timeline.events {
                guard case .status(let from, let to) = event.kind else { continue }
                let kind: Kind
                if shipped.contains(to) && !shipped.contains(from) {
                    kind = .shipped
                } else if config.category(of: to) == .actioned && config.category(of: from) != .actioned {
                    kind = .actioned
                } else if config.category(of: to) == .declined && config.category(of: from) != .declined {
                    kind = .declined
                } else {
                    continue
                }
                entries.append(Entry(
                    kind: kind, time: event.at.time, id: timeline.id, from: from, to: to, subject: event.at.change?.subject,
                    reason: event.reason))
            }
        }
        // Newest first; one order whatever the dictionary's.
        return entries.sorted { $0.time != $1.time ? $0.time > $1.time : $0.id != $1.id ? $0.id.precedesInByteOrder($1.id) : $0.to.precedesInByteOrder($1.to) }
    }

    static func page(_ context: SiteContext) -> Page {
        var page = Page(path: "changelog.html", title: "Changelog", section: .changelog)
        page.add("<h1>Changelog</h1>\n<p class=\"lead\">What product decided and shipped, month by month, with the customers to tell.</p>\n")
        let entries = entries(context)
        guard !entries.isEmpty else {
            page.add("<p>No request has been actioned, shipped or declined yet.</p>\n")
            return page
        }
        var records: [String: RequestRecord] = [:]
        for request in context.requests where records[request.record.id] == nil { records[request.record.id] = request.record }
        var months: [(month: String, entries: [Entry])] = []
        for entry in entries {
            let month = UTCTime.month(entry.time)
            if months.last?.month == month { months[months.count - 1].entries.append(entry) } else { months.append((month, [entry])) }
        }
        page.add("<nav class=\"facets\" aria-label=\"Months\"><p><span>Month</span>")
        for month in months { page.add(" <a href=\"#m\(month.month)\">\(month.month) (\(month.entries.count))</a>") }
        page.add("</p></nav>\n")
        for month in months {
            page.add("<section class=\"month\" id=\"m\(month.month)\"><h2>\(month.month)</h2>\n")
            for kind in Kind.allCases {
                let items = month.entries.filter { $0.kind == kind }
                guard !items.isEmpty else { continue }
                page.add("<h3>\(kind.heading) <span class=\"count\">\(items.count)</span></h3>\n<ul class=\"changes\">\n")
                for entry in items { page.add(item(entry, record: records[entry.id], context: context, page: page)) }
                page.add("</ul>\n")
            }
            page.add("</section>\n")
        }
        return page
    }

    static func item(_ entry: Entry, record: RequestRecord?, context: SiteContext, page: Page) -> String {
        let link = context.pageByID[entry.id].map { "<a href=\"\(page.link($0))\">\(HTML.escape(entry.id))</a>" } ?? HTML.escape(entry.id)
        var html = "<li><time datetime=\"\(UTCTime.iso8601(entry.time))\">\(UTCTime.day(entry.time))</time> \(link) <span class=\"title\">\(HTML.escape(record?.title ?? ""))</span>"
        html += " <span class=\"move\">\(HTML.escape(entry.from)) → <b>\(HTML.escape(entry.to))</b></span>"
        if let reason = entry.reason {
            html += " — <span class=\"reason\">\(HTML.escape(reason))</span>"
        } else if let subject = entry.subject {
            html += " <q class=\"why\">\(HTML.escape(subject))</q>"
        }
        if let record, !record.customers.isEmpty {
            let ticketField = context.config.fields.ticket
            let people = record.customers.map { customer -> String in
                var text = context.customerPage(customer.name).map { "<a href=\"\(page.link($0))\">\(HTML.escape(customer.name))</a>" } ?? HTML.escape(customer.name)
                if let ticket = customer.details.first(where: { $0.key == ticketField })?.value, !ticket.isEmpty {
                    text += " (" + (HTML.safeExternalURL(ticket).map { "<a href=\"\(HTML.escape($0))\">ticket</a>" } ?? HTML.escape(ticket)) + ")"
                }
                return text
            }
            html += "<br><span class=\"tell\">Tell: \(people.joined(separator: ", "))</span>"
        }
        return html + "</li>\n"
    }
}
