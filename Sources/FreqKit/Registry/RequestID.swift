/// Ids as people type them: `8`, `FR-8` and `fr-0008` all mean `FR-0008` when exactly one
/// request's id reads that way.
public enum RequestID {
    /// The id among `ids` that `typed` names: the same text, else the one id equal to it
    /// ignoring case, else the one whose number (and prefix, when typed) is the same. Nil
    /// when none or several do.
    public static func resolve<S: Sequence>(_ typed: String, among ids: S) -> String? where S.Element == String {
        let ids = Array(ids)
        if ids.contains(typed) { return typed }
        let folded = typed.lowercased()
        if let only = unique(ids.filter { $0.lowercased() == folded }) { return only }
        guard let wanted = split(typed) else { return nil }
        return unique(ids.filter { id in
            guard let candidate = split(id), candidate.number == wanted.number, candidate.suffix == wanted.suffix else {
                return false
            }
            return wanted.prefix.isEmpty || candidate.prefix.lowercased() == wanted.prefix.lowercased()
        })
    }

    /// `FR-0008` → ("FR-", 8, ""); `8` → ("", 8, ""); nil without digits.
    static func split(_ id: String) -> (prefix: String, number: Int, suffix: String)? {
        let scalars = Array(id.unicodeScalars)
        guard let last = scalars.lastIndex(where: { ("0"..."9").contains($0) }) else { return nil }
        var first = last
        while first > 0, ("0"..."9").contains(scalars[first - 1]) { first -= 1 }
        let digits = String(String.UnicodeScalarView(scalars[first...last]))
        guard let number = Int(digits) else { return nil }
        return (
            String(String.UnicodeScalarView(scalars[..<first])), number,
            String(String.UnicodeScalarView(scalars[(last + 1)...])).lowercased()
        )
    }

    private static func unique(_ matches: [String]) -> String? {
        Set(matches).count == 1 ? matches.first : nil
    }
}
