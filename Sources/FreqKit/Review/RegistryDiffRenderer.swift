import Foundation

/// Renders a `RegistryDiff` for people (text), for a pull-request comment (markdown) and
/// for bots (json).
public enum RegistryDiffRenderer {
    /// The output formats of `freq diff`.
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    /// Renders in `format`. `base` and `head` name the commits in JSON only, so that
    /// text and Markdown read the same for the same change.
    public static func render(_ diff: RegistryDiff, format: Format, base: String? = nil, head: String? = nil) -> String {
        switch format {
        case .text: return text(diff)
        case .markdown: return markdown(diff)
        case .json: return json(diff, base: base, head: head)
        }
    }

    /// "3 requests changed: 1 added, 1 modified, 1 removed".
    public static func summary(_ diff: RegistryDiff) -> String {
        guard !diff.changes.isEmpty else { return "no request changed" }
        var parts: [String] = []
        for kind in [RegistryDiff.Kind.added, .modified, .removed, .unreadable] {
            let count = diff.count(kind)
            if count > 0 { parts.append("\(count) \(kind.rawValue)") }
        }
        let noun = diff.changes.count == 1 ? "request" : "requests"
        return "\(diff.changes.count) \(noun) changed: \(parts.joined(separator: ", "))"
    }

    // MARK: Text

    /// Plain text for a terminal: one block per request, then the summary.
    public static func text(_ diff: RegistryDiff) -> String {
        var output = ""
        for change in diff.changes {
            output += "\(change.id) \(change.kind.rawValue)"
            if let title = change.title { output += ": \(oneLine(title))" }
            output += "\n"
            if let oldPath = change.oldPath {
                output += "  renamed: \(oldPath) → \(change.path)\n"
            } else {
                output += "  path: \(change.path)\n"
            }
            switch change.kind {
            case .added:
                output += "  status: \(change.status.to ?? "(none)")\n"
                for field in change.fields { output += "  \(field.field): \(plain(field.new))\n" }
                if !change.customersAdded.isEmpty {
                    output += "  customers: \(change.customersAdded.map(plain).joined(separator: ", "))\n"
                }
            case .removed, .unreadable:
                if change.kind == .unreadable {
                    output += "  the file no longer parses; `freq validate` says why\n"
                }
                output += "  status was: \(change.status.from ?? "(none)")\n"
                if !change.customersRemoved.isEmpty {
                    output += "  customers: \(change.customersRemoved.map(plain).joined(separator: ", "))\n"
                }
            case .modified:
                if change.status.from != change.status.to {
                    output += "  status: \(change.status.from ?? "(none)") → \(change.status.to ?? "(none)")"
                    output += verdict(change.status).map { " (\($0))" } ?? ""
                    output += "\n"
                    if let credit = change.statusCredit {
                        output += "  moved by \(oneLine(credit.author)) in \(credit.commit.prefix(7)): \(oneLine(credit.subject))\n"
                    }
                    if let reason = change.status.reason { output += "  why: \(oneLine(reason))\n" }
                }
                if !change.customersAdded.isEmpty {
                    output += "  customers added: \(change.customersAdded.map(plain).joined(separator: ", "))\n"
                }
                if !change.customersRemoved.isEmpty {
                    output += "  customers removed: \(change.customersRemoved.map(plain).joined(separator: ", "))\n"
                }
                for field in change.fields {
                    output += "  \(field.field): \(plain(field.old)) → \(plain(field.new))\n"
                }
                if let body = change.body {
                    output += "  body: +\(body.addedLines) -\(body.removedLines)\n"
                    for line in body.lines { output += "    \(diffLine(line))\n" }
                    if body.omittedLines > 0 { output += "    … \(body.omittedLines) more changed lines\n" }
                }
                if !change.notify.isEmpty {
                    output += "  tell: \(change.notify.map(plain).joined(separator: ", "))\n"
                }
            }
        }
        if !diff.changes.isEmpty { output += "\n" }
        return output + summary(diff) + "\n"
    }

    /// "allowed" / "not allowed by the workflow; from `new`: triaged, planned".
    static func verdict(_ status: RegistryDiff.StatusChange) -> String? {
        switch status.allowed {
        case true?: return "allowed by the workflow"
        case false?:
            let from = status.from ?? ""
            let targets = status.allowedTargets.isEmpty ? "none" : status.allowedTargets.joined(separator: ", ")
            return "not allowed by the workflow; from \(from) it allows: \(targets)"
        case nil: return nil
        }
    }

