import Foundation

/// Read-only bytes that many values share without copying: a part of a cache file mapped
/// into memory, or of an array this run made (shared as arrays are). `list` on 10,000
/// requests reads 8 MB of stored records: copied into an array, the copy and the fresh
/// pages it faults in took longer than reading the records (a mapping of the file's cached
/// pages costs neither).
struct SharedBytes: Sendable {
    private enum Bytes: Sendable {
        /// An array's bytes, shared as arrays share (no copy).
        case array(ArraySlice<UInt8>)
        /// `range` of a mapping.
        case mapped(Mapping, Range<Int>)
    }

    /// A mapped part of a file, unmapped with the last value that shares it.
    private final class Mapping: @unchecked Sendable {
        let base: UnsafeRawPointer
        private let length: Int

        init(base: UnsafeRawPointer, length: Int) {
            self.base = base
            self.length = length
        }

        deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    private let bytes: Bytes

    init(_ bytes: [UInt8]) {
        self.bytes = .array(bytes[...])
    }

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = .array(bytes)
    }

    private init(_ bytes: Bytes) {
        self.bytes = bytes
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
        return SharedBytes(.mapped(Mapping(base: UnsafeRawPointer(mapped), length: length), (offset - start)..<(offset - start + count)))
    }

    var count: Int {
        switch bytes {
        case .array(let slice): slice.count
        case .mapped(_, let range): range.count
        }
    }

    /// The bytes of `part` (0-based, within these).
    subscript(part: Range<Int>) -> SharedBytes {
        precondition(part.lowerBound >= 0 && part.upperBound <= count)
        switch bytes {
        case .array(let slice):
            return SharedBytes(.array(slice[(slice.startIndex + part.lowerBound)..<(slice.startIndex + part.upperBound)]))
        case .mapped(let mapping, let range):
            return SharedBytes(.mapped(mapping, (range.lowerBound + part.lowerBound)..<(range.lowerBound + part.upperBound)))
        }
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch bytes {
        case .array(let slice):
            return try slice.withUnsafeBufferPointer(body)
        case .mapped(let mapping, let range):
            let raw = UnsafeRawBufferPointer(start: mapping.base + range.lowerBound, count: range.count)
            return try withExtendedLifetime(mapping) { try body(raw.bindMemory(to: UInt8.self)) }
        }
    }
}
