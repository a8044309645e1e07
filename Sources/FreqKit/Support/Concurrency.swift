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
