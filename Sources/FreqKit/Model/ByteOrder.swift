import Foundation

extension String {
    /// Byte-order (UTF-8) comparison, as docs/contracts.md sorts ids and paths; Swift's own `<`
    /// follows Unicode canonical ordering instead. Uses memcmp on native strings.
    @inline(__always)
    public func precedesInByteOrder(_ other: String) -> Bool {
        var copy = self
        var otherCopy = other
        return copy.withUTF8 { left in
            otherCopy.withUTF8 { right in compareBytes(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right)) < 0 }
        }
    }
}

/// memcmp's order of two byte runs, the shorter first when one starts the other:
/// negative, zero or positive.
@inline(__always)
func compareBytes(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
    let common = min(left.count, right.count)
    if common > 0, let a = left.baseAddress, let b = right.baseAddress {
        let order = memcmp(a, b, common)
        if order != 0 { return Int(order) }
    }
    return left.count - right.count
}

/// A string compared and hashed by its UTF-8 bytes. Swift's `String ==` treats canonically
/// equivalent texts as equal (NFC `café` == NFD `café`), but two such file names are two
/// files in git, and docs/history.md compares ids "as written": dictionary keys of paths and
/// ids use this instead.
public struct ByteKey: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
        lhs.text.hasSameBytes(as: rhs.text)
    }

    public func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public var description: String { text }
}

extension ByteKey: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.text = text }
}

extension String {
    /// Whether the two have the same UTF-8 bytes: paths and ids compare so (`ByteKey`).
    @inline(__always)
    public func hasSameBytes(as other: String) -> Bool {
        // One memcmp instead of a walk through two UTF-8 views.
        var copy = self
        var otherCopy = other
        return copy.withUTF8 { left in
            otherCopy.withUTF8 { right in
                left.count == right.count && compareBytes(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right)) == 0
            }
        }
    }
}
