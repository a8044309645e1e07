/// `freq follow-up`: after decisions land, whom to tell what. One entry per customer, with
/// every request of theirs whose status moved since a moment, from what to what, why, and
/// their ticket. freq never sends anything: a person or a bot does.
public enum FollowUp {
    /// One request to tell one customer about.
    public struct Item: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var from: String
        public var to: String
        /// When the last move landed on the mainline.
        public var time: Int64
        /// The reason field the request file held at that move's commit.
        public var reason: String?
        public var ticket: String?
    }

    /// One customer to tell.
    public struct Entry: Sendable, Hashable {
        public var customer: String
        public var items: [Item]
    }

    /// The customers of the requests whose status moved after `since` (seconds since 1970),
    /// each move told as where it started (the status before the first move after `since`)
    /// and where it is now; a request that came back to where it was is left out.
    public static func entries(
        _ records: [RequestRecord], timelines: [String: RequestTimeline], since: Int64, config: RegistryConfig
    ) -> [Entry] {
        entries(records, timelines: timelines, after: { $0.time > since }, config: config)
    }

    /// The same, for the moves whose mainline point `after` accepts (landed on the
    /// mainline after a revision, say).
    public static func entries(
        _ records: [RequestRecord], timelines: [String: RequestTimeline], after: (HistoryPoint) -> Bool,
        config: RegistryConfig
    ) -> [Entry] {
        var byCustomer: [String: (name: String, items: [Item])] = [:]
        for record in records {
            guard let timeline = timelines[record.id] else { continue }
            let moves = timeline.events.compactMap { event -> (from: String, to: String, time: Int64, reason: String?)? in
                guard case .status(let from, let to) = event.kind, after(event.at) else { return nil }
                return (from, to, event.at.time, event.reason)
            }
            guard let first = moves.first, let last = moves.last, first.from != last.to else { continue }
            for entry in record.customers where !entry.name.isEmpty {
                let ticket = entry.details.first { $0.key == config.fields.ticket }?.value
                // The reason the file held when it took the status they are told about.
                let item = Item(
                    id: record.id, title: record.title, from: first.from, to: last.to, time: last.time,
                    reason: last.reason, ticket: ticket)
                let key = CustomerList.normalized(entry.name)
                // Two spellings of one customer on one request: tell them once.
                if byCustomer[key]?.items.contains(where: { $0.id == record.id }) == true { continue }
                byCustomer[key, default: (entry.name, [])].items.append(item)
            }
        }
        return byCustomer.keys.sorted { $0.precedesInByteOrder($1) }.compactMap { key in
            byCustomer[key].map { Entry(customer: $0.name, items: $0.items.sorted { $0.id.precedesInByteOrder($1.id) }) }
        }
    }
}

/// Renders `freq follow-up`.
public enum FollowUpRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json, csv
    }

    public static func render(_ entries: [FollowUp.Entry], format: Format) -> String {
        switch format {
        case .text, .markdown:
            guard !entries.isEmpty else { return "nobody to tell: no request of a customer moved since then\n" }
            let markdown = format == .markdown
            let escape: (String) -> String = { markdown ? MarkdownText.escape($0) : RequestListRenderer.singleLine($0) }
            var out = ""
            for entry in entries {
                out += (markdown ? "### " : "") + escape(entry.customer) + "\n"
                for item in entry.items {
                    out += (markdown ? "- **" : "  ") + escape(item.id) + (markdown ? "** " : "  ") + escape(item.title ?? "-")
                        + ": " + escape(item.from) + " → " + escape(item.to) + " (" + UTCTime.day(item.time) + ")\n"
                    let indent = markdown ? "  - " : "      "
                    if let reason = item.reason { out += indent + "why: " + escape(reason) + "\n" }
                    if let ticket = item.ticket { out += indent + "ticket: " + escape(ticket) + "\n" }
                }
                out += "\n"
            }
            return out
        case .json:
            var writer = JSONWriter()
            writer.beginArray()
            for entry in entries {
                writer.beginObject()
                writer.field("customer", entry.customer)
                writer.key("requests")
                writer.beginArray()
                for item in entry.items {
                    writer.beginObject()
                    writer.field("id", item.id)
                    writer.field("title", item.title)
                    writer.field("from", item.from)
                    writer.field("to", item.to)
                    writer.field("time", UTCTime.iso8601(item.time))
                    writer.field("reason", item.reason)
                    writer.field("ticket", item.ticket)
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            writer.endLine()
            return writer.text
        case .csv:
            var lines = ["customer,ticket,id,title,from,to,time,reason"]
            for entry in entries {
                for item in entry.items {
                    lines.append([
                        entry.customer, item.ticket ?? "", item.id, item.title ?? "", item.from, item.to, UTCTime.iso8601(item.time),
                        item.reason ?? "",
                    ].map(StatsRenderer.csvField).joined(separator: ","))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
