/// The probes of a registry's records, in path order, each made when it is read: `freq
/// list` asks a few of 10,000 (whether a field or a value exists, which the first record
/// most often answers), and making all of them took longer than filtering the rows.
public struct RecordProbes: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case made([RecordProbe])
        /// The files at `indices`, with the status and category each record's probe has
        /// (their records' shapes already checked), in `listed`.
        case files([WorkingRegistry.File], indices: [Int], listed: [EncodedRecord.Listed?])
    }

    private let storage: Storage

    public init(_ probes: [RecordProbe]) {
        storage = .made(probes)
    }

    /// `listed` holds a value for each of `indices` (`listRows` checked).
    init(files: [WorkingRegistry.File], indices: [Int], listed: [EncodedRecord.Listed?]) {
        storage = .files(files, indices: indices, listed: listed)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .made(let probes): probes.count
        case .files(_, let indices, _): indices.count
        }
    }

    public subscript(position: Int) -> RecordProbe {
        switch storage {
        case .made(let probes):
            return probes[position]
        case .files(let files, let indices, let listed):
            let facts = files[indices[position]].facts
            if let bytes = facts.record, let listed = listed[position] {
                return RecordProbe(checked: bytes, status: listed.status, category: listed.category)
            }
            guard let record = facts.computedRecord else {
                preconditionFailure("`listRows` keeps only files holding an encoded or a computed record, each listed")
            }
            return RecordProbe(record)
        }
    }
}
