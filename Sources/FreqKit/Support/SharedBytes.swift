import Foundation

/// Read-only bytes that many values share without copying: a part of a cache file mapped
/// into memory, or the bytes of a (small) array this run made, copied once. `list` on 10,000
/// requests reads 8 MB of stored records: copied into an array, the copy and the fresh
/// pages it faults in took longer than reading the records (a mapping of the file's cached
/// pages costs neither).
/// Sendable as its owner is: `start` only points into the owner's bytes, never written.
struct SharedBytes: @unchecked Sendable {
    /// What keeps the bytes where they are: a mapping (unmapped with the last value that
    /// shares it), or memory an array's bytes were copied into (freed so). Reading the
    /// bytes (`unsafeBytes`) does not touch it: reading each record on both cores at once
    /// counted references to the one mapping of 10,000 records, from both cores.
    private final class Owner: @unchecked Sendable {
        let base: UnsafeRawPointer
        private let length: Int
        private let mapped: Bool

        init(mapped base: UnsafeRawPointer, length: Int) {
            self.base = base
            self.length = length
            mapped = true
        }

        init(copying bytes: UnsafeBufferPointer<UInt8>) {
            let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
            if let source = bytes.baseAddress { memory.copyMemory(from: source, byteCount: bytes.count) }
            base = UnsafeRawPointer(memory)
            length = bytes.count
            mapped = false
        }

        deinit {
            if mapped {
                munmap(UnsafeMutableRawPointer(mutating: base), length)
            } else {
                UnsafeMutableRawPointer(mutating: base).deallocate()
            }
        }
    }

    private let owner: Owner?
    /// The first byte, within `owner`'s (nil when empty).
    private let start: UnsafeRawPointer?
    let count: Int

    init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// A copy of `bytes` (records computed by this run, a section read when it could not be
    /// mapped): small, or rare.
    init(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else {
            self.init(owner: nil, start: nil, count: 0)
            return
        }
        let owner = bytes.withUnsafeBufferPointer(Owner.init(copying:))
        self.init(owner: owner, start: owner.base, count: bytes.count)
    }

    private init(owner: Owner?, start: UnsafeRawPointer?, count: Int) {
        self.owner = owner
        self.start = start
        self.count = count
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
        let owner = Owner(mapped: UnsafeRawPointer(mapped), length: length)
        return SharedBytes(owner: owner, start: owner.base + (offset - start), count: count)
    }

    /// The bytes of `part` (0-based, within these).
    subscript(part: Range<Int>) -> SharedBytes {
        precondition(part.lowerBound >= 0 && part.upperBound <= count)
        return SharedBytes(owner: owner, start: part.isEmpty ? nil : start.map { $0 + part.lowerBound }, count: part.count)
    }

    /// The bytes where they are, valid while a value sharing them lives (the caller keeps
    /// one).
    var unsafeBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: start?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(owner) { try body(unsafeBytes) }
    }
}
