/// Renders `freq customer` and `freq customers`: text for support, markdown to paste into
/// a helpdesk, JSON for programs.
public enum CustomerRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    /// One customer: each request they asked for, its status now and why, and what
    /// changed since they asked.
    public static func customer(_ customer: CustomerReport.Customer, format: Format) -> String {
        switch format {
        case .json:
            var writer = JSONWriter()
            write(customer, to: &writer)
            writer.endLine()
            return writer.text
        case .text, .markdown:
            let markdown = format == .markdown
            let escape: (String) -> String = { markdown ? MarkdownText.escape($0) : RequestListRenderer.singleLine($0) }
            var out = (markdown ? "## " : "") + escape(customer.name)
            if !customer.otherSpellings.isEmpty {
                out += " (also written " + customer.otherSpellings.map { escape("`" + $0 + "`") }.joined(separator: ", ") + ")"
            }
            out += ": \(customer.asks.count) request\(customer.asks.count == 1 ? "" : "s"), \(customer.actioned) actioned"
            if let arr = customer.arr { out += ", ARR \(RequestListRenderer.grouped(arr))" }
            out += "\n\n"
            for ask in customer.asks {
                out += (markdown ? "- **" : "") + escape(ask.id) + (markdown ? "**" : "") + "  " + escape(ask.status)
                    + " (\(ask.category.rawValue))  " + escape(ask.title ?? "-") + "\n"
                let indent = markdown ? "  - " : "    "
                var asked = "asked " + (ask.asked.map(escape) ?? "(no date)")
                if let ticket = ask.ticket { asked += ", ticket " + escape(ticket) }
                out += indent + asked + "\n"
                if let reason = ask.reason { out += indent + "why: " + escape(reason) + "\n" }
                if ask.changes.isEmpty {
                    out += indent + "no status change since they asked\n"
                }
                for change in ask.changes {
                    guard case .status(let from, let to) = change.kind else { continue }
                    out += indent + UTCTime.day(change.at.time) + ": " + escape(from) + " → " + escape(to)
                        + (change.reason.map { " (why: " + escape($0) + ")" } ?? "") + "\n"
                }
            }
            return out
        }
    }

    /// Every customer: ARR, requests, how many actioned, how long their asks waited.
    public static func customers(_ customers: [CustomerReport.Customer], format: Format) -> String {
        switch format {
        case .json:
            var writer = JSONWriter()
            writer.beginArray()
            for customer in customers { write(customer, to: &writer) }
            writer.endArray()
            writer.endLine()
            return writer.text
        case .text:
            guard !customers.isEmpty else { return "no customer in the registry\n" }
            var rows = [["CUSTOMER", "ARR", "REQUESTS", "ACTIONED", "WAITED"]]
            for customer in customers {
                rows.append([
                    RequestListRenderer.singleLine(customer.name), customer.arr.map(RequestListRenderer.grouped) ?? "-",
                    String(customer.asks.count), String(customer.actioned), waited(customer),
                ])
            }
            return TextTable.render(rows, rightAligned: [1, 2, 3, 4]) + "\(customers.count) customer\(customers.count == 1 ? "" : "s"); WAITED: median days from an ask to a decision\n"
        case .markdown:
            var out = "| customer | ARR | requests | actioned | median days waited |\n|---|--:|--:|--:|--:|\n"
            for customer in customers {
                out += "| \(MarkdownText.escape(customer.name)) | \(customer.arr.map(RequestListRenderer.grouped) ?? "-") | "
                    + "\(customer.asks.count) | \(customer.actioned) | \(waited(customer)) |\n"
            }
            return out
        }
    }

    private static func waited(_ customer: CustomerReport.Customer) -> String {
        customer.medianWaitedDays.map { JSONWriter.formatted($0, places: 1) } ?? "-"
    }

    /// `{"name", "other_spellings", "arr", "requests", "actioned", "median_waited_days",
    /// "asks": [{"id", "title", "status", "category", "reason", "asked", "ticket", "arr",
    /// "changes": [{"time", "commit", "from", "to", "reason"}]}]}`.
    private static func write(_ customer: CustomerReport.Customer, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("name", customer.name)
        writer.key("other_spellings")
        writer.beginArray()
        for spelling in customer.otherSpellings { writer.string(spelling) }
        writer.endArray()
        writer.field("arr", customer.arr)
        writer.field("requests", customer.asks.count)
        writer.field("actioned", customer.actioned)
        writer.key("median_waited_days")
        writer.exactNumber(customer.medianWaitedDays)
        writer.key("asks")
        writer.beginArray()
        for ask in customer.asks {
            writer.beginObject()
            writer.field("id", ask.id)
            writer.field("title", ask.title)
            writer.field("status", ask.status)
            writer.field("category", ask.category.rawValue)
            writer.field("reason", ask.reason)
            writer.field("asked", ask.asked)
            writer.field("ticket", ask.ticket)
            writer.field("arr", ask.arr)
            writer.key("changes")
            writer.beginArray()
            for change in ask.changes {
                guard case .status(let from, let to) = change.kind else { continue }
                writer.beginObject()
                writer.field("time", UTCTime.iso8601(change.at.time))
                writer.field("commit", change.at.commit)
                writer.field("from", from)
                writer.field("to", to)
                writer.field("reason", change.reason)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
