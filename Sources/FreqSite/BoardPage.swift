import FreqKit

/// The board: every request by status in workflow order, with filters and a search that
/// work as links without JavaScript and narrow the cards in place with it.
enum BoardPage {
    static func board(_ context: SiteContext) -> Page {
        var page = Page(path: "index.html", title: "Board", section: .board)
        let requests = context.requests
        page.add("<h1>Board</h1>\n<p class=\"lead\">\(RequestListRenderer.grouped(requests.count)) requests")
        let overall = context.stats.overall
        if let rate = overall.actionedRate {
            page.add(" · \(HTML.percent(rate)) of those received were actioned (<a href=\"dashboard.html\">dashboard</a>)")
        }
        page.add(".</p>\n")
        page.add(filterForm(context))
        page.add(facetLinks(context, page: page))
        page.add(columns(Array(requests.indices), context: context, page: page, anchors: true))
        return page
    }

    /// One page per area, category and segment: the filters without JavaScript.
    static func facets(_ context: SiteContext) -> [SiteFile] {
        let pages = context.facets.flatMap { facet in facet.values.map { (facet.label, $0) } }
        return ParallelWork.map(pages) { label, value in
            let page = facetPage(label, value, context: context)
            return SiteFile(path: page.path, bytes: Array(page.document(context).utf8))
        }
    }

    static func facetPage(_ label: String, _ value: Facet.Value, context: SiteContext) -> Page {
        var page = Page(path: value.path, title: "\(label): \(value.value)", section: .board)
        page.add("<p class=\"crumbs\"><a href=\"../index.html\">Board</a> › \(HTML.escape(label))</p>\n")
        page.add("<h1>\(HTML.escape(label)): \(HTML.escape(value.value))</h1>\n")
        page.add("<p class=\"lead\">\(RequestListRenderer.grouped(value.members.count)) of \(RequestListRenderer.grouped(context.requests.count)) requests.</p>\n")
        page.add(columns(value.members, context: context, page: page, anchors: false))
        return page
    }

    /// The requests in one section per status: the workflow's statuses in order, then any
    /// other status a request has.
    /// `members` are indexes into `context.requests` (copying requests would cost more than
    /// the page).
    static func columns(_ members: [Int], context: SiteContext, page: Page, anchors: Bool) -> String {
        var byStatus: [String: [Int]] = [:]
        for index in members { byStatus[context.requests[index].record.status, default: []].append(index) }
        let workflow = context.config.statuses
        let others = byStatus.keys.filter { !workflow.contains($0) }.sorted { $0.precedesInByteOrder($1) }
        var html = "<div class=\"board\">\n"
        for status in workflow + others {
            let cards = byStatus[status] ?? []
            guard anchors || !cards.isEmpty else { continue }
            let category = context.config.category(of: status)
            let id = anchors ? " id=\"status-\(FileNames.safe(status))\"" : ""
            html += "<section class=\"column \(category.rawValue)\"\(id) data-status=\"\(HTML.escape(status))\"><h2>\(HTML.escape(status)) <span class=\"count\">\(cards.count)</span> <span class=\"category\">\(category.rawValue)</span></h2>\n<ol class=\"cards\">\n"
            for index in cards { html += card(context.requests[index], context: context, page: page) }
            html += "</ol></section>\n"
        }
        return html + "</div>\n"
    }

    /// One card: id, title, area, customers, ARR and age; the data attributes are what the
    /// filters read.
    static func card(_ request: SiteRequest, context: SiteContext, page: Page) -> String {
        switch page.root {
        case "": return context.cards.atRoot[request.index]
        case "../": return context.cards.oneDown[request.index]
        default: return render(request, context: context, page: page)
        }
    }

    static func render(_ request: SiteRequest, context: SiteContext, page: Page) -> String {
        render(request, segments: context.segmentsByID[request.record.id] ?? [], names: context.customerNameBySpelling, root: page.root)
    }

