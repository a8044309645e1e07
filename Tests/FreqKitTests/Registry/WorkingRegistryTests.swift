import Foundation
@testable import FreqKit
import FreqTestSupport
import Testing

/// The working-tree cache against reading the snapshot: a folder on disk takes random
/// edits, and after each round the registry read through the cache must answer what the
/// snapshot answers (findings, sources, records, ids, titles, the part an edit reads).
@Suite("working-tree cache")
struct WorkingRegistryTests {
    /// The fixture registry's configuration, its requests in nested folders too.
    static let config = RegistryFixture.config.replacingOccurrences(
        of: #"requests: "requests/*.md""#, with: #"requests: "requests/**/*.md""#)

    static func validator() throws -> RegistryValidator {
        let config = try RegistryConfig.parse(Self.config, displayPath: "registry.yml", schemaBase: "")
        let schema = try JSONSchema(document: try JSONParser.parse(Array(RegistryFixture.schema.utf8)))
        return try RegistryValidator(config: config, schema: schema)
    }

    static func context() throws -> RuleContext { try validator().context }

    /// The folder at `root` read whole, as without a cache: what every cached run must answer.
    static func snapshot(root: String, selector: RequestSelector, context: RuleContext) -> RegistrySnapshot {
        RegistrySnapshot(
            files: WorkingTree.requestFiles(root: root, selector: selector, sizeLimit: FrontMatterLimits.default.maxFileBytes),
            config: context.config)
    }

    @Test(arguments: [20261202, 4242, 977] as [UInt64])
    func cachedRunsAnswerAsTheSnapshot(seed: UInt64) throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cacheFolder = root + "/.git/freq"
        let validator = try Self.validator()
        let context = validator.context
        let selector = try RequestSelector(config: context.config)
        var generator = SeededGenerator(seed: seed)
        var clock = WorkingRegistry.now()
        var sawUnparsedRun = false
        var sawStatTrusted = false
        var sawRemembered = false
        var sawPartsLeftOut = false
        // Sixteen requests to begin with: enough that an edited file may be left stale in the
        // index (`partsLeftOut`), as the edits below sometimes leave one.
        for number in 41...56 {
            try RandomEdit.write(root + "/requests/FR-00\(number)-first.md", RegistryFixture.request("FR-00\(number)", status: "new"))
        }
        for round in 0..<60 {
            for _ in 0..<Int.random(in: 0...3, using: &generator) { try RandomEdit.apply(root: root, round: round, using: &generator) }
            if Int.random(in: 0..<12, using: &generator) == 0 {
                try damage(WorkingTreeCacheFile.path(folder: cacheFolder, fingerprint: "test"), using: &generator)
            }
            // The scan's clock runs ahead, so that earlier rounds' files are not racily
            // clean and their stat data alone is trusted (the path a real warm run takes).
            clock += 10_000_000_000
            let needs: WorkingRegistry.Needs = [[], .findings, .records, [.findings, .records], .bodies, [.findings, .bodies]][
                Int.random(in: 0..<6, using: &generator)]
            let registry = WorkingRegistry.load(
                root: root, selector: selector, context: context, needs: needs, cacheFolder: cacheFolder,
                fingerprint: "test", scanStart: clock)
            let snapshot = Self.snapshot(root: root, selector: selector, context: context)
            let place = "seed \(seed), round \(round)"
            sawUnparsedRun = sawUnparsedRun || (registry.parsedCount == 0 && registry.fileCount > 5)
            sawStatTrusted = sawStatTrusted || registry.readCount < registry.fileCount
            sawPartsLeftOut = sawPartsLeftOut || registry.readForPartsOnly > 0
            #expect(registry.fileCount == snapshot.files.count, "\(place)")
            #expect(registry.ids == snapshot.ids, "\(place)")
            let titles = snapshot.requests.compactMap { request -> String? in
                guard let id = request.id, let title = request.document.value["title"]?.stringValue else { return nil }
                return id + "\u{0}" + title
            }
            #expect(registry.titles.map { $0.id + "\u{0}" + $0.title } == titles, "\(place)")
            // Titles compared where the cache holds them: what comparing the strings gives.
            let asked = ["Title \(Int.random(in: 0..<60, using: &generator))", "Composed", "Décomposé", "x", ""][
                Int.random(in: 0..<5, using: &generator)]
            let threshold = [0.0, 0.5, 0.8, 1.0][Int.random(in: 0..<4, using: &generator)]
            #expect(
                registry.similarTitles(to: asked, threshold: threshold).map { "\($0.candidate.id) \($0.candidate.title) \($0.score)" }
                    == TextSimilarity.similar(to: asked, among: registry.titles, threshold: threshold)
                    .map { "\($0.candidate.id) \($0.candidate.title) \($0.score)" }, "\(place)")
            // The quick answer of the rules across files is theirs.
            #expect(registry.registryRulesFindNothing == Self.registryRulesFindNothing(in: snapshot, context: context), "\(place)")
            for name in ["Acme", "ACME", "acme inc", "Globex"] {
                #expect(registry.otherSpellings(of: name).map { "\($0.name)\($0.ids)" } == snapshot.otherSpellings(of: name, config: context.config).map { "\($0.name)\($0.ids)" }, "\(place)")
            }
            if needs.contains(.findings) {
                let expected = validator.validate(snapshot)
                let report = try #require(registry.validationReport(), "\(place)")
                #expect(report.diagnostics == expected.diagnostics, "\(place)")
                #expect(report.fileCount == expected.fileCount, "\(place)")
                #expect(report.sources == expected.sources, "\(place)")
            }
            if needs.contains(.records) {
                var expected = RequestRecord.records(of: snapshot, config: context.config)
                // Records without bodies, unless the run read them: then with them too.
                let bodies = needs.contains(.bodies)
                if !bodies {
                    for index in expected.records.indices { expected.records[index].body = "" }
                }
                let records = try #require(registry.records(bodies: bodies), "\(place)")
                #expect(records.unreadable == expected.unreadable, "\(place)")
                #expect(records.records.map(Self.describe) == expected.records.map(Self.describe), "\(place)")
                #expect(records.records.map(\.fields) == expected.records.map(\.fields), "\(place)")
                // Probed (`freq list --where`): the records a filter keeps decoded, a probe of each.
                let path = [["area"], ["requested_by", "customer"], ["title"], ["status"], ["missing"]][
                    Int.random(in: 0..<5, using: &generator)][...]
                let probed = try #require(registry.records(bodies: bodies) { $0.leaves(along: path).count % 2 == 1 }, "\(place)")
                #expect(probed.unreadable == expected.unreadable, "\(place)")
                #expect(
                    probed.records.map(Self.describe)
                        == expected.records.filter { FieldMatch.leaves(of: $0.fields, along: path).count % 2 == 1 }.map(Self.describe),
                    "\(place)")
                // Rows of the table (`freq list --where` without decoding): the rows of the
                // records the query keeps (a value some record has, or none has), by status too.
                var query = RequestQuery(asOf: 0)
                let value = expected.records.flatMap { FieldMatch.leaves(of: $0.fields, along: path) }.randomElement(using: &generator)
                query.matches = [try FieldMatch(parsing: path.joined(separator: ".") + "=" + (value ?? "none"))]
                if Bool.random(using: &generator), let status = expected.records.randomElement(using: &generator)?.status {
                    query.statuses = [status]
                }
                let rows = try #require(registry.listRows(matching: query), "\(place)")
                #expect(rows.rows == expected.records.filter(query.includes).map(RequestListRenderer.Row.init), "\(place)")
                #expect(rows.unreadable == expected.unreadable, "\(place)")
                let expectedProbes = expected.records
                    .map { "\($0.status)\($0.category)\(FieldMatch.leaves(of: $0.fields, along: path))\($0.keyOrder.sorted())" }.sorted()
                for probes in [probed.probes, Array(rows.probes)] {
                    #expect(
                        probes.map { "\($0.status)\($0.category)\($0.leaves(along: path))\($0.fieldNames.sorted())" }.sorted()
                            == expectedProbes, "\(place)")
                }
            }
            // The catalogue from the rows remembered in earlier rounds and the changed files'
            // records is the catalogue of every record.
            let catalogue = CatalogueRenderer.markdown(
                RequestRecord.records(of: snapshot, config: context.config).records, config: context.config, folder: "requests/")
            if let entries = registry.catalogueEntries(folder: "requests/") {
                #expect(CatalogueRenderer.markdown(entries, config: context.config) == catalogue, "\(place)")
                sawRemembered = sawRemembered || registry.fileCount > 5
                if Bool.random(using: &generator) {
                    registry.rememberCatalogue(Array(catalogue.utf8), entries: entries, folder: "requests/")
                }
            } else {
                let records = RequestRecord.records(of: snapshot, config: context.config).records
                registry.rememberCatalogue(
                    Array(catalogue.utf8), entries: records.map { CatalogueRenderer.Entry($0, folder: "requests/") }, folder: "requests/")
            }
            // Damaged rows are never believed.
            if Int.random(in: 0..<10, using: &generator) == 0,
                try damage(CatalogueRows.path(folder: cacheFolder, fingerprint: "test"), using: &generator)
            {
                #expect(CatalogueRows(folder: cacheFolder, fingerprint: "test", catalogueFolder: "requests/") == nil, "\(place)")
            }
            if let id = snapshot.ids.sorted().randomElement(using: &generator) {
                let part = try #require(registry.snapshot(around: [id]), "\(place)")
                let full = try? snapshot.request(withID: id, config: context.config)
                let partial = try? part.request(withID: id, config: context.config)
                #expect(full?.bytes == partial?.bytes, "\(place)")
                #expect(full?.path == partial?.path, "\(place)")
                #expect(part.unreadable.map(\.path) == snapshot.unreadable.map(\.path), "\(place)")
                // One request read from its file alone: the snapshot's record, body and all.
                let expected = RequestRecord.records(of: snapshot, config: context.config)
                if let path = registry.requestPaths.first(where: { $0.id == id })?.path,
                    let record = expected.records.first(where: { $0.path.hasSameBytes(as: path) })
                {
                    #expect(registry.record(atPath: path).map(Self.describe) == Self.describe(record), "\(place)")
                }
                #expect(registry.unreadablePaths == expected.unreadable, "\(place)")
            }
        }
        #expect(sawUnparsedRun)
        #expect(sawStatTrusted)
        #expect(sawRemembered)
        #expect(sawPartsLeftOut)
    }

    /// The rules across files are asked first whether they can find anything, on hashes of
    /// the ids: the answer must be theirs, over registries where they find nothing as often
    /// as something (ids seldom shared, `duplicate_of` naming an existing id or not).
    @Test func theRulesAcrossFilesFindNothingExactlyWhenTheQuickCheckSaysSo() throws {
        let validator = try Self.validator()
        let context = validator.context
        let selector = try RequestSelector(config: context.config)
        var generator = SeededGenerator(seed: 31)
        var answers: Set<Bool> = []
        for round in 0..<40 {
            let root = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let count = Int.random(in: 1...12, using: &generator)
            var ids = (1...count).map { String(format: "FR-%04d", $0) }
            if Int.random(in: 0..<4, using: &generator) == 0, let taken = ids.randomElement(using: &generator) { ids[0] = taken }
            for (number, id) in ids.enumerated() {
                var extra = ""
                if Int.random(in: 0..<5, using: &generator) == 0 {
                    let target = [ids.randomElement(using: &generator) ?? id, id, "FR-9999", ""][Int.random(in: 0..<4, using: &generator)]
                    extra = "duplicate_of: \(target.isEmpty ? "\"\"" : target)\n"
                }
                try RandomEdit.write(
                    root + "/requests/\(id)-\(number).md", RegistryFixture.request(id, status: extra.isEmpty ? "new" : "duplicate", extra: extra))
            }
            if Int.random(in: 0..<6, using: &generator) == 0 {
                try RandomEdit.write(root + "/requests/FR-9999-broken.md", "---\nid: [broken\n---\n")
            }
            if round == 0 {
                // Two spellings of one id: different bytes (not one id twice), yet a
                // `duplicate_of` in one spelling names the file of the other as itself.
                try RandomEdit.write(root + "/requests/FR-e1.md", RegistryFixture.request("FR-\u{E9}", status: "new"))
                try RandomEdit.write(
                    root + "/requests/FR-e2.md",
                    RegistryFixture.request("FR-e\u{301}", status: "duplicate", extra: "duplicate_of: FR-\u{E9}\n"))
            }
            let registry = WorkingRegistry.load(
                root: root, selector: selector, context: context, needs: .findings, cacheFolder: nil, fingerprint: "test")
            let snapshot = Self.snapshot(root: root, selector: selector, context: context)
            let nothingToFind = Self.registryRulesFindNothing(in: snapshot, context: context)
            #expect(registry.registryRulesFindNothing == nothingToFind, "round \(round)")
            answers.insert(nothingToFind)
        }
        #expect(answers == [true, false])
    }

    /// Whether the rules across files find nothing in `snapshot`, as they find it.
    private static func registryRulesFindNothing(in snapshot: RegistrySnapshot, context: RuleContext) -> Bool {
        var sink = FindingSink()
        let index = RegistryIDIndex(snapshot, config: context.config)
        for rule in Rules.registryRules { rule.check(index, context, &sink) }
        return sink.findings.isEmpty
    }

    /// After an edit, only the written files are read again, and the result (and the
    /// cache it stores) is what reading the whole folder gives.
    @Test func anEditRereadsOnlyTheFilesItWrote() throws {
        let (root, load) = try Self.folder(of: 20)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let validator = try Self.validator()
        let context = validator.context
        let selector = try RequestSelector(config: context.config)
        _ = load([.findings, .bodies])
        let before = load(.findings)
        #expect(before.readCount == 0)
        // One file changed, one new (with the id of another: a finding across files).
        try RandomEdit.write(root + "/requests/FR-0003-x.md", RegistryFixture.request("FR-0003", status: "bogus"))
        try RandomEdit.write(root + "/requests/FR-0000-new.md", RegistryFixture.request("FR-0007", status: "new"))
        // A written file the glob does not select (the index) stays out, as a new listing
        // would leave it.
        try "# Requests\n".write(toFile: root + "/requests/README.md", atomically: true, encoding: .utf8)
        var after = before
        after.refresh(afterWriting: ["requests/FR-0003-x.md", "requests/FR-0000-new.md", "requests/README.md"])
        // `before` is a value: refreshing its copy left it as it was.
        #expect(before.files.count + 1 == after.files.count && !before.files.contains { $0.path.hasSuffix("FR-0000-new.md") })
        #expect(after.readCount == 2)
        let snapshot = Self.snapshot(root: root, selector: selector, context: context)
        let expected = validator.validate(snapshot).diagnostics
        #expect(expected.contains { $0.rule == "status-enum" } && expected.contains { $0.rule == "id-unique" })
        #expect(after.validationReport()?.diagnostics == expected)
        #expect(after.files.map(\.path) == snapshot.files.map(\.path))
        // The stored cache answers the next run the same, records and bodies included.
        #expect(load(.findings).validationReport()?.diagnostics == expected)
        let records = try #require(load(.bodies).records())
        #expect(records.records.map(Self.describe) == RequestRecord.records(of: snapshot, config: context.config).records.map(Self.describe))
    }

    /// A run that loads records but not bodies, and rewrites the cache (a file changed),
    /// keeps the other files' stored bodies: the next `list --search` reads nothing new.
    @Test func aRewriteKeepsThePartsItDidNotLoad() throws {
        let (root, load) = try Self.folder(of: 10)
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = load([.findings, .bodies])
        // More than may be left out of the parts file (none of 10): a new one is written.
        try RandomEdit.write(root + "/requests/FR-0004-x.md", RegistryFixture.request("FR-0004", status: "triaged"))
        #expect(load(.records).readCount == 1)
        // Its findings were not computed by that run: read once more for them alone.
        #expect(load(.findings).readCount == 1)
        let searched = load(.bodies)
        #expect(searched.readCount == 0)
        #expect(searched.records()?.records.allSatisfy { $0.body.contains("Body of \($0.id)") } == true)
    }

    /// An unchanged folder lists as when the cache was stored: its entries are the files,
    /// with no glob match and no sort. A renamed file, or a file the glob does not select,
    /// changes the listing, and the run selects and sorts again.
    /// A changed listing is sorted by `memcmp` over one buffer: the order must be the
    /// byte order `precedesInByteOrder` defines, for ASCII and other names alike.
    @Test func aChangedListingIsSortedInByteOrder() {
        var random = SeededGenerator(seed: 15)
        let pieces = ["requests/", "FR-", "0", "9", "a", "Z", "-", ".md", "é", "日本", "/", "\u{1F600}", "Á", "A\u{301}"]
        // Sorted on the eight bytes after the prefix every path shares, then as whole
        // paths: with and without a shared prefix, long equal stretches after it (ties of
        // those eight bytes), paths that start other paths.
        for prefix in ["", "requests/FR-", "requests/FR-0000000000"] {
            let paths = (0..<2_000).map { _ in
                prefix + (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined()
            }
            let sorted = WorkingTree.sortedPaths(paths)
            // As bytes: `==` on strings would take "Á" and "A\u{301}" for the same name.
            #expect(sorted.map { Array($0.utf8) } == paths.sorted { $0.precedesInByteOrder($1) }.map { Array($0.utf8) })
        }
        #expect(WorkingTree.sortedPaths([]) == [])
        #expect(WorkingTree.sortedPaths(["b", "a"]) == ["a", "b"])
    }

    @Test func anUnchangedFolderIsTakenAsTheCacheListedIt() throws {
        let (root, loading) = try Self.folder(of: 30)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func load() -> WorkingRegistry { loading(.findings) }
        // Two files with one id: the rules across files have findings to remember.
        try RandomEdit.write(root + "/requests/FR-0031-x.md", RegistryFixture.request("FR-0030", status: "new"))
        let cold = load()
        #expect(!cold.listedAsStored)
        // Computed once by the cold run, as it stored the cache.
        #expect(cold.knownRegistryFindings != nil)
        let expected = try #require(cold.validationReport()).diagnostics
        #expect(expected.filter { $0.rule == "id-unique" }.count == 2)
        let warm = load()
        #expect(warm.listedAsStored)
        // Each file's lstat found at its stored place in the listing: none read again.
        #expect(warm.readCount == 0)
        #expect(warm.idList == (1...30).map { String(format: "FR-%04d", $0) } + ["FR-0030"])
        // Nothing changed: the stored findings of the rules across files are the answer.
        #expect(warm.knownRegistryFindings == cold.knownRegistryFindings)
        #expect(warm.validationReport()?.diagnostics == expected)
        try FileManager.default.moveItem(atPath: root + "/requests/FR-0007-x.md", toPath: root + "/requests/FR-0007-y.md")
        let renamed = load()
        #expect(!renamed.listedAsStored)
        // The new name alone is read; the others' lstat found by the merge's positions.
        #expect(renamed.readCount == 1)
        #expect(renamed.validationReport()?.diagnostics == expected)
        #expect(renamed.files.map(\.path).contains("requests/FR-0007-y.md"))
        #expect(load().listedAsStored)
        // Not a request, yet part of what the folder lists.
        try RandomEdit.write(root + "/requests/notes.txt", "not a request\n")
        let withNotes = load()
        #expect(!withNotes.listedAsStored)
        #expect(withNotes.validationReport()?.diagnostics == expected)
        #expect(load().listedAsStored)
        // Files gone and none added: the entries left close up where they are.
        try FileManager.default.removeItem(atPath: root + "/requests/FR-0001-x.md")
        try FileManager.default.removeItem(atPath: root + "/requests/FR-0017-x.md")
        try FileManager.default.removeItem(atPath: root + "/requests/FR-0018-x.md")
        let fewer = load()
        #expect(!fewer.listedAsStored)
        #expect(fewer.readCount == 0)
        #expect(fewer.idList == (1...30).filter { ![1, 17, 18].contains($0) }.map { String(format: "FR-%04d", $0) } + ["FR-0030"])
        #expect(fewer.validationReport()?.diagnostics == expected)
        #expect(load().listedAsStored)
    }

    /// Records and bodies live in a parts file the index points into: a run that computed
    /// none (an edit, `validate`) writes the index alone and leaves the parts file as it
    /// is; one that computed some writes a new one and removes the old. A parts file gone
    /// or damaged costs a parse, never a wrong record.
    @Test func recordsAndBodiesAreRewrittenOnlyWhenARunComputedSome() throws {
        let (root, loading) = try Self.folder(of: 30)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cacheFolder = root + "/.git/freq/"
        func partsFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cacheFolder).filter { $0.hasSuffix(".parts") }.sorted()
        }
        let expected = try #require(loading(.bodies).records()).records.map(Self.describe)
        // Findings computed for every file (they were not): the parts file stays.
        #expect(loading(.findings).readCount == 30)
        let parts = try partsFiles()
        #expect(parts.count == 1)
        let partsPath = cacheFolder + parts[0]
        var before = stat()
        #expect(lstat(partsPath, &before) == 0)
        let partsBytes = FileBytes.read(partsPath)
        // One file changed, read by a run that needs findings only: its stale entry (the id
        // index's the same) is left in the index for now, as one (at most 30 / 16) may be,
        // and the parts file is not rewritten either.
        let indexPath = WorkingTreeCacheFile.path(folder: cacheFolder, fingerprint: "test")
        let storedIndex = try #require(FileBytes.read(indexPath))
        try RandomEdit.write(root + "/requests/FR-0004-x.md", RegistryFixture.request("FR-0004", status: "triaged"))
        let edited = loading(.findings)
        #expect(edited.readCount == 1 && edited.editedLeftOut == 1 && !edited.cacheIsOutOfDate)
        #expect(FileBytes.read(indexPath) == storedIndex)
        var after = stat()
        #expect(lstat(partsPath, &after) == 0)
        #expect(try partsFiles() == parts)
        // The same file, its bytes untouched (its time marks it as in use).
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size)
        #expect(FileBytes.read(partsPath) == partsBytes)
        // The records of the other 29 files are still the stored ones: only the changed
        // file is parsed. One file (at most 30 / 16) is left out of the parts file: parsed
        // again by each run that needs it, the index and parts left as they are.
        let listing = loading(.bodies)
        #expect(listing.parsedCount == 1)
        let changed = try #require(listing.records()).records.map(Self.describe)
        #expect(changed.count == 30)
        #expect(zip(changed, expected).filter { $0 != $1 }.count == 1)
        #expect(try partsFiles() == parts)
        let again = loading(.bodies)
        #expect(again.parsedCount == 1 && again.readCount == 1)
        #expect(again.records()?.records.map(Self.describe) == changed)
        #expect(FileBytes.read(indexPath) == storedIndex)
        // A second file changed: more than may be left out, the index is rewritten and a new
        // parts file replaces the old.
        try RandomEdit.write(root + "/requests/FR-0005-x.md", RegistryFixture.request("FR-0005", status: "triaged"))
        #expect(loading(.bodies).parsedCount == 2)
        #expect(FileBytes.read(indexPath) != storedIndex)
        let replaced = try partsFiles()
        #expect(replaced.count == 1 && replaced != parts)
        #expect(loading(.bodies).readCount == 0)
        let changedTwice = try #require(loading(.bodies).records()).records.map(Self.describe)
        #expect(zip(changedTwice, expected).filter { $0 != $1 }.count == 2)
        // Damaged, then gone: every record parsed again, and the same.
        let current = cacheFolder + replaced[0]
        var bytes = try #require(FileBytes.read(current))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: current))
        let afterDamage = loading(.bodies)
        #expect(afterDamage.parsedCount == 30)
        #expect(afterDamage.records()?.records.map(Self.describe) == changedTwice)
        try FileManager.default.removeItem(atPath: cacheFolder + (try partsFiles())[0])
        let afterLoss = loading(.bodies)
        #expect(afterLoss.parsedCount == 30)
        #expect(afterLoss.records()?.records.map(Self.describe) == changedTwice)
        #expect(try partsFiles().count == 1)
    }

    /// A file edited since the cache was stored, its id-index entry the same, is read again
    /// by each run while its stale entry stays in the index (no 2.5 MB rewrite per save of
    /// the file someone is editing), up to `partsLeftOut`; every answer is the files'.
    @Test func aFewEditedFilesAreReadAgainWithoutRewritingTheIndex() throws {
        let (root, loading) = try Self.folder(of: 40)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let validator = try Self.validator()
        let context = validator.context
        let selector = try RequestSelector(config: context.config)
        let indexPath = WorkingTreeCacheFile.path(folder: root + "/.git/freq", fingerprint: "test")
        func load() -> WorkingRegistry { loading([.findings, .records]) }
        func expectTheFilesAnswers(_ registry: WorkingRegistry, _ place: String) throws {
            let snapshot = Self.snapshot(root: root, selector: selector, context: context)
            #expect(registry.validationReport()?.diagnostics == validator.validate(snapshot).diagnostics, "\(place)")
            var expected = RequestRecord.records(of: snapshot, config: context.config).records
            for index in expected.indices { expected[index].body = "" }
            #expect(registry.records(bodies: false)?.records.map(Self.describe) == expected.map(Self.describe), "\(place)")
        }
        func edit(_ number: Int, status: String) throws {
            let id = String(format: "FR-%04d", number)
            try RandomEdit.write(root + "/requests/\(id)-x.md", RegistryFixture.request(id, status: status))
        }
        _ = load()
        let stored = try #require(FileBytes.read(indexPath))
        #expect(load().readCount == 0)
        // Edited, then back to its first bytes (its stat still another): read each time, the
        // index as it was.
        for (round, status) in ["triaged", "bogus", "new"].enumerated() {
            try edit(4, status: status)
            let registry = load()
            #expect(registry.readCount == 1 && registry.editedLeftOut == 1 && !registry.cacheIsOutOfDate, "round \(round)")
            #expect(FileBytes.read(indexPath) == stored, "round \(round)")
            try expectTheFilesAnswers(registry, "round \(round)")
        }
        // Two edited files (40 / 16): still left; a third is more than may be, and the index
        // is rewritten with all three.
        try edit(5, status: "planned")
        #expect(load().editedLeftOut == 2)
        #expect(FileBytes.read(indexPath) == stored)
        try edit(6, status: "shipped")
        let rewritten = load()
        #expect(rewritten.readCount == 3 && rewritten.editedLeftOut == 0)
        #expect(FileBytes.read(indexPath) != stored)
        let next = load()
        // The two whose bytes are new have their records left out of the parts file (a few
        // may be; FR-0004's first bytes kept theirs): read for those alone, their entries
        // current.
        #expect(next.editedLeftOut == 0 && next.readCount == 2 && next.readForPartsOnly == 2)
        try expectTheFilesAnswers(next, "after the rewrite")
        // An edit of what the rules across files read (the id) is stored at once.
        let beforeRenumbering = FileBytes.read(indexPath)
        try RandomEdit.write(root + "/requests/FR-0007-x.md", RegistryFixture.request("FR-0001", status: "new"))
        let renumbered = load()
        #expect(renumbered.editedLeftOut == 0 && FileBytes.read(indexPath) != beforeRenumbering)
        try expectTheFilesAnswers(renumbered, "an id changed")
        #expect(renumbered.validationReport()?.diagnostics.contains { $0.rule == "id-unique" } == true)
        #expect(load().editedLeftOut == 0)
    }

    /// A file changed within the clock tick of the run that cached it (git's "racily
    /// clean" entry): its stat data may match what the cache stored, so it is hashed again.
    @Test func aRacilyCleanFileIsReadAgain() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cacheFolder = root + "/.git/freq"
        let context = try Self.context()
        let selector = try RequestSelector(config: context.config)
        let path = root + "/requests/FR-0001-x.md"
        try RandomEdit.write(path, RegistryFixture.request("FR-0001", status: "new"))
        let start = WorkingRegistry.now()
        func load(at time: Int64) -> WorkingRegistry {
            WorkingRegistry.load(
                root: root, selector: selector, context: context, needs: .findings, cacheFolder: cacheFolder,
                fingerprint: "test", scanStart: time)
        }
        _ = load(at: start)
        let original = try #require(WorkingTreeCacheFile.load(folder: cacheFolder, fingerprint: "test"))
        // Same length, another status; then the cache is made to hold the new stat data
        // with the old bytes' hash and facts, as if the edit had landed in the same clock
        // tick as the read.
        try RandomEdit.write(path, RegistryFixture.request("FR-0001", status: "xxx"))
        var info = stat()
        #expect(lstat(path, &info) == 0)
        var forged = original
        forged.entries[0].stat = FileStat(info)
        forged.store(folder: cacheFolder, writingParts: false, replacing: nil)
        let racy = load(at: start + 120_000_000_000)
        #expect(racy.readCount == 1)
        #expect(racy.validationReport()?.diagnostics.contains { $0.rule == "status-enum" } == true)
        // Stored by a run that started well after the file's times, the same entry is
        // believed without reading the file: what the racy check protects against.
        forged.scanStart = start + 60_000_000_000
        forged.store(folder: cacheFolder, writingParts: false, replacing: nil)
        #expect(load(at: start + 120_000_000_000).validationReport()?.diagnostics.isEmpty == true)
    }

    @Test func damagedForeignOrStrangeCacheFilesAreIgnored() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cacheFolder = root + "/.git/freq"
        let context = try Self.context()
        let selector = try RequestSelector(config: context.config)
        for number in 1...20 {
            let id = String(format: "FR-%04d", number)
            try RandomEdit.write(root + "/requests/\(id)-x.md", RegistryFixture.request(id, status: number % 3 == 0 ? "bogus" : "new"))
        }
        func load(_ fingerprint: String = "test") -> WorkingRegistry {
            WorkingRegistry.load(
                root: root, selector: selector, context: context, needs: .findings, cacheFolder: cacheFolder,
                fingerprint: fingerprint, scanStart: WorkingRegistry.now() + 60_000_000_000)
        }
        let expected = try #require(load().validationReport()).diagnostics
        #expect(expected.count == 6)
        #expect(load().parsedCount == 0)
        let path = WorkingTreeCacheFile.path(folder: cacheFolder, fingerprint: "test")
        let good = try #require(FileBytes.read(path))
        // Truncated, flipped, emptied, another fingerprint's file under this name, a FIFO.
        var generator = SeededGenerator(seed: 9)
        for round in 0..<40 {
            var bytes = good
            switch round % 4 {
            case 0: bytes.removeLast(Int.random(in: 1..<bytes.count, using: &generator))
            case 1: bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 0x20
            case 2: bytes = []
            default:
                // Damage to the index behind a valid checksum: only the structure checks
                // can see it.
                let start = WorkingTreeCacheFile.headerSize
                let length = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 10, as: UInt64.self)) }
                bytes[Int.random(in: start..<(start + length), using: &generator)] = 0xFF
                let checksum = Checksum.of(Array(bytes[start..<(start + length)]), upTo: length)
                withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(18..<26, with: $0) }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let report = load().validationReport()
            // Behind a valid checksum a changed message cannot be told: never a crash, though.
            if round % 4 != 3 { #expect(report?.diagnostics == expected, "round \(round)") }
        }
        try Data(try #require(FileBytes.read(path))).write(to: URL(fileURLWithPath: WorkingTreeCacheFile.path(folder: cacheFolder, fingerprint: "other")))
        #expect(load("other").validationReport()?.diagnostics == expected)
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        #expect(load().validationReport()?.diagnostics == expected)
        // A cache folder that cannot be written: still the answer.
        try FileManager.default.removeItem(atPath: cacheFolder)
        try "not a folder".write(toFile: cacheFolder, atomically: false, encoding: .utf8)
        #expect(load().validationReport()?.diagnostics == expected)
    }

    /// Tears or flips a cache file, as a crash or a disk leaves it (the checksum sees it);
    /// false when there is none to damage.
    @discardableResult
    private func damage(_ path: String, using generator: inout SeededGenerator) throws -> Bool {
        guard var bytes = FileBytes.read(path), bytes.count > 20 else { return false }
        if Bool.random(using: &generator) {
            bytes.removeLast(Int.random(in: 1..<bytes.count, using: &generator))
        } else {
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 0x41
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return true
    }

    static func describe(_ record: RequestRecord) -> String {
        "\(record.id)|\(record.path)|\(record.status)|\(record.category)|\(record.title ?? "-")|\(record.area ?? "-")|"
            + "\(record.created ?? "-")|\(record.customers.map { "\($0.name):\($0.arr ?? -1):\($0.details)" })|\(record.totalARR)|"
            + "\(record.body)|\(record.keyOrder)|\(record.scalarTexts.sorted { $0.key < $1.key })"
    }

    /// A folder of `count` valid requests, FR-0001 up, and a loader whose clock runs
    /// ahead of the files' times (none racily clean), each call ten seconds later.
    private static func folder(of count: Int) throws -> (root: String, load: (WorkingRegistry.Needs) -> WorkingRegistry) {
        let root = NSTemporaryDirectory() + "freq-worktree-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/requests", withIntermediateDirectories: true)
        let context = try Self.context()
        let selector = try RequestSelector(config: context.config)
        for number in 1...count {
            let id = String(format: "FR-%04d", number)
            try RandomEdit.write(root + "/requests/\(id)-x.md", RegistryFixture.request(id, status: "new"))
        }
        var clock = WorkingRegistry.now() + 60_000_000_000
        return (root, { needs in
            clock += 10_000_000_000
            return WorkingRegistry.load(
                root: root, selector: selector, context: context, needs: needs, cacheFolder: root + "/.git/freq",
                fingerprint: "test", scanStart: clock)
        })
    }

    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "freq-worktree-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/requests", withIntermediateDirectories: true)
        return path
    }
}

