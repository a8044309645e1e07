/// No two files hold the same id.
struct IDUniqueRule: RegistryRule {
    static let id = "id-unique"
    static let summary = "two requests have the same id"
    static let defaultSeverity = Severity.error
    static let example = "two agents both picked `FR-0042`"

    static func check(_ index: RegistryIDIndex, _ context: RuleContext, _ sink: inout FindingSink) {
        let field: InstancePath = [.key(context.config.idField)]
        for (key, holders) in index.sharedIDs {
            let paths = holders.map(\.path).sorted { $0.precedesInByteOrder($1) }
            for holder in holders {
                let others = paths.filter { !$0.hasSameBytes(as: holder.path) }.joined(separator: ", ")
                sink.report(
                    self, path: holder.path, at: holder.idLocation, "id `\(key.text)` is also used by \(others)",
                    hint: "give one of them the next free id (`freq new` picks one)", field: field)
            }
        }
    }
}
