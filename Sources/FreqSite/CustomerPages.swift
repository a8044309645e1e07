import FreqKit

/// A page per customer (what they asked for, when, the status now and what changed since:
/// the page support opens before answering them) and the index of customers.
enum CustomerPages {
    /// The index and a page per customer, rendered on every core.
    static func files(_ context: SiteContext) -> [SiteFile] {
        let index = index(context)
        return [SiteFile(path: index.path, bytes: Array(index.document(context).utf8))]
            + ParallelWork.map(context.customers) { customer in
                guard let path = context.customerPage(customer.name) else { return nil }
                let page = page(customer, path: path, context: context)
                return SiteFile(path: page.path, bytes: Array(page.document(context).utf8))
            }.compactMap { $0 }
    }

    static func index(_ context: SiteContext) -> Page {
        var page = Page(path: "customers/index.html", title: "Customers", section: .customers)
        page.add("<h1>Customers</h1>\n<p class=\"lead\">\(RequestListRenderer.grouped(context.customers.count)) customers asked for \(RequestListRenderer.grouped(context.requests.count { !$0.record.customers.isEmpty })) requests.</p>\n")
        guard !context.customers.isEmpty else {
            page.add("<p>No request names a customer yet.</p>\n")
            return page
        }
        page.add("<div class=\"scroll\"><table class=\"customers\">\n<thead><tr><th>Customer</th><th class=\"number\">ARR</th><th class=\"number\">Requests</th><th class=\"number\">Actioned</th><th class=\"number\" title=\"of their asks, duplicates left out\">Share actioned</th><th class=\"number\">Median wait</th></tr></thead>\n<tbody>\n")
        for customer in context.customers {
            guard let path = context.customerPage(customer.name) else { continue }
            // As on the dashboard, asks on duplicates (excluded) count in no share.
            let counted = customer.asks.count { $0.category != .excluded }
            let share = counted == 0 ? nil : Double(customer.actioned) / Double(counted)
            page.add("<tr><td><a href=\"\(page.link(path))\">\(HTML.escape(customer.name))</a></td><td class=\"number\">\(customer.arr.map(RequestListRenderer.grouped) ?? "")</td><td class=\"number\">\(customer.asks.count)</td><td class=\"number\">\(customer.actioned)</td><td class=\"number\">\(HTML.percent(share))</td><td class=\"number\">\(HTML.days(customer.medianWaitedDays))</td></tr>\n")
        }
        page.add("</tbody></table></div>\n<p class=\"note\">Median wait: days from each ask to the first decision after it (actioned or declined), or until this revision while none came.</p>\n")
        return page
    }

    static func page(_ customer: CustomerReport.Customer, path: String, context: SiteContext) -> Page {
        var page = Page(path: path, title: customer.name, section: .customers)
        page.add("<p class=\"crumbs\"><a href=\"index.html\">Customers</a></p>\n<h1>\(HTML.escape(customer.name))</h1>\n")
        var facts = ["\(customer.asks.count) request\(customer.asks.count == 1 ? "" : "s")", "\(customer.actioned) actioned"]
        if let arr = customer.arr { facts.insert("ARR \(RequestListRenderer.grouped(arr))", at: 0) }
        if let median = customer.medianWaitedDays { facts.append("median wait \(HTML.days(median))") }
        page.add("<p class=\"lead\">\(facts.joined(separator: " · "))</p>\n")
        if !customer.otherSpellings.isEmpty {
            let spellings = customer.otherSpellings.map(HTML.escape).joined(separator: ", ")
            page.add("<p class=\"note\">Also written as: \(spellings)\(spellings.hasSuffix(".") ? "" : ".")</p>\n")
        }
        for ask in customer.asks {
            let link = context.pageByID[ask.id].map { "<a href=\"\(page.link($0))\">\(HTML.escape(ask.id))</a>" } ?? HTML.escape(ask.id)
            page.add("<section class=\"ask\"><h2>\(link) \(HTML.escape(ask.title ?? ""))</h2>\n<p><span class=\"badge \(ask.category.rawValue)\">\(HTML.escape(ask.status))</span>")
            if let reason = ask.reason { page.add(" — <span class=\"reason\">\(HTML.escape(reason))</span>") }
            page.add("</p>\n<p class=\"facts\">")
            var details: [String] = []
            details.append(ask.asked.map { "Asked on \(HTML.escape($0))" } ?? "No date asked")
            if let ticket = ask.ticket, !ticket.isEmpty {
                details.append("ticket " + (HTML.safeExternalURL(ticket).map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(ticket))</a>" } ?? HTML.escape(ticket)))
            }
            if let arr = ask.arr { details.append("ARR \(RequestListRenderer.grouped(arr))") }
            page.add(details.joined(separator: " · ") + "</p>\n")
            if ask.changes.isEmpty {
                page.add("<p class=\"note\">No status change since they asked.</p>\n")
            } else {
                page.add("<p>Since they asked:</p>\n<ol class=\"timeline\">\n")
                for change in ask.changes {
                    guard case .status(let from, let to) = change.kind else { continue }
                    page.add("<li><time datetime=\"\(UTCTime.iso8601(change.at.time))\">\(UTCTime.day(change.at.time))</time> \(HTML.escape(from)) → <b>\(HTML.escape(to))</b>")
                    if let reason = change.reason { page.add(" — <span class=\"reason\">\(HTML.escape(reason))</span>") }
                    if let credit = change.at.change { page.add(" <q class=\"why\">\(HTML.escape(credit.subject))</q>") }
                    page.add("</li>\n")
                }
                page.add("</ol>\n")
            }
            page.add("</section>\n")
        }
        return page
    }
}
