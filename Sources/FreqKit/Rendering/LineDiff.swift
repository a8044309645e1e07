/// Line-by-line differences between two texts: a request's body before and after
/// (`freq diff`), a stale catalogue (`freq index --check`).
public enum LineDiff {
    /// One line of a diff: kept, removed from the old text, or added in the new one.
    public enum Edit: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The most cells the quadratic longest-common-subsequence table may have. Bodies are
    /// short; a pathological one falls back to "all old lines removed, all new added".
    static let maximumCells = 4_000_000

    /// The edits turning `old` into `new`, in order: a longest common subsequence of lines
    /// is kept, the rest removed then added, as `diff` shows it.
    public static func edits(from old: [String], to new: [String]) -> [Edit] {
        // Common head and tail first: most edits touch a few lines in the middle.
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
            && old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        var result = old[..<prefix].map(Edit.same)
        result += middleEdits(oldMiddle, newMiddle)
        result += old[(old.count - suffix)...].map(Edit.same)
        return result
    }

    private static func middleEdits(_ old: [String], _ new: [String]) -> [Edit] {
        if old.isEmpty { return new.map(Edit.added) }
        if new.isEmpty { return old.map(Edit.removed) }
        guard old.count * new.count <= maximumCells else {
            return old.map(Edit.removed) + new.map(Edit.added)
        }
        // lengths[i][j]: the LCS length of old[i...] and new[j...], flattened.
        let width = new.count + 1
        var lengths = [Int](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = old[i] == new[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < old.count && j < new.count {
            if old[i] == new[j] {
                edits.append(.same(old[i]))
                i += 1
                j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                edits.append(.removed(old[i]))
                i += 1
            } else {
                edits.append(.added(new[j]))
                j += 1
            }
        }
        edits += old[i...].map(Edit.removed)
        edits += new[j...].map(Edit.added)
        return edits
    }

    /// The lines of a text: split at LF, a trailing CR dropped, no empty last line for a
    /// text that ends with a line break.
    public static func lines(_ text: String) -> [String] {
        // By bytes: "\r\n" is one Character, so splitting the String at "\n" would miss it.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A unified diff of `old` to `new` with `context` lines around each change, for
    /// `freq index --check`; "" when they are equal. The header names both sides.
    public static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        // Number every edit with the old and new line it stands at.
        var numbered: [(edit: Edit, old: Int, new: Int)] = []
        var oldLine = 0
        var newLine = 0
        for edit in edits(from: lines(old), to: lines(new)) {
            numbered.append((edit, oldLine, newLine))
            switch edit {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        let changed = numbered.indices.filter { if case .same = numbered[$0].edit { return false } else { return true } }
        guard let first = changed.first, let last = changed.last else {
            return "--- \(oldName)\n+++ \(newName)\n\\ the files differ only in line endings\n"
        }
        // Changes closer than twice the context share a hunk.
        var groups: [ClosedRange<Int>] = []
        var start = first
        var end = first
        for index in changed.dropFirst() {
            if index - end > 2 * context {
                groups.append(start...end)
                start = index
            }
            end = index
        }
        groups.append(start...last)
        var output = "--- \(oldName)\n+++ \(newName)\n"
        for group in groups {
            let hunk = numbered[max(0, group.lowerBound - context)...min(numbered.count - 1, group.upperBound + context)]
            let oldCount = hunk.count { if case .added = $0.edit { return false } else { return true } }
            let newCount = hunk.count { if case .removed = $0.edit { return false } else { return true } }
            let oldStart = hunk.first?.old ?? 0
            let newStart = hunk.first?.new ?? 0
            output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for item in hunk {
                switch item.edit {
                case .same(let line): output += " " + line + "\n"
                case .removed(let line): output += "-" + line + "\n"
                case .added(let line): output += "+" + line + "\n"
                }
            }
        }
        if !old.isEmpty, !new.isEmpty, old.hasSuffix("\n") != new.hasSuffix("\n") {
            output += "\\ the files differ in their final newline\n"
        }
        return output
    }

    /// An empty side is numbered by the line before it, as diff(1) does.
    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }
}
