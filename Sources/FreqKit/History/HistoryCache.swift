import Foundation
#if canImport(Glibc)
import Glibc

private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin

private let systemRead = Darwin.read
#endif

/// The persistent history cache: per configuration fingerprint, the walk's state at its
/// last commit (`HistoryCacheImage`), plus what changed since (`HistoryDelta`), so that a
/// run after one new commit writes a few kilobytes instead of rewriting the image; the
/// image is rewritten (and the delta dropped) once the delta grows past a sixteenth of it.
/// Safe to delete; a corrupt, truncated or foreign file is ignored (and replaced by the
/// next run); writes go to a temporary file that is renamed into place, so two runs at
/// once never leave a torn file, and a delta names the image it applies to.
public struct HistoryCache: Sendable {
    /// The folder the cache files live in (e.g. `.git/freq/`).
    public let folder: String
    /// A delta up to this size is always kept (beyond, up to a sixteenth of the image).
    let minimumDeltaBytes: Int

    public init(folder: String) {
        self.init(folder: folder, minimumDeltaBytes: 1 << 16)
    }

    init(folder: String, minimumDeltaBytes: Int) {
        self.folder = folder.hasSuffix("/") ? folder : folder + "/"
        self.minimumDeltaBytes = minimumDeltaBytes
    }

    public func path(for fingerprint: String) -> String {
        folder + "history-\(fingerprint).cache"
    }

    func deltaPath(for fingerprint: String) -> String {
        folder + "history-\(fingerprint).delta"
    }

    /// The cached state for `fingerprint`, or nil when absent or unusable. The image is
    /// only checked here, not decoded: records are read when the walk or the output needs
    /// them. A delta that is unusable, or written for another image, is ignored: the
    /// image alone is an older but consistent state.
    /// Each file's header is checked before the rest is read, and the rest only up to the
    /// size the header promises: a damaged or foreign file costs a few bytes of reading,
    /// not the gigabytes it may claim on disk.
    public func load(fingerprint: String) -> HistoryState? {
        guard let bytes = FileBytes.read(path(for: fingerprint), header: HistoryCacheImage.headerSize(fingerprint), accept: { header, size in
                HistoryCacheImage.headerPromises(header, size: size, fingerprint: fingerprint)
            }),
            let image = HistoryCacheImage(bytes), image.fingerprint == fingerprint
        else { return nil }
        var state = HistoryState(resuming: image)
        // `store` writes a delta only up to this size.
        let deltaLimit = max(minimumDeltaBytes, bytes.count / 16)
        if let delta = FileBytes.read(deltaPath(for: fingerprint), limit: deltaLimit, header: HistoryDelta.headerSize, accept: { header, _ in
            HistoryDelta.headerNames(header, image: image.checksum)
        }) {
            _ = HistoryDelta.restore(delta, onto: &state)
        }
        return state
    }

