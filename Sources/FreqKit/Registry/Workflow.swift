/// The status workflow of `registry.yml`: which status may follow which. The one place
/// that decides a move, for `move`, `check` and `diff` alike.
public struct Workflow: Sendable, Hashable {
    /// `status.transitions`; nil when the registry sets none (then any move is allowed).
    public let transitions: [String: [String]]?

    /// Creates a workflow from a transitions table.
    public init(transitions: [String: [String]]?) {
        self.transitions = transitions
    }

    /// The statuses that may follow `status`, in the configuration's order; nil when the
    /// workflow has no transitions table. A status the table does not list as a source is
    /// final: nothing may follow it.
    public func successors(of status: String) -> [String]? {
        transitions.map { $0[status] ?? [] }
    }

    /// Whether a request may go from `from` to `to` in one step (staying put always may).
    public func allows(from: String, to: String) -> Bool {
        from == to || successors(of: from)?.contains(to) ?? true
    }
}

extension RegistryConfig {
    /// The configuration's status workflow.
    public var workflow: Workflow { Workflow(transitions: transitions) }
}
