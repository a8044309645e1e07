import Dispatch
import FreqKit

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

/// Two pieces of work that share no state, side by side: `first` on another thread while
/// `second` runs on this one (for `check --base`: git objects and the review cache on one
/// side, the working tree's files on the other, which opens no git object).
enum SideBySide {
    static func run<First, Second>(_ first: () throws -> First, _ second: () throws -> Second) throws -> (First, Second) {
        try withoutActuallyEscaping(first) { first in
            let handed = Handover(work: first)
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { handed.run() }
            let secondResult = Result { try second() }
            group.wait()
            guard let firstResult = handed.result else { throw ToolFailure("internal error: work handed to another thread did not run") }
            return (try firstResult.get(), try secondResult.get())
        }
    }

    /// The work and its result, crossing to the other thread and back once; `group.wait()`
    /// orders the write before the read.
    private final class Handover<Value>: @unchecked Sendable {
        let work: () throws -> Value
        var result: Result<Value, any Error>?

        init(work: @escaping () throws -> Value) {
            self.work = work
        }

        func run() {
            result = Result { try work() }
        }
    }
}
