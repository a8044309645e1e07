import Foundation

/// A cache file of sections read separately: the magic, then each section's length and
/// checksum (`u64` each), then the sections one after another. A run reads the sections it
/// needs with `pread` on one open descriptor, so a concurrent run renaming a new file into
/// place never mixes two files' sections, and checks each one's checksum.
struct SectionFile: Sendable {
    /// The sections' lengths, as the header says (each checked against the file's size).
    let lengths: [Int]
    private let checksums: [UInt64]
    private let offsets: [Int]
    private let descriptor: Descriptor

    /// Closes the descriptor when the last reader is done with it.
    private final class Descriptor: @unchecked Sendable {
        let value: Int32
        init(_ value: Int32) { self.value = value }
        deinit { close(value) }
    }

    /// Opens `path` and checks its magic and header; nil for anything else (absent, not a
    /// regular file, another layout, lengths that do not add up to the file's size).
    init?(path: String, magic: [UInt8], sections: Int) {
        let opened = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else { return nil }
        let descriptor = Descriptor(opened)
        var info = stat()
        let headerSize = magic.count + 16 * sections
        guard fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size >= headerSize,
            let header = FileBytes.read(opened, count: headerSize), header.prefix(magic.count).elementsEqual(magic)
        else { return nil }
        var lengths: [Int] = []
        var checksums: [UInt64] = []
        var offsets: [Int] = []
        var offset = headerSize
        let size = Int(info.st_size)
        for section in 0..<sections {
            let at = magic.count + 16 * section
            let length = header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            guard length <= UInt64(size - offset) else { return nil }
            lengths.append(Int(length))
            checksums.append(header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)) })
            offsets.append(offset)
            offset += Int(length)
        }
        guard offset == size else { return nil }
        self.lengths = lengths
        self.checksums = checksums
        self.offsets = offsets
        self.descriptor = descriptor
    }

    /// Whether the file is still linked under a name (another run may have replaced and
    /// removed it since it was opened).
    var isLinked: Bool {
        var info = stat()
        return fstat(descriptor.value, &info) == 0 && info.st_nlink > 0
    }

    /// Marks the file as in use now (its modification time), for cleanups that go by age.
    func touch() {
        _ = futimens(descriptor.value, nil)
    }

    /// Section `index`'s bytes when its checksum holds; nil otherwise.
    func section(_ index: Int) -> [UInt8]? {
        guard let bytes = FileBytes.read(descriptor.value, at: offsets[index], count: lengths[index]),
            Checksum.of(bytes, upTo: bytes.count) == checksums[index]
        else { return nil }
        return bytes
    }

    /// Section `index`'s bytes, mapped from the file rather than read (`SharedBytes`; read
    /// where the file system cannot map), when its checksum holds; nil otherwise.
    func mappedSection(_ index: Int) -> SharedBytes? {
        guard let bytes = SharedBytes.mapping(descriptor.value, offset: offsets[index], count: lengths[index]) else {
            return section(index).map { SharedBytes($0) }
        }
        guard bytes.withUnsafeBufferPointer({ Checksum.of(UnsafeRawBufferPointer($0)) }) == checksums[index] else { return nil }
        return bytes
    }

    /// A file of one section written in place after `magic` and room for its header
    /// (`bytes` holds them, then the section): fills in the header.
    static func sealSingleSection(_ bytes: inout [UInt8], magic: [UInt8]) {
        let start = magic.count + 16
        let length = UInt64(bytes.count - start)
        let checksum = bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(magic.count..<(magic.count + 8), with: $0) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange((magic.count + 8)..<start, with: $0) }
    }

    /// The whole file: the header, then the sections.
    static func encode(magic: [UInt8], sections: [[UInt8]]) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(magic.count + 16 * sections.count + sections.reduce(0) { $0 + $1.count })
        for section in sections {
            withUnsafeBytes(of: UInt64(section.count).littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: Checksum.of(section, upTo: section.count).littleEndian) { bytes.append(contentsOf: $0) }
        }
        for section in sections { bytes.append(contentsOf: section) }
        return bytes
    }
}