    /// Stores the state atomically. Failing to write a cache is never an error for the
    /// run that tried (a read-only repository still gets its answer), so it reports false.
    @discardableResult
    public func store(_ state: HistoryState) -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if let base = state.base, let delta = HistoryDelta.encode(state, base: base),
                delta.count <= max(minimumDeltaBytes, base.bytes.count / 16)
            {
                try write(delta, to: deltaPath(for: state.fingerprint))
                return true
            }
            guard let image = HistoryCacheCodec.encode(state) else { return false }
            try write(image, to: path(for: state.fingerprint))
            // Its image is gone; a reader meanwhile ignores it (it names the old image).
            try? FileManager.default.removeItem(atPath: deltaPath(for: state.fingerprint))
            removeStaleFiles(keeping: state.fingerprint)
            return true
        } catch {
            return false
        }
    }

    /// Cache files of other fingerprints (an older freq, a configuration since changed)
    /// whose newest file is older than `staleAfter` seconds go: nothing else would ever
    /// remove them. So do temporary files a killed run left behind (a day old).
    func removeStaleFiles(keeping fingerprint: String, staleAfter: TimeInterval = 30 * 86_400, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        func modified(_ name: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: folder + name))?[.modificationDate] as? Date
        }
        var groups: [Substring: [String]] = [:]
        for name in names {
            // `.history-*.freq-*.tmp` from `AtomicFile`; `history-*.tmp-*` from freq before it.
            if (name.hasPrefix(".history-") && AtomicFile.isTemporaryName(name)) || (name.hasPrefix("history-") && name.contains(".tmp-")) {
                if let date = modified(name), date < now.addingTimeInterval(-86_400) {
                    try? FileManager.default.removeItem(atPath: folder + name)
                }
                continue
            }
            guard name.hasPrefix("history-") else { continue }
            let key = name.dropFirst("history-".count).prefix { $0 != "." }
            if key != fingerprint { groups[key, default: []].append(name) }
        }
        for files in groups.values {
            let newest = files.compactMap(modified).max() ?? now
            guard newest < now.addingTimeInterval(-staleAfter) else { continue }
            for name in files { try? FileManager.default.removeItem(atPath: folder + name) }
        }
    }

    /// Written next to its final name, then renamed over it (`AtomicFile`): a reader sees
    /// the old file or the new one, never a torn one. A new file gets 0666 less the umask,
    /// as Foundation's `createFile` gave it before.
    private func write(_ bytes: [UInt8], to path: String) throws {
        try AtomicFile.write(bytes, to: path, newFileMode: 0o666)
    }
}

/// The changes since an image, stored next to it: the state's changed files, requests
/// (whole records, as in the image) and unreadable versions, with the new header.
///
/// Layout: magic; the image's checksum; last commit?, its time i64, its folder tree?,
/// commits i64; files (u32 count; each a path, u8 present, then blob, id?, status?);
/// requests (u32 count of image-format request records); unreadable versions (u32 count
/// of strings); an 8-byte checksum of all that precedes it.
enum HistoryDelta {
    static let magic = Array("FREQDELTA4\n".utf8)
    /// The magic and the checksum of the image the delta applies to.
    static let headerSize = magic.count + 8

    /// Whether a delta's first `headerSize` bytes name the image with `checksum`.
    static func headerNames(_ header: [UInt8], image checksum: UInt64) -> Bool {
        guard header.count == headerSize, header.starts(with: magic) else { return false }
        return UInt64(littleEndian: header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: magic.count, as: UInt64.self) }) == checksum
    }

    static func encode(_ state: HistoryState, base: HistoryCacheImage) -> [UInt8]? {
        var out = CacheWriter()
        out.bytes.append(contentsOf: magic)
        out.int64(Int64(bitPattern: base.checksum))
        out.optional(state.lastCommit)
        out.int64(state.lastTime)
        out.optional(state.lastFolder)
        out.int64(Int64(state.commits))
        out.uint32(state.changedFiles.count)
        for (path, version) in state.changedFiles {
            out.string(path.text)
            out.byte(version == nil ? 0 : 1)
            if let version { out.file(version) }
        }
        out.uint32(state.changedRequests.count)
        for request in state.changedRequests.values {
            out.request(request, holders: state.holders(of: ByteKey(request.id)))
        }
        out.uint32(state.addedUnreadable.count)
        for version in state.addedUnreadable { out.string(version.text) }
        guard !out.overflowed else { return nil }
        Checksum.append(to: &out.bytes)
        return out.bytes
    }

    /// Applies a delta to the state resumed from its image; false (state untouched) when
    /// the delta is damaged or belongs to another image.
    static func restore(_ bytes: [UInt8], onto state: inout HistoryState) -> Bool {
        guard let base = state.base, let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic) else { return false }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        do {
            guard UInt64(bitPattern: try reader.int64()) == base.checksum else { return false }
            let lastCommit = try reader.optional()
            let lastTime = try reader.int64()
            let lastFolder = try reader.optional()
            let commits = try reader.commitCount()
            var files: [ByteKey: FileVersion?] = [:]
            for _ in 0..<(try reader.count()) {
                let path = try reader.string()
                switch try reader.byte() {
                case 0: files.updateValue(nil, forKey: ByteKey(path))
                case 1: files[ByteKey(path)] = try reader.file()
                default: throw CacheReader.Malformed()
                }
            }
            var requests: [(RequestState, holders: [String])] = []
            for _ in 0..<(try reader.count()) { requests.append(try HistoryCacheImage.readRequest(&reader)) }
            var unreadable = Set<ByteKey>()
            for _ in 0..<(try reader.count()) { unreadable.insert(ByteKey(try reader.string())) }
            guard reader.at == body.upperBound else { return false }
            state.lastCommit = lastCommit
            state.lastTime = lastTime
            state.lastFolder = lastFolder
            state.commits = commits
            state.restoreChanges(files: files, requests: requests, unreadable: unreadable)
            return true
        } catch {
            return false
        }
    }
}

