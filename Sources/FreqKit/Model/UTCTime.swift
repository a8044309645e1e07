/// UTC calendar arithmetic without Foundation's locale machinery: byte-stable output.
public enum UTCTime {
    /// `2026-11-02T10:14:03Z` for seconds since 1970.
    public static func iso8601(_ seconds: Int64) -> String {
        let (year, month, day) = civil(days: floorDiv(seconds, 86_400))
        // The remainder, not `seconds - days * 86_400`, which overflows near Int64.min.
        let remainder = seconds % 86_400
        let secondOfDay = Int(remainder < 0 ? remainder + 86_400 : remainder)
        guard (0...9999).contains(year) else {
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
        }
        // Written digit by digit: this runs once per event of every timeline.
        var digits = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, width: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                digits[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, width: 4)
        put(month, at: 5, width: 2)
        put(day, at: 8, width: 2)
        put(secondOfDay / 3600, at: 11, width: 2)
        put(secondOfDay % 3600 / 60, at: 14, width: 2)
        put(secondOfDay % 60, at: 17, width: 2)
        for (offset, separator) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")] as [(Int, Unicode.Scalar)] {
            digits[offset] = UInt8(ascii: separator)
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// `2026-11-02`.
    public static func day(_ seconds: Int64) -> String {
        let (year, month, day) = civil(days: floorDiv(seconds, 86_400))
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `2026-11`, the month cohort.
    public static func month(_ seconds: Int64) -> String {
        let (year, month, _) = civil(days: floorDiv(seconds, 86_400))
        return "\(pad(year, 4))-\(pad(month, 2))"
    }

    /// Seconds at 00:00 UTC of `YYYY-MM-DD`; nil unless it is a real calendar day.
    public static func parseDay(_ text: String) -> Int64? {
        // Read as bytes: splitting into characters cost microseconds a day, and `list`
        // reads one per row. `YYYY-MM-DD` is ten ASCII bytes, digits but for two dashes.
        text.utf8.withContiguousStorageIfAvailable(parseDay) ?? Array(text.utf8).withUnsafeBufferPointer(parseDay)
    }

    private static func parseDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's civil_from_days.
    static func civil(days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Division rounding toward negative infinity (b > 0); safe for Int64.min.
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b < 0 ? quotient - 1 : quotient
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
