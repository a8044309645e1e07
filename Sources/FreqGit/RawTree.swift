import CLibGit2
import Foundation
import FreqPaths

/// A tree object as stored (`<mode> <name>\0<20-byte id>` per entry, sorted by name), and
/// where each of its entries starts, for comparing two versions of a large folder: they
/// share nearly all their bytes, which `memcmp` skips, and only the entries in between are
/// read. (Through libgit2's parsed trees, each of 10,000 entries cost several C calls per
/// comparison and the parse itself an allocation per tree: a fifth of the cold history walk.)
final class RawTree {
    private let object: OpaquePointer
    /// Keeps the repository open while the object is held, as `Tree` does.
    private let owner: RepositoryHandle
    let bytes: UnsafeRawBufferPointer
    /// Where each entry starts, then the end of the data: entry `index` spans
    /// `offsets[index]..<offsets[index + 1]`, which ends with a NUL and the 20-byte id.
    /// Empty until the tree is framed (`frame`, `differingEntries`).
    private var offsets: [Int] = []

    /// Reads tree `id`; its entries are found when it is first compared.
    init(_ id: ObjectID, in owner: RepositoryHandle) throws(GitError) {
        var database: OpaquePointer?
        try check("git_repository_odb", git_repository_odb(&database, owner.pointer))
        defer { git_odb_free(database) }
        var oid = id.oid
        var object: OpaquePointer?
        let code = git_odb_read(&object, database, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: code, function: "git_odb_read").explained("tree \(id.short) is missing from the repository")
        }
        try check("git_odb_read", code)
        guard let object else { throw GitError(kind: .other, message: "tree \(id.short) could not be read") }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
            git_odb_object_free(object)
            throw GitError(kind: .other, message: "object \(id.short) is not a tree", function: "git_odb_read")
        }
        self.object = object
        self.owner = owner
        let size = git_odb_object_size(object)
        let start: UnsafeRawPointer? = size == 0 ? nil : git_odb_object_data(object)
        bytes = UnsafeRawBufferPointer(start: start, count: size)
    }

    deinit { git_odb_object_free(object) }

    var isFramed: Bool { !offsets.isEmpty }

    /// The number of entries (of a framed tree).
    var count: Int { offsets.count - 1 }

    /// Finds every entry, checking the format as libgit2 does when it parses a tree.
    func frame() throws(GitError) {
        if isFramed { return }
        var found = [0]
        var position = 0
        while position < bytes.count {
            position = try entryEnd(from: position)
            found.append(position)
        }
        offsets = found
    }

    /// The entries that differ between `old` and `new` (index ranges; the entries before
    /// and after them are the same bytes in both), framing either tree if it is not yet.
    /// At least one of the two is framed in full; the other is framed from it, reading
    /// only its entries after the bytes both share at their start, until one ends where
    /// the bytes both share at their end begin on an entry boundary of the framed one
    /// (from there on, the same bytes are framed the same way).
    static func differingEntries(_ old: RawTree, _ new: RawTree) throws(GitError) -> (old: Range<Int>, new: Range<Int>) {
        if !old.isFramed && !new.isFramed { try old.frame() }
        let head = commonPrefix(old.bytes, new.bytes)
        // Never overlapping the shared start in the shorter of the two.
        let tail = commonSuffix(old.bytes, new.bytes, limit: min(old.bytes.count, new.bytes.count) - head)
        if !new.isFramed {
            try new.frame(like: old, head: head, tail: tail)
        } else if !old.isFramed {
            try old.frame(like: new, head: head, tail: tail)
        }
        // The entries wholly inside the shared start are framed alike in both: framing
        // reads forward, and each of them only from its own bytes.
        let kept = old.entries(endingBy: head)
        guard kept <= new.count, new.offsets[kept] == old.offsets[kept] else {
            return (0..<old.count, 0..<new.count)
        }
        // The first entry boundary of `old` in the shared end that is one of `new` too.
        let shift = new.bytes.count - old.bytes.count
        var oldEnd = old.firstEntry(startingAtOrAfter: old.bytes.count - tail)
        while true {
            if let newEnd = new.entry(startingAt: old.offsets[oldEnd] + shift) { return (kept..<oldEnd, kept..<newEnd) }
            // The data's end is one, so this ends.
            oldEnd += 1
        }
    }

    /// Frames this tree from `other` (framed), given the bytes the two share at their
    /// start (`head`) and end (`tail`).
    private func frame(like other: RawTree, head: Int, tail: Int) throws(GitError) {
        let shift = bytes.count - other.bytes.count
        let kept = other.entries(endingBy: head)
        var found = Array(other.offsets[0...kept])
        var position = other.offsets[kept]
        var match = kept
        while position < bytes.count {
            if position >= bytes.count - tail {
                let theirs = position - shift
                while match < other.offsets.count && other.offsets[match] < theirs { match += 1 }
                if match < other.offsets.count && other.offsets[match] == theirs {
                    found.append(contentsOf: other.offsets[(match + 1)...].lazy.map { $0 + shift })
                    offsets = found
                    return
                }
            }
            position = try entryEnd(from: position)
            found.append(position)
        }
        offsets = found
    }

    /// How many entries end at or before byte `limit` (the last offset not after it).
    private func entries(endingBy limit: Int) -> Int {
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= limit { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The first entry (or the end, `count`) that starts at or after byte `limit`.
    private func firstEntry(startingAtOrAfter limit: Int) -> Int {
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] >= limit { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The entry (or the end, `count`) that starts at byte `position`, if one does.
    private func entry(startingAt position: Int) -> Int? {
        let index = firstEntry(startingAtOrAfter: position)
        return offsets[index] == position ? index : nil
    }

    /// Where the entry starting at `start` ends. The checks and messages are libgit2's
    /// (`git_tree__parse`): an octal mode that fits 16 bits, a space, a non-empty name, a
    /// NUL, an id.
    private func entryEnd(from start: Int) throws(GitError) -> Int {
        var position = start
        var mode = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[position]) {
            mode = mode << 3 + Int(bytes[position] - UInt8(ascii: "0"))
            guard mode <= Int(UInt16.max) else { throw Self.damaged("can't parse filemode") }
            position += 1
        }
        guard position > start else { throw Self.damaged("can't parse filemode") }
        guard position < bytes.count, bytes[position] == UInt8(ascii: " ") else {
            throw Self.damaged("missing space after filemode")
        }
        position += 1
        guard position < bytes.count, let base = bytes.baseAddress,
            let nul = memchr(base + position, 0, bytes.count - position)
        else { throw Self.damaged("object is corrupted") }
        let nameEnd = base.distance(to: UnsafeRawPointer(nul))
        guard nameEnd > position, nameEnd - position <= Int(UInt16.max) else { throw Self.damaged("can't parse filename") }
        guard bytes.count - (nameEnd + 1) >= 20 else { throw Self.damaged("can't parse OID") }
        return nameEnd + 21
    }

    private static func damaged(_ reason: String) -> GitError {
        GitError(kind: .other, message: "failed to parse tree: \(reason)", function: "git_tree__parse")
    }

    // MARK: Entries of a framed tree

    /// The mode, normalised as `git_tree_entry_filemode` does: a folder, a submodule, a
    /// link, or a file (executable when the owner may execute it).
    func mode(at index: Int) -> UInt32 {
        var raw: UInt32 = 0
        var position = offsets[index]
        while bytes[position] != UInt8(ascii: " ") {
            raw = raw << 3 + UInt32(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        if raw & 0o170000 == 0o040000 { return 0o040000 }
        if raw & 0o100 != 0 { return 0o100755 }
        if raw & 0o170000 == 0o160000 { return 0o160000 }
        if raw & 0o170000 == 0o120000 { return 0o120000 }
        return 0o100644
    }

    func isFolder(at index: Int) -> Bool { mode(at: index) == 0o040000 }

    /// The name's bytes.
    func name(at index: Int) -> UnsafeRawBufferPointer {
        var start = offsets[index]
        while bytes[start] != UInt8(ascii: " ") { start += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<(offsets[index + 1] - 21)])
    }

    /// The id's 20 bytes.
    func idBytes(at index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[(offsets[index + 1] - 20)..<offsets[index + 1]])
    }

    func entry(at index: Int) -> TreeEntry {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: idBytes(at: index)) }
        return TreeEntry(name: PathBytes.text(name(at: index)), id: ObjectID(oid), kind: EntryKind(mode: mode(at: index)))
    }
}

