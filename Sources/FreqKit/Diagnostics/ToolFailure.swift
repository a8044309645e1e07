/// A failure of the tool, not a finding about a document: a flag naming no request, a
/// file that cannot be written, a value that cannot be used. The command line prints it
/// as `freq: error: MESSAGE` (with the fix, where there is one) and exits 2.
public struct ToolFailure: Error, Sendable, CustomStringConvertible {
    /// One line, lower-case, names in backticks.
    public var message: String

    /// Creates a failure.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
