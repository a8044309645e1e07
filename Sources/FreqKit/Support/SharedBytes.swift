import Foundation

/// Read-only bytes that many values share without copying: a part of a cache file mapped
/// into memory, or of an array this run made. `list` on 10,000 requests reads 8 MB of
/// stored records: copied into an array, the copy and the fresh pages it faults in took
/// longer than reading the records (a mapping of the file's cached pages costs neither).
struct SharedBytes: Sendable {
    private let storage: Storage
    private let range: Range<Int>

    /// The memory the bytes live in, released with the last value that shares it.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeRawPointer
        private let release: @Sendable (UnsafeRawPointer) -> Void

        init(base: UnsafeRawPointer, release: @escaping @Sendable (UnsafeRawPointer) -> Void) {
            self.base = base
            self.release = release
        }

        deinit { release(base) }
    }

    /// A copy of `bytes`.
    init(_ bytes: some Collection<UInt8>) {
        let count = bytes.count
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 8)
        UnsafeMutableRawBufferPointer(start: memory, count: count).copyBytes(from: bytes)
        storage = Storage(base: UnsafeRawPointer(memory)) { $0.deallocate() }
        range = 0..<count
    }

    private init(storage: Storage, range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    /// `count` bytes at `offset` of the open file, mapped read-only; nil when it cannot be
    /// mapped. The caller has checked the file's size: a mapping reaches past the end
    /// without complaint, and reading there stops the process (SIGBUS). So the file must
    /// not be cut short while mapped: freq's cache files never are (a new one is renamed
    /// over the old name, and the mapping keeps the old file's pages).
    static func mapping(_ descriptor: Int32, offset: Int, count: Int) -> SharedBytes? {
        guard count > 0 else { return SharedBytes([]) }
        let page = Int(getpagesize())
        let start = offset - offset % page
        let length = offset - start + count
        // The checksum reads every page at once: on Linux populated here in one call rather
        // than page by page on demand.
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        let mapped = mmap(nil, length, PROT_READ, flags, descriptor, off_t(start))
        guard let mapped, mapped != MAP_FAILED else { return nil }
        let storage = Storage(base: UnsafeRawPointer(mapped)) { munmap(UnsafeMutableRawPointer(mutating: $0), length) }
        return SharedBytes(storage: storage, range: (offset - start)..<(offset - start + count))
    }

    var count: Int { range.count }

    /// The bytes of `part` (0-based, within these).
    subscript(part: Range<Int>) -> SharedBytes {
        precondition(part.lowerBound >= 0 && part.upperBound <= range.count)
        return SharedBytes(storage: storage, range: (range.lowerBound + part.lowerBound)..<(range.lowerBound + part.upperBound))
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let raw = UnsafeRawBufferPointer(start: storage.base + range.lowerBound, count: range.count)
        return try withExtendedLifetime(storage) { try body(raw.bindMemory(to: UInt8.self)) }
    }
}
