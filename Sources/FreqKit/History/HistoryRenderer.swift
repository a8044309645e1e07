/// Renders timelines: the `freq history --format json` contract, and text for people.
public enum HistoryRenderer {
    /// Contract of docs/contracts.md, byte-stable: keys in the documented order, requests by id,
    /// events oldest first, UTC whole seconds. Requests that the walk did not touch are
    /// copied from the cache as they were rendered when it was stored. Handed to `output`
    /// in pieces of about `chunk` bytes: 10,000 requests are 3 MB that need not be held.
    public static func json(_ walk: HistoryWalk, chunk: Int = 1 << 18, output: ([UInt8]) -> Void) {
        var writer = JSONWriter(capacity: chunk + (1 << 14))
        writer.beginObject()
        writer.field("rev", walk.rev)
        writer.key("shallow")
        writer.bool(walk.shallow)
        writer.field("commits", walk.commits)
        writer.field("unreadable", walk.unreadable)
        writer.key("requests")
        writer.beginArray()
        // One object at a time: after a cold walk, collecting them first held the whole
        // document (8 MB on the benchmark registry) next to the cache being written.
        walk.state.forEachRequest(
            cached: { image, index in
                if let object = image.requestJSON(at: index) {
                    writer.raw(object)
                } else if let record = image.request(at: index) {
                    writer.raw(fragment(record.state.timeline))
                }
                if writer.count >= chunk { writer.flush(to: output) }
            },
            changed: { request in
                writer.raw(fragment(request.timeline))
                if writer.count >= chunk { writer.flush(to: output) }
            })
        writer.endArray()
        writer.endObject()
        writer.endLine()
        writer.flush(to: output)
    }

    /// The whole document at once (tests, small histories).
    public static func json(_ walk: HistoryWalk) -> [UInt8] {
        var document: [UInt8] = []
        json(walk) { document.append(contentsOf: $0) }
        return document
    }

    /// A request's object as it appears inside the contract's `requests` array (two
    /// levels deep), for the cache to store and `json` to copy.
    static func fragment(_ request: RequestTimeline) -> [UInt8] {
        var writer = JSONWriter(depth: 2)
        write(request, to: &writer)
        return writer.utf8
    }

    /// One request's object, as in the contract (`freq log ID --format json`).
    public static func json(_ request: RequestTimeline) -> String {
        var writer = JSONWriter()
        write(request, to: &writer)
        return writer.text + "\n"
    }