    static func plain(_ customer: CustomerRef) -> String {
        oneLine(customer.name) + (customer.ticket.map { " <\(oneLine($0))>" } ?? "")
    }

    static func plain(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        if case .string(let text) = value { return oneLine(text) }
        var writer = JSONWriter(indent: "")
        writer.value(value)
        return writer.text
    }

    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// "+ line" / "- line"; an empty line is the sign alone, with no trailing space.
    static func diffLine(_ edit: LineDiff.Edit) -> String {
        let (sign, line): (String, String)
        switch edit {
        case .same(let text): (sign, line) = (" ", text)
        case .removed(let text): (sign, line) = ("-", text)
        case .added(let text): (sign, line) = ("+", text)
        }
        return line.isEmpty ? sign : sign + " " + line
    }

    // MARK: Markdown

    /// A pull-request comment: a summary, then a section per request that a product
    /// manager can decide from. Every value from a file is escaped.
    public static func markdown(_ diff: RegistryDiff) -> String {
        var output = "## Feature requests in this pull request\n\n"
        output += summary(diff) + "\n"
        let warnings = diff.changes.filter { $0.status.allowed == false }
        if !warnings.isEmpty {
            output += "\n> [!WARNING]\n"
            for change in warnings {
                output += "> \(change.id): \(md(change.status.from ?? "")) → \(md(change.status.to ?? "")) is not a move the workflow allows\n"
            }
        }
        for change in diff.changes {
            output += "\n### \(md(change.id))"
            if let title = change.title { output += " · \(md(title))" }
            output += " (\(change.kind.rawValue))\n\n"
            if let oldPath = change.oldPath {
                output += "Renamed from \(code(oldPath)) to \(code(change.path)).\n\n"
            } else {
                output += "File: \(code(change.path))\n\n"
            }
            switch change.kind {
            case .added:
                output += "| field | value |\n|---|---|\n"
                output += "| status | \(md(change.status.to ?? "")) |\n"
                for field in change.fields { output += "| \(md(field.field)) | \(cell(field.new)) |\n" }
                output += "| customers | \(customerCell(change.customersAdded)) |\n"
            case .removed, .unreadable:
                if change.kind == .unreadable {
                    output += "The file no longer parses; `freq validate` says why.\n\n"
                } else {
                    output += "The request is removed from the registry.\n\n"
                }
                output += "| field | value |\n|---|---|\n"
                output += "| status | \(md(change.status.from ?? "")) |\n"
                output += "| customers | \(customerCell(change.customersRemoved)) |\n"
            case .modified:
                if change.status.from != change.status.to {
                    output += "**Status:** \(md(change.status.from ?? "(none)")) → \(md(change.status.to ?? "(none)"))"
                    switch change.status.allowed {
                    case true?: output += " ✅ allowed by the workflow"
                    case false?:
                        let targets = change.status.allowedTargets.map(md).joined(separator: ", ")
                        output += " ⚠️ **not allowed by the workflow** (from \(md(change.status.from ?? "")): \(targets.isEmpty ? "no move" : targets))"
                    case nil: break
                    }
                    output += "\n\n"
                    if let credit = change.statusCredit {
                        output += "Moved by \(md(credit.author)) in \(code(String(credit.commit.prefix(7)))): \(md(credit.subject))\n\n"
                    }
                    if let reason = change.status.reason { output += "**Why:** \(md(reason))\n\n" }
                }
                if !change.customersAdded.isEmpty {
                    output += "**Customers added:** \(change.customersAdded.map(customer).joined(separator: ", "))\n\n"
                }
                if !change.customersRemoved.isEmpty {
                    output += "**Customers removed:** \(change.customersRemoved.map(customer).joined(separator: ", "))\n\n"
                }
                if !change.fields.isEmpty {
                    output += "| field | before | after |\n|---|---|---|\n"
                    for field in change.fields {
                        output += "| \(md(field.field)) | \(cell(field.old)) | \(cell(field.new)) |\n"
                    }
                    output += "\n"
                }
                if let body = change.body {
                    output += "**Description:** +\(body.addedLines) −\(body.removedLines) lines\n\n"
                    let lines = body.lines.map(diffLine)
                    let fence = fenceFor(lines)
                    output += "\(fence)diff\n" + lines.map { $0 + "\n" }.joined()
                    if body.omittedLines > 0 { output += "… \(body.omittedLines) more changed lines\n" }
                    output += "\(fence)\n\n"
                }
                if !change.notify.isEmpty {
                    output += "**Tell these customers** (status now \(md(change.status.to ?? ""))):\n\n"
                    for person in change.notify { output += "- [ ] \(customer(person))\n" }
                    output += "\n"
                }
            }
            if output.hasSuffix("\n\n") { output.removeLast() }
        }
        return output
    }