/// git's order of tree entries (`git_tree_entry_cmp`): by name bytes, a folder's name
/// compared as if it ended with `/`.
func treeOrder(_ a: UnsafeRawBufferPointer, folder aIsFolder: Bool, _ b: UnsafeRawBufferPointer, folder bIsFolder: Bool)
    -> Int32
{
    let shared = min(a.count, b.count)
    if shared > 0, let aBase = a.baseAddress, let bBase = b.baseAddress {
        let order = memcmp(aBase, bBase, shared)
        if order != 0 { return order }
    }
    let aNext: UInt8 = a.count > shared ? a[shared] : (aIsFolder ? UInt8(ascii: "/") : 0)
    let bNext: UInt8 = b.count > shared ? b[shared] : (bIsFolder ? UInt8(ascii: "/") : 0)
    return aNext < bNext ? -1 : aNext > bNext ? 1 : 0
}

/// Whether two byte ranges hold the same bytes.
func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else { return true }
    return memcmp(aBase, bBase, a.count) == 0
}

/// Blocks compared with `memcmp` (vectorised) before the differing one is looked at byte
/// by byte.
private let comparedBlock = 4096

/// How many bytes `a` and `b` share at their start.
private func commonPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let length = min(a.count, b.count)
    guard length > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else { return 0 }
    var shared = 0
    while shared + comparedBlock <= length && memcmp(aBase + shared, bBase + shared, comparedBlock) == 0 {
        shared += comparedBlock
    }
    while shared < length && a[shared] == b[shared] { shared += 1 }
    return shared
}

/// How many bytes `a` and `b` share at their end, at most `limit`.
private func commonSuffix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
    guard limit > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else { return 0 }
    var shared = 0
    while shared + comparedBlock <= limit {
        let aStart: Int = a.count - shared - comparedBlock
        let bStart: Int = b.count - shared - comparedBlock
        if memcmp(aBase + aStart, bBase + bStart, comparedBlock) != 0 { break }
        shared += comparedBlock
    }
    while shared < limit && a[a.count - 1 - shared] == b[b.count - 1 - shared] { shared += 1 }
    return shared
}
