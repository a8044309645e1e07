import Foundation
import Testing

@testable import FreqKit

/// A cache file's sections mapped instead of read: the same bytes as `section`, at any
/// offset (not page-aligned), and nothing for a section whose checksum fails.
@Suite("SharedBytes")
struct SharedBytesTests {
    @Test func mappedSectionsAreTheReadOnes() throws {
        let path = NSTemporaryDirectory() + "freq-shared-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let magic = Array("TESTMAGIC\n".utf8)
        // The second section starts past a page boundary, at an odd offset.
        let sections: [[UInt8]] = [(0..<5_000).map { UInt8($0 % 251) }, Array("second section".utf8), []]
        var bytes = SectionFile.encode(magic: magic, sections: sections)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = try #require(SectionFile(path: path, magic: magic, sections: 3))
        for index in sections.indices {
            let mapped = try #require(file.mappedSection(index))
            #expect(mapped.count == sections[index].count)
            #expect(mapped.withUnsafeBufferPointer { Array($0) } == sections[index])
            #expect(file.section(index) == sections[index])
        }
        let part = try #require(file.mappedSection(1))[7..<14]
        #expect(part.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } == "section")

        // One byte of the first section changed: its checksum no longer holds.
        bytes[magic.count + 3 * 16 + 4_200] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let damaged = try #require(SectionFile(path: path, magic: magic, sections: 3))
        #expect(damaged.mappedSection(0) == nil)
        #expect(damaged.mappedSection(1) != nil)
    }

    @Test func arrayBytesKeepTheirValue() {
        var source = Array("abcdef".utf8)
        let shared = SharedBytes(source[1..<5])
        source[2] = UInt8(ascii: "X")
        #expect(shared.withUnsafeBufferPointer { Array($0) } == Array("bcde".utf8))
        #expect(shared[1..<3].withUnsafeBufferPointer { Array($0) } == Array("cd".utf8))
        #expect(SharedBytes([]).count == 0)
    }
}
