import Foundation
import FreqKit
import FreqTestSupport
import Testing

/// File names are bytes to git and to the file system: two names that differ only in bytes
/// that are not UTF-8 (Latin-1 `é` is the lone byte E9), or in Unicode normalisation, are two
/// files in every command, and bytes that are not UTF-8 are shown as `\xHH`.
@Suite("file names as bytes")
struct FileNameBytesTests {
    /// `requests/FR-0001-caf` + one byte + `.md`, written with its exact bytes.
    static func writeLatin1(_ scratch: ScratchRepository, byte: UInt8, _ content: String) throws {
        try FileManager.default.createDirectory(atPath: scratch.path + "/requests", withIntermediateDirectories: true)
        let path = Array((scratch.path + "/requests/FR-0001-caf").utf8) + [byte] + Array(".md".utf8)
        let descriptor = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(descriptor >= 0)
        let bytes = Array(content.utf8)
        #expect(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
        close(descriptor)
    }

    static func latin1Registry() throws -> ScratchRepository {
        let scratch = try RegistryFixture.make()
        try writeLatin1(scratch, byte: 0xE9, RegistryFixture.request("FR-0001", status: "new", title: "Export with an e acute"))
        try writeLatin1(scratch, byte: 0xE8, RegistryFixture.request("FR-0002", status: "new", title: "Export with an e grave"))
        try scratch.commit("two Latin-1 names")
        return scratch
    }

    @Test func latin1NamesAreTwoRequestsInTheHistory() throws {
        let scratch = try Self.latin1Registry()
        for cache in [["--no-cache"], [], []] {  // cold, then writing the cache, then from it
            let output = try FreqBinary.run(["history", "--format", "json"] + cache, in: scratch.root)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(!output.stdout.contains("\u{FFFD}"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            let requests = try #require(json["requests"] as? [[String: Any]])
            #expect(requests.map { $0["id"] as? String } == ["FR-0001", "FR-0002"])
            #expect(requests.map { $0["path"] as? String } == ["requests/FR-0001-caf\\xE9.md", "requests/FR-0001-caf\\xE8.md"])
        }
        let text = try FreqBinary.run(["history"], in: scratch.root)
        #expect(text.stdout.contains("requests/FR-0001-caf\\xE9.md"), "\(text.stdout)")
        #expect(text.stdout.contains("requests/FR-0001-caf\\xE8.md"))
    }

    @Test func latin1NamesAreReadAndNamedByValidateAndList() throws {
        let scratch = try Self.latin1Registry()
        let validate = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        #expect(!validate.stdout.contains("cannot be read"), "\(validate.stdout)")
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any])
        let paths = Set((findings["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        // FR-0002's file name does not start with its id: a finding on that file, and only it.
        #expect(paths == ["requests/FR-0001-caf\\xE8.md"], "\(validate.stdout)")
        let list = try FreqBinary.run(["list", "--format", "csv"], in: scratch.root)
        #expect(list.stdout.contains("FR-0001") && list.stdout.contains("FR-0002"), "\(list.stdout)")
        #expect(list.stdout.contains("Export with an e acute") && list.stdout.contains("Export with an e grave"))
        // A PATH argument with those bytes names that file (a shell passes them as they are).
        let one = try FreqBinary.run(
            ["-c", #"exec "$FREQ" validate "$(printf 'requests/FR-0001-caf\350.md')""#], in: scratch.root,
            environment: ["FREQ": FreqBinary.url.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(one.status == 1 && one.stdout.contains("FR-0001-caf\\xE8.md"), "\(one.stdout)\(one.stderr)")
    }

    @Test func canonicallyEquivalentNamesAreTwoFilesToValidate() throws {
        let scratch = try RegistryFixture.make()
        let nfc = "requests/FR-0003-caf\u{E9}.md"
        let nfd = "requests/FR-0003-cafe\u{301}.md"
        try scratch.write(nfc, RegistryFixture.request("FR-0003", status: "new"))
        try scratch.write(nfd, RegistryFixture.request("FR-0004", status: "new", extra: "area: nowhere\n"))
        let output = try FreqBinary.run(["validate", "--format", "json"], in: scratch.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let findings = json["findings"] as? [[String: Any]] ?? []
        // Compared by bytes: Swift's == would take the two paths for one.
        let nfdRules = findings.filter { ($0["path"] as? String)?.utf8.elementsEqual(nfd.utf8) == true }.compactMap { $0["rule"] as? String }
        let nfcRules = findings.filter { ($0["path"] as? String)?.utf8.elementsEqual(nfc.utf8) == true }.compactMap { $0["rule"] as? String }
        #expect(Set(nfdRules) == ["filename", "schema-enum"], "\(output.stdout)")
        #expect(nfcRules.isEmpty, "\(output.stdout)")
        let list = try FreqBinary.run(["list", "--format", "csv"], in: scratch.root)
        #expect(list.stdout.contains("FR-0003") && list.stdout.contains("FR-0004"))
    }
}
