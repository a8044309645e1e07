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

    /// Maps `items` with `body` on at most `threads` threads, each taking the next item in
    /// the items' order as soon as it is free: for items of very different costs, the
    /// costliest first. Each thread makes its own context once, as `map` does per slice.
    /// A thread stops at its first error; the error of the earliest failing item is thrown.
    static func mapTakingTurns<Item: Sendable, Context, Output: Sendable, Failure: Error>(
        _ items: [Item], threads: Int,
        context makeContext: @Sendable () throws(Failure) -> Context,
        _ body: @Sendable (Context, Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        if items.isEmpty { return [] }
        let results = UnsafeResults<Output>(count: items.count)
        let failures = UnsafeResults<Failure>(count: items.count)
        let turns = Turns()
        DispatchQueue.concurrentPerform(iterations: min(max(1, threads), items.count)) { _ in
            var context: Context?
            while let index = turns.next(below: items.count) {
                do throws(Failure) {
                    let made: Context
                    if let context {
                        made = context
                    } else {
                        made = try makeContext()
                        context = made
                    }
                    results[index] = try body(made, items[index])
                } catch {
                    failures[index] = error
                    return
                }
            }
        }
        for case let failure? in failures.values { throw failure }
        // Every item was taken (a thread stops only at an error), so every slot is filled.
        return results.takeValues()
    }

    /// `first` and `second` at once, on two threads: two independent steps of one run
    /// (listing the folders while the cache file is read).
    static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let firsts = UnsafeResults<First>(count: 1)
        let seconds = UnsafeResults<Second>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { step in
            if step == 0 { firsts[0] = first() } else { seconds[0] = second() }
        }
        // `concurrentPerform` returns after both steps: both slots are filled.
        return (firsts.takeValues()[0], seconds.takeValues()[0])
    }

    /// The items of slice `slice` of `slices`: sizes differ by one at most.
    static func range(of slice: Int, in slices: Int, count: Int) -> Range<Int> {
        (count * slice / slices)..<(count * (slice + 1) / slices)
    }
}

/// Hands out 0, 1, 2... to whichever thread asks next.
private final class Turns: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0

    func next(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}
