import Foundation
import Testing

@testable import FreqKit

/// `ParallelWork.map` and `mapTakingTurns`: order kept, one context per slice (per thread),
/// the earliest error thrown.
@Suite("ParallelWork")
struct ConcurrencyTests {
    struct Failed: Error, Equatable {
        var index: Int
    }

    /// Hands out 0, 1, 2... from any thread.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        func take() -> Int { lock.withLock { defer { next += 1 }; return next } }
        var count: Int { lock.withLock { next } }
    }

    @Test(arguments: [0, 1, 3, 7, 1000])
    func resultsComeBackInTheItemsOrder(chunks: Int) {
        let items = Array(0..<500)
        #expect(ParallelWork.map(items, chunks: chunks) { $0 * 2 } == items.map { $0 * 2 })
        #expect(ParallelWork.map([Int](), chunks: chunks) { $0 }.isEmpty)
    }

    @Test func eachSliceMakesOneContextForAContiguousRun() {
        let made = Counter()
        let contexts = ParallelWork.map(Array(0..<100), chunks: 4, context: { made.take() }) { context, _ in context }
        #expect(made.count == 4)
        // Four runs of 25, each served by one context.
        var runs: [(context: Int, length: Int)] = []
        for context in contexts {
            if let last = runs.last, last.context == context {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((context, 1))
            }
        }
        #expect(runs.map(\.length) == [25, 25, 25, 25])
        #expect(Set(runs.map(\.context)).count == 4)
        // No items, no context.
        let none = ParallelWork.map([Int](), chunks: 4, context: { made.take() }) { context, _ in context }
        #expect(none.isEmpty)
        #expect(made.count == 4)
    }

    @Test func theEarliestFailingItemsErrorIsThrown() {
        #expect(throws: Failed(index: 30)) {
            try ParallelWork.map(Array(0..<100), chunks: 4) { (item: Int) throws(Failed) -> Int in
                if item == 30 || item == 31 || item == 70 { throw Failed(index: item) }
                return item
            }
        }
        // A slice whose context cannot be made fails with that error, running no item.
        let ran = Counter()
        #expect(throws: Failed(index: -1)) {
            try ParallelWork.map(
                Array(0..<100), chunks: 4, context: { () throws(Failed) -> Int in throw Failed(index: -1) },
                { (_: Int, item: Int) throws(Failed) -> Int in
                    _ = ran.take()
                    return item
                })
        }
        #expect(ran.count == 0)
    }

    @Test func slicesCoverEveryItemOnceAndDifferByOneAtMost() {
        for count in [0, 1, 5, 99, 100] {
            for slices in 1...8 {
                let ranges = (0..<slices).map { ParallelWork.range(of: $0, in: slices, count: count) }
                #expect(ranges.flatMap { Array($0) } == Array(0..<count))
                let sizes = ranges.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
            }
        }
    }

    @Test(arguments: [1, 2, 5])
    func takingTurnsKeepsTheItemsOrderWithOneContextPerThread(threads: Int) throws {
        let items = Array(0..<300)
        let made = Counter()
        let results = ParallelWork.mapTakingTurns(items, threads: threads, context: { made.take() }) { context, item in
            (item * 2, context)
        }
        #expect(results.map(\.0) == items.map { $0 * 2 })
        // At most one context per thread, made only by threads that took an item.
        #expect(made.count >= 1 && made.count <= threads)
        #expect(Set(results.map(\.1)).count == made.count)
        #expect(ParallelWork.mapTakingTurns([Int](), threads: threads, context: { made.take() }) { _, item in item }.isEmpty)
    }

    @Test func takingTurnsThrowsTheEarliestFailingItemsError() {
        #expect(throws: Failed(index: 30)) {
            try ParallelWork.mapTakingTurns(
                Array(0..<100), threads: 3, context: { () throws(Failed) -> Int in 0 },
                { (_: Int, item: Int) throws(Failed) -> Int in
                    if item == 30 || item == 31 || item == 70 { throw Failed(index: item) }
                    return item
                })
        }
        let ran = Counter()
        #expect(throws: Failed(index: -1)) {
            try ParallelWork.mapTakingTurns(
                Array(0..<100), threads: 2, context: { () throws(Failed) -> Int in throw Failed(index: -1) },
                { (_: Int, item: Int) throws(Failed) -> Int in
                    _ = ran.take()
                    return item
                })
        }
        #expect(ran.count == 0)
    }
}