/// A cache file, checked but not decoded: three tables of records sorted by key (files by
/// path, unreadable versions, requests by id), found by binary search. A warm run after
/// one commit reads the few records that commit touches, and copies every other
/// request's JSON, rendered when it was stored, straight to the output.
///
/// Layout (little-endian; strings are a u32 length and UTF-8 bytes; optionals a u8 flag):
/// magic; the file's size u64; header (fingerprint, last commit?, its time i64, its requests-folder tree?,
/// commits i64); three tables, each a u32 count, count + 1 u32 file offsets (the last one
/// is the table's end) and the records; an 8-byte checksum of all that precedes it.
/// - file record: path, blob, id?, status?, facts
/// - facts: reason?, asks i64, ARR i64, created (u8 0, or 1 and the day i64)
/// - unreadable record: `path NUL blob`
/// - request record: id, its JSON object (`HistoryRenderer.fragment`), path, status,
///   received time i64, present u8, events (u32 count; each a u8 kind 0 status / 1
///   removed / 2 restored, from, to and reason? for a status, commit, time i64, credit),
///   received commit, its credit, received status, received reason?, last blob, facts,
///   holders (u32 count, paths).
/// - credit: u8 0 (none); 1 followed by commit, author, author time i64, subject; or 2, the
///   point's own commit credited, followed by author, author time i64, subject.
struct HistoryCacheImage: Sendable {
    struct Table: Sendable {
        /// Number of records.
        let count: Int
        /// File offset of the count + 1 record offsets.
        let offsets: Int
    }

    let bytes: [UInt8]
    /// The stored checksum: what a delta names its image by.
    let checksum: UInt64
    let fingerprint: String
    let lastCommit: String?
    let lastTime: Int64
    let lastFolder: String?
    let commits: Int
    let files: Table
    let unreadable: Table
    let requests: Table

    /// Checks the magic, the checksum and every record's structure and key order, so
    /// that the lazy reads afterwards cannot fail. Nil when anything is off.
    init?(_ bytes: [UInt8]) {
        guard let (body, checksum) = Checksum.verifiedBody(of: bytes, magic: HistoryCacheCodec.magic) else { return nil }
        self.bytes = bytes
        self.checksum = checksum
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        do {
            guard try reader.int64() == Int64(bytes.count) else { return nil }
            fingerprint = try reader.string()
            lastCommit = try reader.optional()
            lastTime = try reader.int64()
            lastFolder = try reader.optional()
            commits = try reader.commitCount()
            files = try reader.table { reader in
                try reader.skipString()  // path
                try reader.skipString()  // blob
                try reader.skipOptional()  // id
                try reader.skipOptional()  // status
                try reader.skipFacts()
            }
            unreadable = try reader.table { reader in try reader.skipString() }
            requests = try reader.table { reader in try HistoryCacheImage.skipRequest(&reader) }
        } catch {
            return nil
        }
        guard reader.at == body.upperBound else { return nil }
    }

    /// The bytes before the records that `headerPromises` looks at.
    static func headerSize(_ fingerprint: String) -> Int {
        HistoryCacheCodec.magic.count + 8 + 4 + fingerprint.utf8.count
    }

