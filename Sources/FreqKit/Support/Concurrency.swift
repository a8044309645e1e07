import Dispatch
import Foundation

/// A fixed-size result buffer that `concurrentPerform` workers write to, each at its own
/// index: no two threads ever touch the same slot, and the buffer itself never moves,
/// so no lock is needed.
final class UnsafeResults<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = UnsafeMutableBufferPointer<Value?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    var values: [Value?] { Array(buffer) }
}

/// Lets an immutable array of non-Sendable-declared ids cross into worker closures.
struct SendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

enum System {
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Data-parallel loops over the cores.
enum ParallelWork {
    /// `transform` applied to every item on every core, results in the items' order. The
    /// items are cut into a few contiguous slices per core, so uneven items balance out.
    static func map<Item, Output>(_ items: [Item], _ transform: (Item) -> Output) -> [Output] {
        if items.count < 2 { return items.map(transform) }
        let results = UnsafeResults<Output>(count: items.count)
        let slices = min(items.count, 4 * System.coreCount)
        withoutActuallyEscaping(transform) { transform in
            let shared = SendableBox((items, transform))
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let (items, transform) = shared.value
                for index in (items.count * slice / slices)..<(items.count * (slice + 1) / slices) {
                    results[index] = transform(items[index])
                }
            }
        }
        // Every slot was written above, so nothing is dropped.
        return results.values.compactMap { $0 }
    }
}
