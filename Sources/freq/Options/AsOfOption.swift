import ArgumentParser
import Foundation
import FreqKit

/// `--as-of DAY`: the "today" ages are counted to, fixed for reproducible output.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Count ages up to this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    func validate() throws {
        if let asOf, UTCTime.parseDay(asOf) == nil {
            throw ValidationError("--as-of: expected a day written YYYY-MM-DD, got `\(asOf)`")
        }
    }

    /// Seconds since 1970 of that day, or now.
    var now: Int64 { asOf.flatMap(UTCTime.parseDay) ?? Int64(Date().timeIntervalSince1970) }
}
