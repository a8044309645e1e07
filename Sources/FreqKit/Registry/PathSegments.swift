/// Path checks on bytes, the way the file system reads a path: checking characters would
/// let `/` followed by a combining mark (one character, two path bytes) hide a `..`.
public enum PathSegments {
    /// The `/`-separated segments of `path`, as bytes.
    public static func of(_ path: String) -> [ArraySlice<UInt8>] {
        Array(path.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    }

    /// Whether `path` (relative, `/`-separated) stays where it starts: no `.`, `..` or empty
    /// segment, no NUL, not absolute.
    public static func staysInside(_ path: String) -> Bool {
        guard !path.utf8.contains(0), path.utf8.first != UInt8(ascii: "/") else { return false }
        return !of(path).contains { segment in
            segment.isEmpty || segment.elementsEqual([0x2E]) || segment.elementsEqual([0x2E, 0x2E])
        }
    }
}