    /// Whether an image's first `headerSize` bytes have the magic, promise exactly `size`
    /// bytes (what the file holds) and name `fingerprint`: checked before reading the rest.
    static func headerPromises(_ header: [UInt8], size: Int, fingerprint: String) -> Bool {
        let magic = HistoryCacheCodec.magic
        guard header.count == headerSize(fingerprint), header.starts(with: magic) else { return false }
        var reader = CacheReader(bytes: header, at: magic.count, end: header.count)
        guard let promised = try? reader.int64(), promised == Int64(size), let name = try? reader.stringRange() else { return false }
        return header[name].elementsEqual(fingerprint.utf8)
    }

    // MARK: Lookups
    // `init?` has read every record the way these do, so they cannot fail afterwards;
    // their nil results are for a broken invariant, never for a file's content.

    func file(_ path: String) -> FileVersion? {
        guard let index = find(path, in: files) else { return nil }
        var reader = reader(files, index)
        guard (try? reader.skipString()) != nil else { return nil }
        return try? reader.file()
    }

    func containsUnreadable(_ key: String) -> Bool {
        find(key, in: unreadable) != nil
    }

    func requestIndex(_ id: String) -> Int? {
        find(id, in: requests)
    }

    /// The request record at `index`, whole (but its credits and reasons, without
    /// `credits`), with the
    /// paths that hold its id.
    func request(at index: Int, credits: Bool = true) -> (state: RequestState, holders: [String])? {
        var reader = reader(requests, index)
        return try? HistoryCacheImage.readRequest(&reader, credits: credits)
    }

    /// The request's JSON object as stored; nil when it is not one JSON object in UTF-8
    /// (a damaged or forged image whose checksum was made to fit): the caller renders the
    /// record's fields instead, and freq never prints invalid JSON.
    func requestJSON(at index: Int) -> ArraySlice<UInt8>? {
        var reader = reader(requests, index)
        guard (try? reader.skipString()) != nil, let range = try? reader.stringRange(), JSONSyntax.isObject(bytes[range])
        else { return nil }
        return bytes[range]
    }

    /// What the text listing shows of the request at `index`, without its events.
    func requestSummary(at index: Int) -> RequestSummary? {
        var reader = reader(requests, index)
        return try? HistoryCacheImage.readSummary(&reader)
    }

    func fileKey(at index: Int) -> String {
        var reader = reader(files, index)
        return (try? reader.string()) ?? ""
    }

    func requestID(at index: Int) -> String? {
        var reader = reader(requests, index)
        return try? reader.string()
    }

    // MARK: Tables

    func recordRange(_ table: Table, _ index: Int) -> Range<Int> {
        offset(table, index)..<offset(table, index + 1)
    }

    private func offset(_ table: Table, _ index: Int) -> Int {
        bytes.uint32(at: table.offsets + 4 * index)
    }

    private func reader(_ table: Table, _ index: Int) -> CacheReader {
        let range = recordRange(table, index)
        return CacheReader(bytes: bytes, at: range.lowerBound, end: range.upperBound)
    }

    /// Compares record `index`'s key (its first string) with `key`, byte order.
    func compareKey(_ table: Table, _ index: Int, _ key: String) -> Int {
        let start = offset(table, index) + 4
        let end = start + bytes.uint32(at: start - 4)
        var key = key
        return bytes.withUnsafeBytes { raw in
            key.withUTF8 { compareBytes(UnsafeRawBufferPointer(rebasing: raw[start..<end]), UnsafeRawBufferPointer($0)) }
        }
    }