    // The history cache stores this output: changing it needs a new
    // `HistoryCacheCodec.formatVersion`.
    static func write(_ request: RequestTimeline, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", request.id)
        writer.field("path", request.path)
        writer.field("status", request.status)
        writer.key("received")
        writer.beginObject()
        writer.field("commit", request.received.commit)
        writer.field("time", UTCTime.iso8601(request.received.time))
        writer.field("status", request.receivedStatus)
        writeChange(request.received, to: &writer)
        writer.field("reason", request.receivedReason)
        writer.endObject()
        writer.key("events")
        writer.beginArray()
        for event in request.events {
            writer.beginObject()
            switch event.kind {
            case .status(let from, let to):
                writer.field("type", "status")
                writer.field("commit", event.at.commit)
                writer.field("time", UTCTime.iso8601(event.at.time))
                writer.field("from", from)
                writer.field("to", to)
            case .removed, .restored:
                writer.field("type", event.kind == .removed ? "removed" : "restored")
                writer.field("commit", event.at.commit)
                writer.field("time", UTCTime.iso8601(event.at.time))
            }
            writeChange(event.at, to: &writer)
            // After `change`, for the same reason: the keys before it keep their places.
            if case .status = event.kind { writer.field("reason", event.reason) }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// The `change` object, added last so that every key before it keeps its place. A
    /// walk always sets it; a point built by hand without one has none.
    private static func writeChange(_ point: HistoryPoint, to writer: inout JSONWriter) {
        guard let change = point.change else { return }
        writer.key("change")
        writer.beginObject()
        writer.field("commit", change.commit)
        writer.field("author", change.author)
        writer.field("time", UTCTime.iso8601(change.time))
        writer.field("subject", change.subject)
        writer.endObject()
    }

    /// One line per request: id, status, received day, events count, path.
    public static func text(_ walk: HistoryWalk) -> String {
        let requests = walk.summaries()
        var lines: [[String]] = [["ID", "STATUS", "RECEIVED", "EVENTS", "PATH"]]
        lines.reserveCapacity(requests.count + 1)
        for request in requests {
            lines.append([
                request.id, request.isPresent ? request.status : "(removed)", UTCTime.day(request.receivedTime),
                String(request.eventCount), request.path,
            ])
        }
        var output = TextTable.render(lines, rightAligned: [3])
        output += "\n\(requests.count) requests over \(walk.commits) mainline commits"
        if walk.unreadable > 0 { output += "; \(walk.unreadable) unreadable file versions skipped" }
        if walk.shallow { output += "; shallow clone: history before the oldest commit is missing" }
        return output + "\n"
    }

    /// `freq log ID` for people: received, then each event.
    public static func log(_ request: RequestTimeline) -> String {
        var output = "\(request.id)  \(request.status)\(request.isPresent ? "" : " (removed)")  \(request.path)\n\n"
        output += TextTable.render(rows(entries(request)))
        return output
    }

    /// A timeline's entries, oldest first: received, then each event, with what happened
    /// and, for a decision, the reason the file held at that commit.
    static func entries(_ request: RequestTimeline) -> [(point: HistoryPoint, what: String, reason: String?)] {
        var entries: [(point: HistoryPoint, what: String, reason: String?)] = [
            (request.received, "received as \(request.receivedStatus)", request.receivedReason)
        ]
        for event in request.events {
            switch event.kind {
            case .status(let from, let to): entries.append((event.at, "\(from) → \(to)", event.reason))
            case .removed: entries.append((event.at, "removed", nil))
            case .restored: entries.append((event.at, "restored", nil))
            }
        }
        return entries
    }

    /// The table rows of `entries`: one per entry, and a `why:` row under the ones with a
    /// reason, in the column of what happened.
    static func rows(_ entries: [(point: HistoryPoint, what: String, reason: String?)]) -> [[String]] {
        entries.flatMap { entry -> [[String]] in
            let main = row(entry.point, entry.what)
            guard let reason = entry.reason else { return [main] }
            return [main, ["", "", "  why: " + RequestListRenderer.singleLine(reason)]]
        }
    }

    /// One entry of `log` and `show`: the date it landed on the mainline (the figures'
    /// time), then the credited commit's short id, what happened, its author and subject:
    /// for a change a merge brought, who made it on the branch and why, not who merged.
    static func row(_ point: HistoryPoint, _ what: String) -> [String] {
        [
            UTCTime.iso8601(point.time).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""),
            String((point.change?.commit ?? point.commit).prefix(7)), what, point.change?.author ?? "",
            RequestListRenderer.singleLine(point.change?.subject ?? ""),
        ]
    }
}

/// Aligned plain-text columns.
public enum TextTable {
    /// Columns separated by two spaces; `rightAligned` column indexes are padded on the
    /// left. Widths are terminal columns (`DisplayWidth`).
    public static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        // Written as bytes: building 10,000 lines of `freq history` with String joins
        // cost more than reading the history.
        let cellWidths = rows.map { row in row.map(DisplayWidth.of) }
        var widths = [Int](repeating: 0, count: columns)
        var size = 0
        for (row, rowWidths) in zip(rows, cellWidths) {
            for (index, width) in rowWidths.enumerated() { widths[index] = max(widths[index], width) }
            size += row.reduce(1) { $0 + $1.utf8.count + 2 }
        }
        var output: [UInt8] = []
        output.reserveCapacity(size + rows.count * widths.reduce(0, +))
        let space = UInt8(ascii: " ")
        for (row, rowWidths) in zip(rows, cellWidths) {
            for (index, cell) in row.enumerated() {
                if index > 0 { output.append(contentsOf: [space, space]) }
                let padding = widths[index] - rowWidths[index]
                if rightAligned.contains(index) {
                    output.append(contentsOf: repeatElement(space, count: padding))
                    output.append(contentsOf: cell.utf8)
                } else {
                    output.append(contentsOf: cell.utf8)
                    if index < row.count - 1 { output.append(contentsOf: repeatElement(space, count: padding)) }
                }
            }
            output.append(UInt8(ascii: "\n"))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