    /// A card for a page `root` (`""`, `"../"`) below the site's root. `names` gives each
    /// spelling's customer page name: the customer filter finds `ACME Inc` by `Acme Corp.`.
    static func render(_ request: SiteRequest, segments: [String], names: [String: String], root: String) -> String {
        let record = request.record
        var seen = Set<String>()
        let customers = record.customers.flatMap { [$0.name, names[$0.name] ?? $0.name] }.filter { !$0.isEmpty && seen.insert($0).inserted }
        var html = "<li class=\"card\" data-category=\"\(record.category.rawValue)\""
        html += " data-area=\"\(HTML.escape(record.area ?? ""))\""
        html += " data-segments=\"\(HTML.escape(segments.joined(separator: "\t")))\""
        html += " data-customers=\"\(HTML.escape(customers.joined(separator: "\t")))\">"
        html += "<a href=\"\(root)\(request.page)\"><b>\(HTML.escape(record.id))</b> \(HTML.escape(record.title ?? "(no title)"))</a>"
        var meta: [String] = []
        if let area = record.area, !area.isEmpty { meta.append("<span class=\"area\">\(HTML.escape(area))</span>") }
        let count = record.customers.count
        meta.append("<span>\(count) customer\(count == 1 ? "" : "s")</span>")
        if record.totalARR != 0 { meta.append("<span>ARR \(RequestListRenderer.grouped(record.totalARR))</span>") }
        if let age = request.ageDays { meta.append("<span title=\"days since it was filed\">\(age) day\(age == 1 ? "" : "s") old</span>") }
        html += "<span class=\"meta\">\(meta.joined())</span></li>\n"
        return html
    }

    static let maxSuggestedCustomers = 500

    /// The search and filter form: hidden until the script shows it, because without
    /// JavaScript it could not filter a static page (the facet links do that instead).
    static func filterForm(_ context: SiteContext) -> String {
        var html = "<form class=\"filters\" id=\"filters\" method=\"get\" hidden>\n"
        html += "<label>Search <input type=\"search\" name=\"q\" placeholder=\"id, title, customer…\" autocomplete=\"off\"></label>\n"
        func select(_ name: String, _ label: String, _ values: [String]) {
            html += "<label>\(label) <select name=\"\(name)\"><option value=\"\">All</option>"
            for value in values { html += "<option>\(HTML.escape(value))</option>" }
            html += "</select></label>\n"
        }
        var statuses = context.config.statuses
        for request in context.requests where !statuses.contains(request.record.status) { statuses.append(request.record.status) }
        select("status", "Status", statuses)
        for facet in context.facets {
            select(facet.label.lowercased(), facet.label, facet.values.map(\.value))
        }
        html += "<label>Customer <input type=\"search\" name=\"customer\" list=\"customer-names\" autocomplete=\"off\"></label>\n"
        // Suggestions only (any text filters): the customers with the most asks, so that a
        // registry of thousands of customers keeps a light board.
        html += "<datalist id=\"customer-names\">"
        let suggested = context.customers.count <= maxSuggestedCustomers ? context.customers
            : Array(context.customers.sorted { $0.asks.count != $1.asks.count ? $0.asks.count > $1.asks.count : $0.name.precedesInByteOrder($1.name) }.prefix(maxSuggestedCustomers)).sorted { $0.name.precedesInByteOrder($1.name) }
        for customer in suggested { html += "<option value=\"\(HTML.escape(customer.name))\">" }
        html += "</datalist>\n<output id=\"shown\" aria-live=\"polite\"></output>\n</form>\n"
        return html
    }

    /// Links that filter without JavaScript: statuses (anchors), then a page per category,
    /// area and segment.
    static func facetLinks(_ context: SiteContext, page: Page) -> String {
        var counts: [String: Int] = [:]
        for request in context.requests { counts[request.record.status, default: 0] += 1 }
        var html = "<nav class=\"facets\" aria-label=\"Filters\">\n<p><span>Status</span>"
        for status in context.config.statuses {
            html += " <a href=\"#status-\(FileNames.safe(status))\">\(HTML.escape(status)) (\(counts[status] ?? 0))</a>"
        }
        html += "</p>\n"
        for facet in context.facets where !facet.values.isEmpty {
            html += "<p><span>\(HTML.escape(facet.label))</span>"
            for value in facet.values {
                html += " <a href=\"\(page.link(value.path))\">\(HTML.escape(value.value)) (\(value.members.count))</a>"
            }
            html += "</p>\n"
        }
        return html + "</nav>\n"
    }
}
