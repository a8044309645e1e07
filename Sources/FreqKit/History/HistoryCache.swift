import Foundation

/// The persistent history cache: one file per configuration fingerprint, holding the
/// walk's state at its last commit. Safe to delete; a corrupt, truncated or foreign
/// file is ignored (and replaced by the next run); writes go to a temporary file that
/// is renamed into place, so two runs at once never leave a torn file.
public struct HistoryCache: Sendable {
    /// The folder the cache files live in (e.g. `.git/freq/`).
    public let folder: String

    public init(folder: String) {
        self.folder = folder.hasSuffix("/") ? folder : folder + "/"
    }

    public func path(for fingerprint: String) -> String {
        folder + "history-\(fingerprint).cache"
    }

    /// The cached state for `fingerprint`, or nil when absent or unusable.
    public func load(fingerprint: String) -> HistoryState? {
        guard let data = FileManager.default.contents(atPath: path(for: fingerprint)) else { return nil }
        guard var state = HistoryCacheCodec.decode([UInt8](data)), state.fingerprint == fingerprint else { return nil }
        state.rebuildHolders()
        return state
    }

    /// Stores the state atomically. Failing to write a cache is never an error for the
    /// run that tried (a read-only repository still gets its answer), so it reports false.
    @discardableResult
    public func store(_ state: HistoryState) -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let bytes = HistoryCacheCodec.encode(state)
            try Data(bytes).write(to: URL(fileURLWithPath: path(for: state.fingerprint)), options: .atomic)
            return true
        } catch {
            return false
        }
    }
}

/// A compact binary form of `HistoryState`: length-prefixed fields and a checksum.
/// Hand-written because decoding must take a few milliseconds for 10,000 requests.
enum HistoryCacheCodec {
    static let magic = Array("FREQHIST2\n".utf8)

    static func encode(_ state: HistoryState) -> [UInt8] {
        // Written in dictionary order: the cache is read back into dictionaries anyway,
        // and sorting 20,000 strings was a fifth of a warm run.
        var out = ByteWriter()
        out.bytes.reserveCapacity(4 << 20)
        out.string(state.fingerprint)
        out.optional(state.lastCommit)
        out.int(state.lastTime)
        out.optional(state.lastFolder)
        out.int(Int64(state.commits))
        out.int(Int64(state.files.count))
        for (path, version) in state.files {
            out.string(path.text)
            out.string(version.blob)
            out.optional(version.id)
            out.optional(version.status)
        }
        out.int(Int64(state.unreadableVersions.count))
        for version in state.unreadableVersions { out.string(version.text) }
        out.int(Int64(state.requests.count))
        for request in state.requests.values {
            out.string(request.id)
            out.string(request.path)
            out.string(request.status)
            out.string(request.received.commit)
            out.int(request.received.time)
            out.string(request.receivedStatus)
            out.int(request.isPresent ? 1 : 0)
            out.string(request.lastBlob)
            out.int(Int64(request.events.count))
            for event in request.events {
                switch event.kind {
                case .status(let from, let to):
                    out.int(0)
                    out.string(from)
                    out.string(to)
                case .removed: out.int(1)
                case .restored: out.int(2)
                }
                out.string(event.at.commit)
                out.int(event.at.time)
            }
        }
        var checksum = FNV1a()
        checksum.add(bytes: out.bytes)
        return magic + out.bytes + Array(checksum.hex.utf8)
    }

    static func decode(_ data: [UInt8]) -> HistoryState? {
        guard data.count > magic.count + 16, Array(data.prefix(magic.count)) == magic else { return nil }
        let body = Array(data[magic.count..<(data.count - 16)])
        var checksum = FNV1a()
        checksum.add(bytes: body)
        guard Array(checksum.hex.utf8) == Array(data.suffix(16)) else { return nil }
        var input = ByteReader(bytes: body)
        return try? input.readState()
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int64) {
        var value = UInt64(bitPattern: value)
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    mutating func string(_ text: String) {
        int(Int64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func optional(_ text: String?) {
        if let text {
            bytes.append(1)
            string(text)
        } else {
            bytes.append(0)
        }
    }
}

struct ByteReader {
    struct Truncated: Error {}

    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func int() throws -> Int64 {
        guard offset + 8 <= bytes.count else { throw Truncated() }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return Int64(bitPattern: value)
    }

    mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= Int64(bytes.count - offset) else { throw Truncated() }
        return Int(value)
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]), as: UTF8.self)
        }
    }

    mutating func optional() throws -> String? {
        guard offset < bytes.count else { throw Truncated() }
        offset += 1
        return bytes[offset - 1] == 1 ? try string() : nil
    }

    mutating func readState() throws -> HistoryState {
        var state = HistoryState()
        state.fingerprint = try string()
        state.lastCommit = try optional()
        state.lastTime = try int()
        state.lastFolder = try optional()
        state.commits = Int(try int())
        for _ in 0..<(try count()) {
            let path = try string()
            state.files[ByteKey(path)] = FileVersion(blob: try string(), id: try optional(), status: try optional())
        }
        for _ in 0..<(try count()) { state.unreadableVersions.insert(ByteKey(try string())) }
        for _ in 0..<(try count()) {
            let id = try string()
            let path = try string()
            let status = try string()
            let received = HistoryPoint(commit: try string(), time: try int())
            let receivedStatus = try string()
            let isPresent = try int() == 1
            let lastBlob = try string()
            var events: [TimelineEvent] = []
            for _ in 0..<(try count()) {
                let kind: TimelineEvent.Kind
                switch try int() {
                case 0: kind = .status(from: try string(), to: try string())
                case 1: kind = .removed
                case 2: kind = .restored
                default: throw Truncated()
                }
                events.append(TimelineEvent(kind: kind, at: HistoryPoint(commit: try string(), time: try int())))
            }
            state.requests[ByteKey(id)] = RequestState(
                id: id, path: path, status: status, received: received, receivedStatus: receivedStatus,
                events: events, isPresent: isPresent, lastBlob: lastBlob)
        }
        guard offset == bytes.count else { throw Truncated() }
        return state
    }
}