/// One random edit of a registry on disk: new requests, status and title changes of the
/// same length, duplicates and their targets, renames, removals, broken YAML, an id held
/// twice, files too large, symbolic links and folders at request paths, files outside the
/// glob, and files that change back to an earlier version.
enum RandomEdit {
    static let statuses = ["new", "triaged", "planned", "shipped", "declined", "duplicate", "bogus"]

    static func apply(root: String, round: Int, using generator: inout SeededGenerator) throws {
        let folder = root + "/requests/"
        let names = ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("folder-") && !$0.hasPrefix("link-") }.sorted()
        let pick = names.randomElement(using: &generator).map { folder + $0 }
        let id = String(format: "FR-%04d", Int.random(in: 1...40, using: &generator))
        let status = statuses.randomElement(using: &generator) ?? "new"
        switch Int.random(in: 0..<16, using: &generator) {
        case 0, 1, 2:
            let extra = status == "duplicate" ? "duplicate_of: FR-\(String(format: "%04d", Int.random(in: 1...40, using: &generator)))\n" : ""
            let customers = Bool.random(using: &generator)
                ? "requested_by:\n  - customer: \(["Acme", "ACME", "Acme Inc."].randomElement(using: &generator) ?? "")\n    arr: \(Int.random(in: 0...90_000, using: &generator))\n" : ""
            try write(folder + "\(id)-r\(round).md", RegistryFixture.request(id, status: status, title: "Title \(round)", extra: extra + customers))
        case 3, 4:
            // Same length, another status: only the stat data (or the hash) tells.
            if let pick, let text = try? String(contentsOfFile: pick, encoding: .utf8) {
                let swapped = text.replacingOccurrences(of: "status: new", with: "status: xyz")
                try write(pick, swapped == text ? text.replacingOccurrences(of: "status: xyz", with: "status: new") : swapped)
            }
        case 5:
            if let pick {
                try FileManager.default.createDirectory(atPath: folder + "sub", withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: pick, toPath: folder + "sub/\(id)-moved-\(round).md")
            }
        case 6:
            if let pick { try FileManager.default.removeItem(atPath: pick) }
        case 7:
            if let pick { try write(pick, ["---\nid: [broken\n---\n", "no front matter\n", "---\nid: FR-0001\n", "---\n- a\n---\n"][Int.random(in: 0..<4, using: &generator)]) }
        case 8:
            try write(folder + "\(id)-again-\(round).md", RegistryFixture.request(id, status: "triaged"))
        case 9:
            if let pick { try write(pick, RegistryFixture.request(id, status: "duplicate", extra: "duplicate_of: \(["FR-0001", "FR-0002", id, "FR-9999"][Int.random(in: 0..<4, using: &generator)])\n")) }
        case 10:
            if Bool.random(using: &generator) {
                try? FileManager.default.createSymbolicLink(atPath: folder + "link-\(round).md", withDestinationPath: pick ?? "x")
            } else {
                try? FileManager.default.createDirectory(atPath: folder + "folder-\(round).md", withIntermediateDirectories: true)
            }
        case 11:
            try write(folder + "\(id)-big-\(round).md", "---\nid: \(id)\n---\n" + String(repeating: "x", count: 4 << 20))
        case 12:
            try write(root + "/notes-\(round).md", "not a request")
            // Listed with the requests, but not selected by the glob.
            try write(folder + "notes-\(round).txt", "not a request either")
        case 14:
            // One name in two normalizations: two files, each its own request and row.
            try write(folder + "\(id)-caf\u{E9}-\(round).md", RegistryFixture.request(id, status: status, title: "Composed"))
            try write(folder + "\(id)-cafe\u{301}-\(round).md", RegistryFixture.request(id, status: "new", title: "Decomposed"))
        case 13:
            // The id's line moves, its value stays: the rules across files point elsewhere.
            if let pick, let text = try? String(contentsOfFile: pick, encoding: .utf8), text.hasPrefix("---\n") {
                try write(pick, "---\n# moved\n" + text.dropFirst(4))
            }
        default:
            // Back to an earlier version of the bytes: the cached facts of that hash fit.
            if let pick { try write(pick, RegistryFixture.request(id, status: "new")) }
        }
    }

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