    private func find(_ key: String, in table: Table) -> Int? {
        var low = 0
        var high = table.count
        while low < high {
            let middle = (low + high) / 2
            let order = compareKey(table, middle, key)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    // MARK: Request records

    static func skipRequest(_ reader: inout CacheReader) throws {
        for _ in 0..<4 { try reader.skipString() }  // id, JSON, path, status
        _ = try reader.int64()
        _ = try reader.flag()
        for _ in 0..<(try reader.count()) { try skipEvent(&reader) }
        try reader.skipString()  // received commit
        try reader.skipCredit()
        try reader.skipString()  // received status
        try reader.skipOptional()  // received reason
        try reader.skipString()  // last blob
        try reader.skipFacts()
        for _ in 0..<(try reader.count()) { try reader.skipString() }
    }

    private static func skipEvent(_ reader: inout CacheReader) throws {
        switch try reader.byte() {
        case 0:
            try reader.skipString()
            try reader.skipString()
            try reader.skipOptional()  // reason
        case 1, 2: break
        default: throw CacheReader.Malformed()
        }
        try reader.skipString()
        _ = try reader.int64()
        try reader.skipCredit()
    }

    static func readSummary(_ reader: inout CacheReader) throws -> RequestSummary {
        let id = try reader.string()
        try reader.skipString()
        return RequestSummary(
            id: id, path: try reader.string(), status: try reader.string(), receivedTime: try reader.int64(),
            isPresent: try reader.flag(), eventCount: try reader.count())
    }

    static func readRequest(_ reader: inout CacheReader, credits: Bool = true) throws -> (state: RequestState, holders: [String]) {
        func credit(of commit: String) throws -> CommitCredit? {
            guard credits else {
                try reader.skipCredit()
                return nil
            }
            return try reader.credit(of: commit)
        }
        // The reasons are the credits' kind of text: who and why, which figures never read.
        func optionalText() throws -> String? {
            guard credits else {
                try reader.skipOptional()
                return nil
            }
            return try reader.optional()
        }
        let id = try reader.string()
        try reader.skipString()
        let path = try reader.string()
        let status = try reader.string()
        let receivedTime = try reader.int64()
        let isPresent = try reader.flag()
        var events: [TimelineEvent] = []
        // No reserveCapacity(count): a delta's counts are not checked before this read.
        for _ in 0..<(try reader.count()) {
            let kind: TimelineEvent.Kind
            var reason: String?
            switch try reader.byte() {
            case 0:
                kind = .status(from: try reader.string(), to: try reader.string())
                reason = try optionalText()
            case 1: kind = .removed
            case 2: kind = .restored
            default: throw CacheReader.Malformed()
            }
            let commit = try reader.string()
            let point = HistoryPoint(commit: commit, time: try reader.int64(), change: try credit(of: commit))
            events.append(TimelineEvent(kind: kind, at: point, reason: reason))
        }
        let receivedCommit = try reader.string()
        let received = HistoryPoint(commit: receivedCommit, time: receivedTime, change: try credit(of: receivedCommit))
        let receivedStatus = try reader.string()
        let receivedReason = try optionalText()
        let lastBlob = try reader.string()
        let facts = try reader.facts()
        var holders: [String] = []
        for _ in 0..<(try reader.count()) { holders.append(try reader.string()) }
        let state = RequestState(
            id: id, path: path, status: status, received: received, receivedStatus: receivedStatus,
            receivedReason: receivedReason, events: events, isPresent: isPresent, lastBlob: lastBlob, facts: facts)
        return (state, holders)
    }
}

/// Writes the cache: the previous image's records that did not change are copied as
/// they are, merged in key order with the changed ones.
enum HistoryCacheCodec {
    static let magic = Array("FREQHIST6\n".utf8)
    /// Part of the cache fingerprint: change it with the record layout or with
    /// `HistoryRenderer.fragment`'s output, whose bytes the image stores.
    static let formatVersion = "image 6, request JSON 3"

    /// Nil when the cache would not fit its 32-bit offsets.
    static func encode(_ state: HistoryState) -> [UInt8]? {
        var out = CacheWriter()
        out.bytes.reserveCapacity((state.base?.bytes.count ?? 0) + (8 << 20))
        out.bytes.append(contentsOf: magic)
        // The file's size, filled in at the end: a reader checks it before reading the rest.
        let sizeOffset = out.bytes.count
        out.int64(0)
        out.string(state.fingerprint)
        out.optional(state.lastCommit)
        out.int64(state.lastTime)
        out.optional(state.lastFolder)
        out.int64(Int64(state.commits))
        let base = state.base

        let files = state.mergedFiles()
        out.table(files.count) { out, index in
            switch files[index] {
            case .cached(let record): out.copy(record, of: \.files, in: base)
            case .changed(let path, let version):
                out.string(path)
                out.file(version)
            }
        }
        let unreadable = state.mergedUnreadable()
        out.table(unreadable.count) { out, index in
            switch unreadable[index] {
            case .cached(let record): out.copy(record, of: \.unreadable, in: base)
            case .changed(let key, _): out.string(key)
            }
        }
        let requests = state.mergedRequests()
        out.table(requests.count) { out, index in
            switch requests[index] {
            case .cached(let record): out.copy(record, of: \.requests, in: base)
            case .changed(_, let request): out.request(request, holders: state.holders(of: ByteKey(request.id)))
            }
        }
        guard !out.overflowed else { return nil }
        withUnsafeBytes(of: Int64(out.bytes.count + 8).littleEndian) { raw in
            for (index, byte) in raw.enumerated() { out.bytes[sizeOffset + index] = byte }
        }
        Checksum.append(to: &out.bytes)
        return out.bytes
    }
}

/// One entry of a table being merged: a record of the previous image, or a changed value.
enum MergedRecord<Value> {
    case cached(Int)
    case changed(key: String, Value)
}

extension HistoryCacheImage {
    /// Merges a table's records with changed values sorted by key; a nil value removes
    /// the record with that key.
    func merge<Value>(_ table: Table, with changed: [(key: String, value: Value?)]) -> [MergedRecord<Value>] {
        var merged: [MergedRecord<Value>] = []
        merged.reserveCapacity(table.count + changed.count)
        var index = 0
        for (key, value) in changed {
            while index < table.count && compareKey(table, index, key) < 0 {
                merged.append(.cached(index))
                index += 1
            }
            if index < table.count && compareKey(table, index, key) == 0 { index += 1 }
            if let value { merged.append(.changed(key: key, value)) }
        }
        while index < table.count {
            merged.append(.cached(index))
            index += 1
        }
        return merged
    }
}

struct CacheWriter {
    var bytes: [UInt8] = []
    /// Set when an offset or length did not fit 32 bits: the result is then unusable.
    var overflowed = false

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func uint32(_ value: Int) {
        guard let small = UInt32(exactly: value) else {
            overflowed = true
            return
        }
        withUnsafeBytes(of: small.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        uint32(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func data(_ data: [UInt8]) {
        uint32(data.count)
        bytes.append(contentsOf: data)
    }

    mutating func optional(_ text: String?) {
        if let text {
            byte(1)
            string(text)
        } else {
            byte(0)
        }
    }

    /// Copies a record of the previous image as it is (records hold no offsets).
    mutating func copy(_ record: Int, of table: KeyPath<HistoryCacheImage, HistoryCacheImage.Table>, in image: HistoryCacheImage?) {
        guard let image else { return }
        bytes.append(contentsOf: image.bytes[image.recordRange(image[keyPath: table], record)])
    }

    /// A table of `count` records; `record` writes the one at an index.
    mutating func table(_ count: Int, _ record: (inout CacheWriter, Int) -> Void) {
        uint32(count)
        let offsets = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 4 * (count + 1)))
        for index in 0...count {
            guard let offset = UInt32(exactly: bytes.count) else {
                overflowed = true
                return
            }
            withUnsafeBytes(of: offset.littleEndian) { raw in
                for (byteIndex, byte) in raw.enumerated() { bytes[offsets + 4 * index + byteIndex] = byte }
            }
            if index < count { record(&self, index) }
        }
    }

    /// A point's credit; its commit is left out when it is the point's own (most are).
    mutating func credit(of point: HistoryPoint) {
        guard let credit = point.change else { return byte(0) }
        if credit.commit.utf8.elementsEqual(point.commit.utf8) {
            byte(2)
        } else {
            byte(1)
            string(credit.commit)
        }
        string(credit.author)
        int64(credit.time)
        string(credit.subject)
    }

    mutating func file(_ version: FileVersion) {
        string(version.blob)
        optional(version.id)
        optional(version.status)
        facts(version.facts)
    }

    /// Reason?, asks i64, ARR i64, then u8 0, or 1 and the created day i64.
    mutating func facts(_ facts: RequestFacts) {
        optional(facts.reason)
        int64(Int64(facts.asks))
        int64(Int64(facts.arr))
        if let created = facts.created {
            byte(1)
            int64(created)
        } else {
            byte(0)
        }
    }

    mutating func request(_ request: RequestState, holders: [String]) {
        string(request.id)
        data(HistoryRenderer.fragment(request.timeline))
        string(request.path)
        string(request.status)
        int64(request.received.time)
        byte(request.isPresent ? 1 : 0)
        uint32(request.events.count)
        for event in request.events {
            switch event.kind {
            case .status(let from, let to):
                byte(0)
                string(from)
                string(to)
                optional(event.reason)
            case .removed: byte(1)
            case .restored: byte(2)
            }
            string(event.at.commit)
            int64(event.at.time)
            credit(of: event.at)
        }
        string(request.received.commit)
        credit(of: request.received)
        string(request.receivedStatus)
        optional(request.receivedReason)
        string(request.lastBlob)
        facts(request.facts)
        uint32(holders.count)
        for path in holders { string(path) }
    }
}

/// Reads fields of a record, never past `end`.
struct CacheReader {
    struct Malformed: Error {}

    let bytes: [UInt8]
    var at: Int
    let end: Int

    mutating func byte() throws -> UInt8 {
        guard at < end else { throw Malformed() }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func count() throws -> Int {
        guard at + 4 <= end else { throw Malformed() }
        defer { at += 4 }
        return bytes.uint32(at: at)
    }

    /// A u8 that must be 0 or 1.
    mutating func flag() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    /// A number of commits: a file claiming more than any history has is damaged (and
    /// would overflow when the walk adds to it).
    mutating func commitCount() throws -> Int {
        let value = try int64()
        guard (0...(Int64(1) << 40)).contains(value) else { throw Malformed() }
        return Int(value)
    }

    mutating func int64() throws -> Int64 {
        guard at + 8 <= end else { throw Malformed() }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Int64.self) }
        at += 8
        return Int64(littleEndian: value)
    }

    mutating func stringRange() throws -> Range<Int> {
        let length = try count()
        guard length <= end - at else { throw Malformed() }
        defer { at += length }
        return at..<(at + length)
    }

    mutating func skipString() throws { _ = try stringRange() }

    mutating func string() throws -> String {
        let range = try stringRange()
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    mutating func optional() throws -> String? {
        switch try byte() {
        case 0: return nil
        case 1: return try string()
        default: throw Malformed()
        }
    }

    mutating func file() throws -> FileVersion {
        FileVersion(blob: try string(), id: try optional(), status: try optional(), facts: try facts())
    }

    /// Checks an optional string without decoding it (loading checks every record).
    mutating func skipOptional() throws {
        switch try byte() {
        case 0: return
        case 1: try skipString()
        default: throw Malformed()
        }
    }

    mutating func skipFacts() throws {
        try skipOptional()  // reason
        guard (0...Int64(UInt32.max)).contains(try int64()) else { throw Malformed() }  // asks
        _ = try int64()  // ARR
        if try flag() { _ = try int64() }  // created
    }

    mutating func facts() throws -> RequestFacts {
        let reason = try optional()
        let asks = try int64()
        let arr = try int64()
        // Counts a file cannot hold are damage; ARR is any Int (it saturates).
        guard (0...Int64(UInt32.max)).contains(asks) else { throw Malformed() }
        let created = try flag() ? try int64() : nil
        return RequestFacts(reason: reason, asks: Int(asks), arr: Int(arr), created: created)
    }

    /// The credit of a point whose commit is `commit` (`CacheWriter.credit(of:)`).
    mutating func credit(of commit: String) throws -> CommitCredit? {
        let credited: String
        switch try byte() {
        case 0: return nil
        case 1: credited = try string()
        case 2: credited = commit
        default: throw Malformed()
        }
        return CommitCredit(commit: credited, author: try string(), time: try int64(), subject: try string())
    }

    /// Checks a credit's structure without decoding its strings: loading checks every
    /// record of the image, and decoding 18,000 credits cost a warm run 2 ms.
    mutating func skipCredit() throws {
        switch try byte() {
        case 0: return
        case 1: try skipString()
        case 2: break
        default: throw Malformed()
        }
        try skipString()
        _ = try int64()
        try skipString()
    }

    /// Reads a table written by `CacheWriter.table`: its offsets must be in order and each
    /// record must end exactly at the next one's offset, its key above the previous key.
    mutating func table(_ check: (inout CacheReader) throws -> Void) throws -> HistoryCacheImage.Table {
        let count = try self.count()
        let offsets = at
        guard count < (end - at) / 4 else { throw Malformed() }
        at += 4 * (count + 1)
        var previousKey: Range<Int>?
        for index in 0..<count {
            let start = offset(offsets, index)
            let next = offset(offsets, index + 1)
            guard start == at, next <= end else { throw Malformed() }
            var record = CacheReader(bytes: bytes, at: start, end: next)
            let key = try record.stringRange()
            if let previousKey {
                let order = bytes.withUnsafeBytes { raw in
                    compareBytes(UnsafeRawBufferPointer(rebasing: raw[previousKey]), UnsafeRawBufferPointer(rebasing: raw[key]))
                }
                guard order < 0 else { throw Malformed() }
            }
            previousKey = key
            record.at = start
            try check(&record)
            guard record.at == next else { throw Malformed() }
            at = next
        }
        guard offset(offsets, count) == at else { throw Malformed() }
        return HistoryCacheImage.Table(count: count, offsets: offsets)
    }

    private func offset(_ offsets: Int, _ index: Int) -> Int {
        bytes.uint32(at: offsets + 4 * index)
    }
}

extension [UInt8] {
    /// The little-endian u32 at `position` (which the caller has bounds-checked).
    func uint32(at position: Int) -> Int {
        Int(UInt32(littleEndian: withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) }))
    }
}

/// Reads a whole regular file with one `read` loop, straight into an array; nil for
/// anything else (a FIFO must not block the run) or anything larger than `limit`. With
/// `accept`, the first `header` bytes are read first and the rest only when `accept` takes
/// them and the file's size.
enum FileBytes {
    static func read(
        _ path: String, limit: Int = Int(UInt32.max) + 8, header: Int = 0, accept: (([UInt8], Int) -> Bool)? = nil
    ) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= limit else { return nil }
        let size = Int(info.st_size)
        var failed = false
        if let accept {
            guard header <= size, let first = read(descriptor, count: header), accept(first, size) else { return nil }
        }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            adviseOnPages(buffer.baseAddress, size)
            while initialized < size {
                let got = systemRead(descriptor, buffer.baseAddress.map { $0 + initialized }, size - initialized)
                if got <= 0 {
                    failed = got < 0 || initialized < size
                    break
                }
                initialized += got
            }
        }
        return failed ? nil : bytes
    }

    /// `count` bytes at `offset` of the open file (without moving its offset), or nil when
    /// the file ends before.
    static func read(_ descriptor: Int32, at offset: Int = 0, count: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseOnPages(buffer.baseAddress, count)
            while initialized < count {
                let got = pread(
                    descriptor, buffer.baseAddress.map { $0 + initialized }, count - initialized, off_t(offset + initialized))
                if got < 0 && errno == EINTR { continue }
                if got <= 0 {
                    failed = true
                    break
                }
                initialized += got
            }
        }
        return failed ? nil : bytes
    }

    /// Asks Linux for transparent huge pages under a large, still untouched buffer: reading
    /// a 13 MB cache image into 4 KiB pages took some 3,000 page faults, a tenth of a warm
    /// run. A smaller one (the 2.5 MB working-tree index of 10,000 requests) has its pages
    /// made in one call first (`MADV_POPULATE_WRITE`, Linux 5.14): its 600 faults, one by
    /// one inside `pread`, took longer than the copy. Only advice: where either is not
    /// available nothing changes.
    private static func adviseOnPages(_ base: UnsafeMutablePointer<UInt8>?, _ size: Int) {
        #if os(Linux)
        let page = 4096
        guard size >= 256 << 10, let base else { return }
        let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + size) & ~(page - 1)
        guard end > start else { return }
        if size >= 4 << 20 {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        } else {
            // Not in every C library's headers: the kernel's value.
            let populateWrite: Int32 = 23
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, populateWrite)
        }
        #endif
    }
}
