import Dispatch

/// Work that must finish before the process exits but need not delay the output, such
/// as writing the history cache while the answer is being rendered on the other core.
enum Background {
    private static let group = DispatchGroup()

    static func run(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(group: group, execute: work)
    }

    /// Called by the entry point before every exit.
    static func wait() {
        group.wait()
    }
}