    /// Escaped inline text: never breaks a table or starts markup.
    static func md(_ text: String) -> String { MarkdownText.escape(text, keepCode: false) }

    /// A path or name as inline code, with a fence longer than any backtick run inside.
    /// In a table, `|` is escaped even inside code (GFM reads the row's cells first).
    static func code(_ text: String, inTable: Bool = false) -> String {
        let line = oneLine(text)
        let flat = inTable ? line.replacingOccurrences(of: "|", with: "\\|") : line
        let longest = longestRun(of: "`", in: flat)
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A table cell: a string escaped, anything else as compact JSON in a code span.
    static func cell(_ value: JSONValue?) -> String {
        guard let value else { return "*(none)*" }
        if case .string(let text) = value { return md(text) }
        return code(plain(value), inTable: true)
    }

    static func customerCell(_ customers: [CustomerRef]) -> String {
        customers.isEmpty ? "*(none)*" : customers.map(customer).joined(separator: ", ")
    }

    /// "Acme Corp ([ticket](https://...))"; a ticket that is not a plain web link is text.
    static func customer(_ customer: CustomerRef) -> String {
        var text = md(customer.name)
        if let ticket = customer.ticket {
            text += isSafeLink(ticket) ? " ([ticket](\(ticket)))" : " (ticket: \(md(ticket)))"
        }
        return text
    }

    /// A link destination that Markdown (and a table row) keeps whole.
    static func isSafeLink(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://"))
            && !text.contains { $0.isWhitespace || "<>()[]|`\\\"".contains($0) }
    }

    static func fenceFor(_ lines: [String]) -> String {
        let longest = lines.map { longestRun(of: "`", in: $0) }.max() ?? 0
        return String(repeating: "`", count: max(3, longest + 1))
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    // MARK: JSON

    /// A stable contract for bots: keys in a fixed order, requests sorted by id.
    public static func json(_ diff: RegistryDiff, base: String?, head: String?) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("base", base)
        writer.field("head", head)
        writer.key("summary")
        writer.beginObject()
        for kind in [RegistryDiff.Kind.added, .modified, .removed, .unreadable] {
            writer.field(kind.rawValue, diff.count(kind))
        }
        writer.endObject()
        writer.key("requests")
        writer.beginArray()
        for change in diff.changes {
            writer.beginObject()
            writer.field("id", change.id)
            writer.field("change", change.kind.rawValue)
            writer.field("path", change.path)
            writer.field("old_path", change.oldPath)
            writer.field("title", change.title)
            writer.key("status")
            writer.beginObject()
            writer.field("from", change.status.from)
            writer.field("to", change.status.to)
            writer.key("allowed")
            if let allowed = change.status.allowed { writer.bool(allowed) } else { writer.null() }
            // Added last: the commit that moved the status, as `history` credits a change.
            writer.key("change")
            if let credit = change.statusCredit {
                writer.beginObject()
                writer.field("commit", credit.commit)
                writer.field("author", credit.author)
                writer.field("time", UTCTime.iso8601(credit.time))
                writer.field("subject", credit.subject)
                writer.endObject()
            } else {
                writer.null()
            }
            writer.field("reason", change.status.reason)
            writer.endObject()
            writer.key("customers_added")
            customers(change.customersAdded, &writer)
            writer.key("customers_removed")
            customers(change.customersRemoved, &writer)
            writer.key("fields")
            writer.beginArray()
            for field in change.fields {
                writer.beginObject()
                writer.field("field", field.field)
                writer.key("old")
                writer.value(field.old ?? .null)
                writer.key("new")
                writer.value(field.new ?? .null)
                writer.endObject()
            }
            writer.endArray()
            writer.key("body")
            if let body = change.body {
                writer.beginObject()
                writer.field("added", body.addedLines)
                writer.field("removed", body.removedLines)
                writer.key("lines")
                writer.beginArray()
                for line in body.lines { writer.string(diffLine(line)) }
                writer.endArray()
                writer.field("omitted", body.omittedLines)
                writer.endObject()
            } else {
                writer.null()
            }
            writer.key("notify")
            customers(change.notify, &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    private static func customers(_ list: [CustomerRef], _ writer: inout JSONWriter) {
        writer.beginArray()
        for customer in list {
            writer.beginObject()
            writer.field("customer", customer.name)
            writer.field("ticket", customer.ticket)
            writer.endObject()
        }
        writer.endArray()
    }
}
