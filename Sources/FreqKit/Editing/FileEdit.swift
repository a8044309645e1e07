/// One file an edit writes, computed in memory first: an edit that touches two files
/// computes both before writing either, so a refusal leaves neither half-changed.
public struct FileEdit: Sendable {
    /// Path from the repository root.
    public let path: String
    /// The bytes the file must still hold when it is replaced; nil for a new file, which
    /// must not exist yet.
    public let original: [UInt8]?
    public let edited: [UInt8]
    /// What the edit did, for the person who asked: `requests/x.md: new → triaged`.
    public let summary: String
    /// The id of the request the file holds.
    public var requestID: String? = nil
}

/// An edit freq will not make, with the reason: the request already lists the customer,
/// the workflow forbids the move, the file's YAML is too unusual to edit safely. The
/// command line prints it as an error and exits 1.
public struct EditRefusal: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension FrontMatterEditor {
    /// Runs an edit of the file at `path`, turning "this YAML cannot be edited safely"
    /// into a refusal naming the file.
    static func editing(_ path: String, _ body: () throws(FrontMatterEditError) -> [UInt8]) throws(EditRefusal) -> [UInt8] {
        do {
            return try body()
        } catch {
            throw EditRefusal("\(path): \(error.message)")
        }
    }
}
