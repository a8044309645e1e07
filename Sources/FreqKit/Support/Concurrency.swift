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

    /// The filled slots' values, moved out (no copy, no retain of each): the slots are
    /// empty afterwards.
    func takeValues() -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(buffer.count)
        guard let start = buffer.baseAddress else { return values }
        for index in buffer.indices {
            if let value = (start + index).move() { values.append(value) }
            (start + index).initialize(to: nil)
        }
        return values
    }
}

/// Lets an immutable array of non-Sendable-declared ids cross into worker closures.
struct SendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

enum System {
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Maps an array on every core: the items are cut into contiguous slices, each run by one
/// `concurrentPerform` iteration, and the results come back in the items' order.
/// Contiguous slices keep neighbouring items on one thread (a worker reading a run of
/// commits usually has the previous tree at hand) and cost one dispatch per slice, not
/// per item.
public enum ParallelWork {
    /// Maps `items` with `body` in at most `chunks` slices. Each slice first makes its own
    /// context with `makeContext`, on the thread that runs it, and hands it to `body` for
    /// each of its items: for what must not be shared between threads (a git handle). A
    /// slice stops at its first error; the error of the earliest failing item is thrown.
    static func map<Item: Sendable, Context, Output: Sendable, Failure: Error>(
        _ items: [Item], chunks: Int,
        context makeContext: @Sendable () throws(Failure) -> Context,
        _ body: @Sendable (Context, Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        if items.isEmpty { return [] }
        let slices = min(max(1, chunks), items.count)
        let results = UnsafeResults<Output>(count: items.count)
        let failures = UnsafeResults<Failure>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            do throws(Failure) {
                let context = try makeContext()
                for index in range(of: slice, in: slices, count: items.count) {
                    results[index] = try body(context, items[index])
                }
            } catch {
                failures[slice] = error
            }
        }
        // Slices are in the items' order: the first failing slice holds the earliest error.
        for case let failure? in failures.values { throw failure }
        // Every slice ran to its end (`concurrentPerform` returns after all of them), so
        // every slot is filled.
        return results.takeValues()
    }

    /// Maps `items` with `body` in at most `chunks` slices, needing no per-thread context.
    static func map<Item: Sendable, Output: Sendable, Failure: Error>(
        _ items: [Item], chunks: Int, _ body: @Sendable (Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        try map(items, chunks: chunks, context: { () throws(Failure) in }, { _, item throws(Failure) in try body(item) })
    }

    /// Maps `items` with `body` on every core, results in the items' order.
    public static func map<Item: Sendable, Output: Sendable>(_ items: [Item], _ body: @Sendable (Item) -> Output) -> [Output] {
        map(items, chunks: System.coreCount * 4, body)
    }

    /// The items of slice `slice` of `slices`: sizes differ by one at most.
    static func range(of slice: Int, in slices: Int, count: Int) -> Range<Int> {
        (count * slice / slices)..<(count * (slice + 1) / slices)
    }
}
