/// A JSON number as the validator compares it: exactly, whether integer or double.
enum SchemaNumber: Sendable, Hashable {
    case integer(Int)
    case double(Double)

    init?(_ value: JSONValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .double(let double): self = .double(double)
        default: return nil
        }
    }

    var doubleValue: Double {
        switch self {
        case .integer(let integer): return Double(integer)
        case .double(let double): return double
        }
    }

    /// The sign of `self - other` (-1, 0, 1), computed without rounding an `Int` through
    /// `Double`; nil when either is NaN.
    func compare(to other: SchemaNumber) -> Int? {
        switch (self, other) {
        case (.integer(let a), .integer(let b)):
            return a < b ? -1 : a > b ? 1 : 0
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : a > b ? 1 : 0
        case (.integer(let a), .double(let b)):
            return Self.compare(a, b)
        case (.double(let a), .integer(let b)):
            return Self.compare(b, a).map { -$0 }
        }
    }

    /// The sign of `integer - double`, exactly.
    private static func compare(_ integer: Int, _ double: Double) -> Int? {
        if double.isNaN { return nil }
        // 2^63 is exactly representable; beyond it no Int is as large.
        if double >= 9.223372036854775808e18 { return -1 }
        if double < -9.223372036854775808e18 { return 1 }
        let floor = double.rounded(.down)
        let floorInteger = Int(floor)
        if integer < floorInteger { return -1 }
        if integer > floorInteger { return 1 }
        return double > floor ? -1 : 0
    }

    /// Whether `self` is an integer multiple of `divisor` (which is positive).
    ///
    /// Doubles are compared through their shortest decimal form, so 0.0075 is a multiple of
    /// 0.0001 even though the binary quotient is 74.99999999999999.
    func isMultiple(of divisor: SchemaNumber) -> Bool {
        if case .integer(let a) = self, case .integer(let b) = divisor {
            return b != 0 && a % b == 0
        }
        if let (valueMantissa, valueExponent) = decimalParts,
            let (divisorMantissa, divisorExponent) = divisor.decimalParts
        {
            if divisorMantissa == 0 { return false }
            let exponent = min(valueExponent, divisorExponent)
            if let scaledDivisor = Self.scale(divisorMantissa, by: divisorExponent - exponent) {
                // value = m * 10^k: reduce modulo the divisor without ever forming 10^k.
                let modulus = scaledDivisor.magnitude
                var remainder = valueMantissa.magnitude % modulus
                var power = UInt(10) % modulus
                var k = valueExponent - exponent
                while k > 0 {
                    if k & 1 == 1 { remainder = Self.multiply(remainder, power, modulo: modulus) }
                    power = Self.multiply(power, power, modulo: modulus)
                    k >>= 1
                }
                return remainder == 0
            }
        }
        // Too large for exact decimal arithmetic: fall back to the binary quotient.
        let quotient = doubleValue / divisor.doubleValue
        return quotient.isFinite && quotient.rounded() == quotient
    }

    /// `mantissa * 10^exponent == self`, with the mantissa's trailing zeros removed;
    /// nil when the mantissa does not fit in `Int` or the value is not finite.
    var decimalParts: (mantissa: Int, exponent: Int)? {
        switch self {
        case .integer(var mantissa):
            var exponent = 0
            while mantissa != 0, mantissa % 10 == 0 {
                mantissa /= 10
                exponent += 1
            }
            return (mantissa, exponent)
        case .double(let double):
            guard double.isFinite else { return nil }
            return Self.decimalParts(of: "\(double)")
        }
    }

    /// Parses Swift's shortest round-trip form of a double: `-1.25e-05`, `0.0001`, `12.0`.
    private static func decimalParts(of text: String) -> (mantissa: Int, exponent: Int)? {
        var mantissa = 0
        var exponent = 0
        var negative = false
        var afterPoint = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "-" {
            negative = true
            scalars.removeFirst()
        }
        while let scalar = scalars.first, scalar != "e", scalar != "E" {
            scalars.removeFirst()
            if scalar == "." {
                afterPoint = true
                continue
            }
            guard ("0"..."9").contains(scalar) else { return nil }
            let digit = Int(scalar.value) - 48
            let (shifted, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            mantissa = sum
            if afterPoint { exponent -= 1 }
        }
        if !scalars.isEmpty {
            scalars.removeFirst()
            guard let explicit = Int(String(scalars)) else { return nil }
            exponent += explicit
        }
        while mantissa != 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return (negative ? -mantissa : mantissa, exponent)
    }

    private static func multiply(_ a: UInt, _ b: UInt, modulo modulus: UInt) -> UInt {
        let product = a.multipliedFullWidth(by: b)
        return modulus.dividingFullWidth((product.high, product.low)).remainder
    }

    private static func scale(_ mantissa: Int, by power: Int) -> Int? {
        var result = mantissa
        for _ in 0..<power {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = product
        }
        return result
    }
}

extension JSONValue {
    /// The same value with every integral double turned into `.integer`, so that the
    /// synthesized `Hashable` agrees with JSON Schema equality (1 equals 1.0, deep).
    ///
    /// Below `depth` 0 the value is returned as is, so pathological nesting cannot
    /// overflow the stack.
    func canonicalized(depth: Int = 256) -> JSONValue {
        switch self {
        case .double(let double):
            if double.rounded() == double, double >= -9.223372036854775808e18,
                double < 9.223372036854775808e18
            {
                return .integer(Int(double))
            }
            return self
        case .array(let items) where depth > 0:
            return .array(items.map { $0.canonicalized(depth: depth - 1) })
        case .object(let members) where depth > 0:
            return .object(members.mapValues { $0.canonicalized(depth: depth - 1) })
        default:
            return self
        }
    }
}
