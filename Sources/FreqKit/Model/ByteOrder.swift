import Foundation

extension String {
    /// Byte-order (UTF-8) comparison, as DESIGN.md sorts ids and paths; Swift's own `<`
    /// follows Unicode canonical ordering instead. Uses memcmp on native strings.
    @inline(__always)
    public func precedesInByteOrder(_ other: String) -> Bool {
        var copy = self
        var otherCopy = other
        return copy.withUTF8 { left in
            otherCopy.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }
}
