import Testing

@testable import FreqKit

/// The hashes are persisted (cache file names, cache checksums): their values are pinned,
/// so that a cache written by an earlier freq is still found and accepted.
@Suite("Hashing")
struct HashingTests {
    @Test func fnv1aValuesArePinned() {
        #expect(FNV1a().hex == "cbf29ce484222325")
        var hash = FNV1a()
        for part in ["freq", "", "é"] { hash.add(part) }
        #expect(hash.value == 0x1f5f_1f4f_2362_927a)
        #expect(hash.hex == "1f5f1f4f2362927a")
        // Each part is ended: moving a byte across parts changes the hash.
        var shifted = FNV1a()
        for part in ["fre", "q", "é"] { shifted.add(part) }
        #expect(shifted.value != hash.value)
    }

    @Test func checksumValuesArePinned() {
        let bytes = (0..<100).map(UInt8.init)
        #expect(Checksum.of(bytes, upTo: 100) == 0x9427_2389_f0cf_a3ad)  // three lanes' rounds and a tail
        #expect(Checksum.of(bytes, upTo: 64) == 0x0e86_8e88_ce36_6262)  // rounds only
        #expect(Checksum.of(bytes, upTo: 7) == 0x2f02_e90f_ee0a_4503)  // tail only
        #expect(Checksum.of([], upTo: 0) == 0xc1ba_3e4a_3a81_8e3b)
    }

    @Test func aSealedFileVerifiesUntilOneByteChanges() throws {
        let magic = Array("MAGIC\n".utf8)
        var bytes = magic + Array("body".utf8)
        Checksum.append(to: &bytes)
        #expect(bytes.count == magic.count + 4 + 8)
        let (body, checksum) = try #require(Checksum.verifiedBody(of: bytes, magic: magic))
        #expect(body == magic.count..<(magic.count + 4))
        #expect(checksum == Checksum.of(bytes, upTo: bytes.count - 8))
        #expect(Array(bytes.suffix(8)) == withUnsafeBytes(of: checksum.littleEndian, Array.init))
        var damaged = bytes
        damaged[magic.count] ^= 0x01
        #expect(Checksum.verifiedBody(of: damaged, magic: magic) == nil)
        #expect(Checksum.verifiedBody(of: bytes, magic: Array("OTHER\n".utf8)) == nil)
        #expect(Checksum.verifiedBody(of: Array(bytes.prefix(magic.count + 7)), magic: magic) == nil)
    }
}
