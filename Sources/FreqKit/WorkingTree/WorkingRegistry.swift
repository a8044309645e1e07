import Foundation
import FreqPaths

/// The registry in the working tree read the way git reads its index: a file whose `lstat`
/// data (inode, size, modification and change times) is what the cache stored is not read
/// again, and one whose bytes hash as stored is not parsed again. What the commands take
/// from a file (`FileFacts`: id, status, title, the findings of the rules on one file, the
/// `RequestRecord`) comes from the cache; the rules across files run on the small id index.
/// Every answer is the one `RegistrySnapshot` would give (a differential test checks it).
public struct WorkingRegistry: Sendable {
    /// The parts of `FileFacts` a command needs besides id, status and title.
    public struct Needs: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The findings of the rules on one file (`validate`).
        public static let findings = Needs(rawValue: 1)
        /// The `RequestRecord`s (`list`, `show`, `index`), without their bodies.
        public static let records = Needs(rawValue: 2)
        /// The records with their bodies (`list --search`).
        public static let bodies: Needs = [.records, Needs(rawValue: 4)]

        /// The cache sections a run with these needs reads.
        var cacheParts: WorkingTreeCacheFile.Parts {
            var parts: WorkingTreeCacheFile.Parts = []
            if contains(.records) { parts.insert(.records) }
            if contains(.bodies) { parts.insert(.bodies) }
            return parts
        }
    }

    /// One selected file: as the cache stored it (the cache's entries are `File`s, so an
    /// unchanged folder's files are the loaded entries, not copies), or as this run read it.
    struct File: Sendable {
        var path: String
        var facts: FileFacts
        /// The hash of the cached version; nil for a file not cached (a symbolic link, a
        /// folder, a file too large or that could not be read).
        var hash: ContentHash?
        /// The bytes, when read by this run.
        var bytes: [UInt8]?
        /// The stat data to store with it: read by this run, or the cache's when the file
        /// kept its stored version; nil when not cached.
        var stat: FileStat?
        /// Where the stored record and body of this version are in the cache file's
        /// sections, for a run that did not load them (kept as bytes when it stores).
        var storedSpans: (record: Range<Int>?, body: Range<Int>?) = (nil, nil)
        /// This file's entry as the loaded index holds it, byte for byte, while nothing
        /// about it changed: an index rewritten without a new parts file copies it as it is.
        var storedEntry: ArraySlice<UInt8>?

        /// Points nowhere in the parts file any more (it is gone or damaged): the entry is
        /// written again without spans.
        mutating func forgetStoredParts() {
            storedSpans = (nil, nil)
            storedEntry = nil
        }
    }

    /// What storing the cache again needs (nil when this run has no cache folder).
    struct CacheState: Sendable {
        var folder: String
        var fingerprint: String
        var scanStart: Int64
        var needs: Needs
        /// The file this run loaded, for the records and bodies it did not read.
        var loaded: WorkingTreeCacheFile?
        /// The hash of the folders' listing (`WorkingTreeCacheFile.listingHash`); nil when
        /// unknown.
        var listingHash: ContentHash?
        /// Where each file is in that listing (`WorkingTreeCacheFile.listingPositions`); nil
        /// when unknown.
        var listingPositions: [Int]?
    }

    /// The working tree's root, `/`-terminated.
    let root: String
    /// Every selected file, in path order.
    private(set) var files: [File]
    let context: RuleContext
    let limits: FrontMatterLimits
    /// How many files this run read, and how many of those it parsed (for tests: a warm
    /// run with nothing changed reads none).
    public let readCount: Int
    public let parsedCount: Int
    /// Whether the folders listed as when the cache was stored (no glob, no sort; for tests).
    var listedAsStored = false
    /// How many files this run read again only for a record or body the cache left out
    /// (for tests).
    var readForPartsOnly = 0
    /// How many files this run read again because they were edited since the cache was
    /// stored, and left their stale entries as they are (for tests).
    var editedLeftOut = 0
    /// The findings of the rules across files on exactly these files, encoded: stored by
    /// the run that cached them when every file is the cached one or kept its id-index
    /// entry (none added, gone or uncached), or computed by this run as it stored the cache.
    var knownRegistryFindings: ArraySlice<UInt8>?
    /// Whether the cache no longer holds what this run read (a file read again, gone or
    /// new): `load` with `storing` writes it then; without, `writeCache()` can.
    public internal(set) var cacheIsOutOfDate = false
    /// The glob that chose the files (nil for a registry behind a linked folder).
    var selector: RequestSelector?
    var cacheState: CacheState?

    /// Lists the selected files of the working tree at `root` and takes their facts from
    /// the cache in `cacheFolder` (nil: no cache) where the files did not change, reading
    /// and parsing the others on every core; then stores the cache again when anything
    /// was new. `fingerprint` names everything besides the file that the facts depend on
    /// (the configuration, the schema and the template as bytes; `Fingerprint.workingTree`),
    /// the selector's glob included: the files a cache holds are taken as selected.
    /// Without `storing`, the cache is left as it is: an edit about to write stores it
    /// once, after (`refresh(afterWriting:)`).
    public static func load(
        root: String, selector: RequestSelector, context: RuleContext, needs: Needs, cacheFolder: String?,
        fingerprint: String, limits: FrontMatterLimits = .default, storing: Bool = true
    ) -> WorkingRegistry {
        load(
            root: root, selector: selector, context: context, needs: needs, cacheFolder: cacheFolder, fingerprint: fingerprint,
            limits: limits, scanStart: now(), storing: storing)
    }

    /// `scanStart`: the time the scan starts, given by tests.
    static func load(
        root: String, selector: RequestSelector, context: RuleContext, needs: Needs, cacheFolder: String?,
        fingerprint: String, limits: FrontMatterLimits = .default, scanStart: Int64, storing: Bool = true
    ) -> WorkingRegistry {
        let base = root.hasSuffix("/") ? root : root + "/"
        let listing: WorkingTree.FolderListing
        // Each path is looked up from the working tree's folder, not from `/`.
        let rootFolder = PathBytes.withCString(base) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { if rootFolder >= 0 { close(rootFolder) } }
        // The folders are listed, and every listed path's lstat taken, while the cache file
        // is read: none needs the other.
        let (walk, listedStats, loaded) = ListingStats.listAndStat(root: base, selector: selector, rootFolder: rootFolder) {
            cacheFolder.flatMap { WorkingTreeCacheFile.load(folder: $0, fingerprint: fingerprint, parts: needs.cacheParts) }
        }
        switch walk {
        case .linkedFolder(let folder):
            // Nothing below a linked folder is read, and nothing is cached.
            let file = RequestFile(path: folder, content: .symlink)
            let facts = FileFacts(RegistrySnapshot.read(file, idField: context.config.idField, statusField: context.config.statusField, limits: limits), needs: needs, context: context)
            return WorkingRegistry(
                root: base, files: [File(path: folder, facts: facts)], context: context, limits: limits, readCount: 0,
                parsedCount: 0)
        case .listed(let found):
            listing = found
        }
        // Moved, so that the entries taken from it below are their only reference.
        var cache = consume loaded
        // The entries move out of the cache, so that the files below are them, changed in
        // place, not a copy. A folder that lists as when the cache was stored selects
        // exactly its entries: no name is matched with the glob, nor sorted.
        let stored = cache?.takeEntries() ?? []
        let storedCount = stored.count
        let listingHash = listing.hash
        let listedAsStored = cache?.listingHash == listingHash
        // Consumed in both cases: a file read again below is then written into the only
        // reference to the array (a second one made each such write copy 10,000 entries).
        var files: [File]
        // Where each file is in the listing: its lstat is there.
        let positions: [Int]
        // Stored places that do not hold (damage) are made again, and stored again.
        var placesMadeAgain = false
        if listedAsStored, let places = cache?.listingPositions.flatMap({ Self.checked($0, of: stored, in: listing) }) {
            files = consume stored
            positions = places
        } else {
            (files, positions) = Self.files(listed: listing, selector: selector, entries: consume stored)
            placesMadeAgain = listedAsStored
        }
        let stats: [FileStat?]
        if listedStats.count == listing.paths.count {
            stats = positions.map { listedStats[$0] }
        } else {
            // The working tree's folder could not be opened: each path from `/`.
            stats = ParallelWork.map(files.map(\.path), chunks: 4 * System.coreCount) { path -> FileStat? in
                var info = stat()
                return PathBytes.withCString(base + path, { lstat($0, &info) }) == 0 ? FileStat(info) : nil
            }
        }

        // Files whose stored stat still holds (and that were not racily clean) keep their facts.
        var work: [Int] = []
        let storedScanStart = cache?.scanStart ?? 0
        for index in files.indices {
            // Only a file holding its cached entry has a stat before it is read.
            guard let stat = stats[index], files[index].stat == stat, !stat.isRacy(scanStart: storedScanStart),
                files[index].facts.covers(needs)
            else {
                work.append(index)
                continue
            }
        }
        let workItems = work.map { (index: $0, path: files[$0].path, entry: files[$0].stat != nil ? files[$0] : nil) }
        let done = ParallelWork.map(workItems, chunks: 4 * System.coreCount) { item in
            Self.process(item.path, base: base, cached: item.entry, needs: needs, context: context, limits: limits)
        }
        var parsed = 0
        for (item, result) in zip(workItems, done) {
            var file = result.file
            // A file read again whose bytes are the stored ones keeps the stored stat only
            // when that is what lstat says (else the one read now).
            file.stat = result.stat ?? (item.entry?.hash == file.hash && file.hash != nil ? stats[item.index] : nil)
            files[item.index] = file
            if result.parsed { parsed += 1 }
        }
        var registry = WorkingRegistry(
            root: base, files: files, context: context, limits: limits, readCount: work.count, parsedCount: parsed)
        registry.listedAsStored = listedAsStored
        registry.selector = selector
        // The rules across files read only the id index: when every file read again kept its
        // entry there (an edit of a body, a status, a customer), their stored findings hold.
        // (Every file then had a stored entry, and as many as stored: the same paths.)
        if let cache, files.count == storedCount,
            zip(workItems, done).allSatisfy({ item, result in
                item.entry.map { FileFacts.sameIDIndexEntry($0.facts, result.file.facts) } ?? false
            })
        {
            registry.knownRegistryFindings = cache.registryFindings
        }
        guard let cacheFolder else { return registry }
        registry.cacheState = CacheState(
            folder: cacheFolder, fingerprint: fingerprint, scanStart: scanStart, needs: needs, loaded: cache,
            listingHash: listingHash, listingPositions: positions)
        // Rewritten when a cached file was read again (changed, new, or racily clean) or one
        // is gone; files never cached (links, folders) alone change nothing. A racily clean
        // file read again unchanged that would still be racy for this run's start changes
        // nothing either: git's index is not rewritten for it, and neither is this.
        // A file read again only for a record or body its entry lacks (left out of the parts
        // file: `storeCache`) changes its entry in nothing but those: a few such files are
        // parsed again by each run that needs them rather than 12 MB of parts rewritten.
        // So does a file edited since (its stat or bytes no longer the entry's) whose id-index
        // entry is unchanged: its stale entry is never trusted (its stat differs), so a few
        // are read again by each run rather than the 2.5 MB index rewritten after every save
        // of the file someone is editing; the rules across files still hold.
        var partsOnly = 0
        var edited = 0
        var reread = false
        for (item, result) in zip(workItems, done) {
            guard let stat = result.stat else { continue }
            guard let entry = item.entry else {
                reread = true
                break
            }
            guard entry.hash == result.file.hash, entry.stat == stat else {
                guard FileFacts.sameIDIndexEntry(entry.facts, result.file.facts) else {
                    reread = true
                    break
                }
                edited += 1
                continue
            }
            // Racy for this run's start too (a file dated in the future): rewriting its entry
            // would not make it trusted.
            let stillRacy = stat.isRacy(scanStart: scanStart)
            if entry.facts.covers(needs) && stillRacy { continue }
            guard !stat.isRacy(scanStart: storedScanStart) || stillRacy, entry.facts.covers(needs.intersection(.findings)) else {
                reread = true
                break
            }
            partsOnly += 1
        }
        registry.readForPartsOnly = partsOnly
        reread = reread || partsOnly + edited > Self.partsLeftOut(of: files.count)
        // So is a listing that changed with every file cached (a file the glob does not
        // select came or went): the next run then takes the entries as they are.
        let cachedCount = files.count(where: { $0.hash != nil && $0.stat != nil })
        registry.cacheIsOutOfDate =
            reread || cachedCount != storedCount || (!listedAsStored && cachedCount == files.count) || placesMadeAgain
        registry.editedLeftOut = registry.cacheIsOutOfDate ? 0 : edited
        if storing, registry.cacheIsOutOfDate {
            registry.storeCache()
            registry.cacheIsOutOfDate = false
        }
        return registry
    }

    /// Writes the cache as `load` with `storing` would have, from a copy of this registry:
    /// for a caller that loaded without `storing` and writes it while the answer is
    /// rendered, on another thread (the registry is not changed).
    public func writeCache() {
        var copy = self
        copy.storeCache()
    }

    /// How many of `fileCount` files' records or bodies may be left out of the parts file,
    /// or entries left stale in the index (each such file parsed again by the runs that
    /// need it), before the file is rewritten: a few, as an edit leaves them.
    static func partsLeftOut(of fileCount: Int) -> Int { min(32, fileCount / 16) }

    /// Writes the cache for these files. A run that computed no record or body writes the
    /// index alone, pointing into the parts file it loaded; one that did writes a new parts
    /// file, copying what it did not read from the one it loaded, as bytes.
    private mutating func storeCache() {
        guard let state = cacheState else { return }
        // Stored: what has a hash and a stat (nearly always every file, taken as it is).
        let allCached = files.withUnsafeBufferPointer { buffer in
            // Each file looked at where it is: iterating the array copies every file.
            buffer.indices.allSatisfy { buffer[$0].hash != nil && buffer[$0].stat != nil }
        }
        var entries = allCached ? files : files.filter { $0.hash != nil && $0.stat != nil }
        let loaded = state.loaded
        // Records or bodies computed by this run: a few (an edit since the last run) are left
        // out, their files parsed again when needed, unless there is no parts file to keep.
        let unstored = entries.count {
            ($0.facts.record != nil && $0.storedSpans.record == nil) || ($0.facts.body != nil && $0.storedSpans.body == nil)
        }
        let partsKept = state.loaded?.partsFile?.isLinked == true
        let writingParts = unstored > Self.partsLeftOut(of: files.count) || (unstored > 0 && !partsKept)
        if writingParts, let loaded, !loaded.loaded.isSuperset(of: .all), let parts = loaded.storedParts() {
            Self.keepParts(from: parts, in: &entries)
        }
        // The rules across files, run once here for the runs that find nothing changed.
        var registryFindings: ArraySlice<UInt8>?
        if entries.count == files.count {
            registryFindings = knownRegistryFindings ?? {
                var sink = FindingSink()
                checkRegistryRules(&sink)
                var writer = CacheWriter()
                FactsCodec.writeFindings(sink.findings, &writer, paths: true)
                return writer.bytes[...]
            }()
            // Computed once: `validationReport` takes them too.
            knownRegistryFindings = registryFindings
        }
        var partsID = loaded?.partsID
        if !writingParts, let partsFile = loaded?.partsFile {
            if partsFile.isLinked {
                // Still in use: not removed as stale by a cleanup that goes by age.
                partsFile.touch()
            } else {
                // Another run replaced and removed it since this one loaded it: the entries
                // are stored pointing nowhere (what needs records reads the files again).
                partsID = nil
                for index in entries.indices where entries[index].storedSpans != (nil, nil) {
                    entries[index].forgetStoredParts()
                }
            }
        }
        WorkingTreeCacheFile(
            fingerprint: state.fingerprint, scanStart: state.scanStart, entries: entries,
            listingHash: entries.count == files.count ? state.listingHash : nil,
            listingPositions: entries.count == files.count ? state.listingPositions : nil,
            registryFindings: registryFindings, partsID: partsID
        ).store(folder: state.folder, writingParts: writingParts, replacing: loaded?.partsID)
    }

    /// This registry after this run wrote the files at `paths` (an edit): those files read
    /// and checked again, the others as they were read, and the cache stored once. What
    /// `load` would give, without listing and stat-ing every file again.
    public mutating func refresh(afterWriting paths: [String]) {
        // Taken out rather than copied: when this registry is the files' only holder (an
        // edit session's), a new file is inserted in place, not into a copy of 10,000.
        var files: [File] = []
        swap(&files, &self.files)
        var inserted = false
        let needs = cacheState?.needs ?? .findings
        // A written file the glob does not select is not part of the registry (as listing
        // the folder again would find).
        let selected = paths.filter { selector?.selects($0) ?? false }
        var sameIDIndex = knownRegistryFindings != nil
        for path in selected {
            let result = Self.process(path, base: root, cached: nil, needs: needs, context: context, limits: limits)
            var file = result.file
            file.stat = result.stat
            let (index, found) = Self.position(of: path, in: files)
            if found {
                sameIDIndex = sameIDIndex && FileFacts.sameIDIndexEntry(files[index].facts, file.facts)
                files[index] = file
            } else {
                sameIDIndex = false
                files.insert(file, at: index)
                inserted = true
            }
        }
        var registry = WorkingRegistry(
            root: root, files: files, context: context, limits: limits, readCount: selected.count, parsedCount: selected.count)
        registry.cacheState = cacheState
        registry.selector = selector
        // A new name changes the folders' listing: its hash is not known.
        if inserted {
            registry.cacheState?.listingHash = nil
            registry.cacheState?.listingPositions = nil
        }
        if sameIDIndex { registry.knownRegistryFindings = knownRegistryFindings }
        registry.storeCache()
        self = registry
    }

    /// Where `path` is, or would go, among `files` (in byte order, as they always are: the
    /// cache's entries are checked to be, a listing is sorted), and whether it is there.
    /// Each path looked at where it is: iterating the array copies every file.
    private static func position(of path: String, in files: [File]) -> (index: Int, found: Bool) {
        files.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low + high) / 2
                if buffer[middle].path.precedesInByteOrder(path) { low = middle + 1 } else { high = middle }
            }
            return (low, low < buffer.count && buffer[low].path.hasSameBytes(as: path))
        }
    }

    /// Fills in the record and body an entry lacks from where its version's were stored
    /// (`storedSpans`, in the sections of the file this run loaded), as bytes.
    private static func keepParts(from parts: (records: SharedBytes, bodies: SharedBytes), in entries: inout [File]) {
        for index in entries.indices {
            // Each part on its own: a `list` run loads records but not bodies.
            if entries[index].facts.record == nil, let record = entries[index].storedSpans.record {
                entries[index].facts.record = parts.records[record]
            }
            if entries[index].facts.body == nil, let body = entries[index].storedSpans.body {
                entries[index].facts.body = parts.bodies[body]
            }
        }
    }

    /// The paths of `listing` the selector selects, in byte order, as files: the cache's
    /// entry for each path it holds, the others not read yet (`File(notRead:)`). A name the
    /// entries hold is selected without matching it (the cache's fingerprint covers the
    /// configuration, so the same glob chose them), and its text is the entry's: a listing
    /// changed by one file costs no glob match, text or copy of the 10,000 others.
    /// Also where each file is in the listing.
    static func files(listed listing: WorkingTree.FolderListing, selector: RequestSelector, entries: consuming [File])
        -> (files: [File], positions: [Int])
    {
        // Names compared as bytes only where a name's text is its bytes (ASCII).
        guard listing.bytes.withUnsafeBytes(PathBytes.isASCII) else {
            return sorted(listing.selectedWithPositions(by: selector), entries: entries)
        }
        let order = listing.byteOrder()
        // Each selected name, in byte order: the index of the entry holding it, or its text;
        // and its position in the listing.
        var merged: [(entry: Int, path: String?, position: Int)] = []
        merged.reserveCapacity(listing.paths.count)
        var added = false
        var next = 0
        listing.bytes.withUnsafeBytes { buffer in
            for position in order {
                let name = UnsafeRawBufferPointer(rebasing: buffer[listing.paths[position]])
                var order = 1
                while next < entries.count {
                    var path = entries[next].path
                    order = path.withUTF8 { compareBytes(UnsafeRawBufferPointer($0), name) }
                    guard order < 0 else { break }
                    // A file gone since the cache was stored.
                    next += 1
                }
                if order == 0 {
                    merged.append((next, nil, position))
                    next += 1
                } else {
                    let path = PathBytes.text(name)
                    guard selector.selects(path) else { continue }
                    merged.append((-1, path, position))
                    added = true
                }
            }
        }
        guard added else {
            // Only files gone: the entries kept close up where they are (a new array of
            // 10,000 files was most of the run's page faults). Each moves down, never up.
            for (slot, item) in merged.enumerated() where slot != item.entry { entries.swapAt(slot, item.entry) }
            entries.removeLast(entries.count - merged.count)
            return (entries, merged.map(\.position))
        }
        var files: [File] = []
        files.reserveCapacity(merged.count)
        let placeholder = File(notRead: "")
        for item in merged {
            if let path = item.path {
                files.append(File(notRead: path))
            } else {
                // Moved out, not copied: the entries are dropped after.
                var entry = placeholder
                swap(&entry, &entries[item.entry])
                files.append(entry)
            }
        }
        return (files, merged.map(\.position))
    }

    /// `positions` (stored with the cache) when each is where `files`' path is in `listing`:
    /// the listing is the stored one (its hash says so), the check is against damage.
    static func checked(_ positions: [Int], of files: [File], in listing: WorkingTree.FolderListing) -> [Int]? {
        guard positions.count == files.count else { return nil }
        let fits = listing.bytes.withUnsafeBytes { buffer in
            files.withUnsafeBufferPointer { files in
                files.indices.allSatisfy { index in
                    let position = positions[index]
                    guard listing.paths.indices.contains(position) else { return false }
                    let listed = UnsafeRawBufferPointer(rebasing: buffer[listing.paths[position]])
                    var path = files[index].path
                    // A name that is not UTF-8 is held as text that spells its bytes otherwise.
                    return path.withUTF8 { compareBytes(UnsafeRawBufferPointer($0), listed) == 0 }
                        || PathBytes.bytes(path).withUnsafeBytes { compareBytes($0, listed) == 0 }
                }
            }
        }
        return fits ? positions : nil
    }

    /// The listed paths in byte order as files: the cache's entry for each path it holds,
    /// the others not read yet (`File(notRead:)`).
    /// Also where each is in the listing.
    static func sorted(_ listing: [(path: String, position: Int)], entries: consuming [File]) -> (files: [File], positions: [Int]) {
        let order = WorkingTree.byteOrder(of: listing.map(\.path))
        let paths = order.map { listing[$0].path }
        let aligned = align(paths, with: entries)
        var files: [File] = []
        files.reserveCapacity(paths.count)
        for (path, position) in zip(paths, aligned) {
            files.append(position.map { entries[$0] } ?? File(notRead: path))
        }
        return (files, order.map { listing[$0].position })
    }

    /// The name of the cache file for everything besides a file that its facts depend on:
    /// `parts` are the configuration's, the schema's and the template's bytes and whatever
    /// else the caller knows changes the rules (the executable).
    public static func fingerprint(of parts: [[UInt8]]) -> String {
        var hash = FNV1a()
        hash.add(FreqVersion.string)
        hash.add(WorkingTreeCacheFile.formatVersion)
        let limits = FrontMatterLimits.default
        hash.add("\(limits.maxFileBytes) \(limits.maxDepth) \(limits.maxNodes)")
        for part in parts {
            hash.add(String(part.count))
            hash.add(bytes: part)
        }
        return hash.hex
    }

    /// The cache entry of each path (both lists sorted by path), nil where there is none.
    private static func align(_ paths: [String], with entries: [File]) -> [Int?] {
        var result: [Int?] = []
        result.reserveCapacity(paths.count)
        var next = 0
        for path in paths {
            while next < entries.count, entries[next].path.precedesInByteOrder(path) { next += 1 }
            if next < entries.count, entries[next].path.hasSameBytes(as: path) {
                result.append(next)
                next += 1
            } else {
                result.append(nil)
            }
        }
        return result
    }

    private struct Processed: Sendable {
        var file: File
        /// The stat the file had when read; nil when it is not cached.
        var stat: FileStat?
        var parsed: Bool
    }

    /// Reads one file; its facts come from the cache when its bytes hash as stored.
    private static func process(
        _ path: String, base: String, cached: WorkingTreeCacheFile.Entry?, needs: Needs, context: RuleContext,
        limits: FrontMatterLimits
    ) -> Processed {
        let config = context.config
        guard let (bytes, stat) = readRegularFile(base + path, limit: limits.maxFileBytes) else {
            // Not a regular file, too large, or unreadable: as the snapshot reads it, uncached.
            let file = WorkingTree.read(root: base, path: path, sizeLimit: limits.maxFileBytes)
            let facts = FileFacts(
                RegistrySnapshot.read(file, idField: config.idField, statusField: config.statusField, limits: limits),
                needs: needs, context: context)
            return Processed(file: File(path: path, facts: facts), stat: nil, parsed: false)
        }
        let hash = ContentHash(bytes)
        if let cached, cached.hash == hash, cached.facts.covers(needs) {
            return Processed(
                file: File(path: path, facts: cached.facts, hash: hash, bytes: bytes, storedSpans: cached.storedSpans), stat: stat,
                parsed: false)
        }
        let file = RequestFile(path: path, content: .bytes(bytes))
        var facts = FileFacts(
            RegistrySnapshot.read(file, idField: config.idField, statusField: config.statusField, limits: limits),
            needs: needs, context: context)
        var storedSpans: (record: Range<Int>?, body: Range<Int>?) = (nil, nil)
        if let cached, cached.hash == hash {
            // The same bytes: what the cache holds beyond `needs` still holds.
            facts.findings = facts.findings ?? cached.facts.findings
            if facts.record == nil, facts.body == nil {
                facts.record = cached.facts.record
                facts.body = cached.facts.body
            }
            storedSpans = cached.storedSpans
        }
        return Processed(file: File(path: path, facts: facts, hash: hash, bytes: bytes, storedSpans: storedSpans), stat: stat, parsed: true)
    }

    /// The bytes of a regular file of at most `limit` bytes and its stat, taken on the open
    /// file; nil for anything else (the snapshot's reading then says what it is).
    static func readRegularFile(_ path: String, limit: Int) -> (bytes: [UInt8], stat: FileStat)? {
        let descriptor = PathBytes.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW) }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= limit else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let got = bytes.withUnsafeMutableBytes { raw in Foundation.read(descriptor, raw.baseAddress! + total, size - total) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            total += got
        }
        // Grown since fstat: read the rest too (the snapshot reads to the end).
        var extra = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = extra.withUnsafeMutableBytes { raw in Foundation.read(descriptor, raw.baseAddress!, raw.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            bytes.append(contentsOf: extra[..<got])
            guard bytes.count <= limit else { return nil }
        }
        return (bytes, FileStat(info))
    }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

extension WorkingRegistry.File {
    /// A listed file the cache does not hold: a placeholder `load` replaces with what
    /// reading it gives (no stat, so it is never taken as unchanged). In an extension, so
    /// that the memberwise initialiser stays.
    init(notRead path: String) {
        self.init(path: path, facts: FileFacts(reading: .unreadable(FrontMatterProblem(rule: "", message: "")), findings: nil))
    }
}

extension WorkingRegistry {
    /// How many files the requests glob selects.
    public var fileCount: Int { files.count }

    /// Every id written in a readable front matter (`RegistrySnapshot.ids`).
    public var ids: Set<String> { Set(files.compactMap { $0.facts.requestFacts?.id }) }

    /// The readable requests' ids, in path order (with repeats).
    public var idList: [String] {
        files.withUnsafeBufferPointer { buffer in buffer.indices.compactMap { buffer[$0].facts.requestFacts?.id } }
    }

    /// The id index the rules across files check.
    var idIndex: RegistryIDIndex {
        var entries: [RegistryIDIndex.Entry] = []
        entries.reserveCapacity(files.count)
        var unreadable: [String] = []
        // By index, each field read in place: a copy of every file is a dozen retains.
        for index in files.indices {
            switch files[index].facts.reading {
            case .request(let facts): entries.append(facts.idIndexEntry(path: files[index].path))
            case .unreadable: unreadable.append(files[index].path)
            }
        }
        return RegistryIDIndex(entries: entries, unreadablePaths: unreadable)
    }

    /// The rules across files on these files, reported to `sink`. A registry whose ids
    /// all differ and whose `duplicate_of` values each name another request has nothing to
    /// report; that is asked first, on hashes of the ids' bytes (the id index, with its
    /// strings, locations and dictionary of ids, was five times the work).
    private func checkRegistryRules(_ sink: inout FindingSink) {
        if registryRulesFindNothing { return }
        let index = idIndex
        for rule in Rules.registryRules { rule.check(index, context, &sink) }
    }

    /// True only when the rules across files find nothing (`IDUniqueRule`: no id twice;
    /// `DuplicateOfRule`: every `duplicate_of` names an existing id not its own). False
    /// also when two different ids hash alike: the rules then run as usual.
    var registryRulesFindNothing: Bool {
        files.withUnsafeBufferPointer { buffer in
            // An id's hash, and the file holding it.
            var holders: [UInt64: Int] = [:]
            holders.reserveCapacity(buffer.count)
            var naming: [(file: Int, target: String)] = []
            for index in buffer.indices {
                guard case .request(let facts) = buffer[index].facts.reading else { continue }
                if let id = facts.id {
                    // Taken: the same id twice, or two ids hashing alike.
                    guard holders.updateValue(index, forKey: Self.idHash(id)) == nil else { return false }
                }
                if let target = facts.duplicateOf, !target.isEmpty {
                    // `DuplicateOfRule` compares a target with the file's own id as strings
                    // (two spellings of one accented letter are equal): so does this.
                    if let id = facts.id, id == target { return false }
                    naming.append((index, target))
                }
            }
            return naming.allSatisfy { file, target in
                guard let holder = holders[Self.idHash(target)], holder != file,
                    case .request(let facts) = buffer[holder].facts.reading, let id = facts.id
                else { return false }
                return id.hasSameBytes(as: target)
            }
        }
    }

    /// An id's hash, of its bytes (ids compare as written, byte for byte).
    private static func idHash(_ id: String) -> UInt64 {
        var hash = FNV1a()
        var text = id
        text.withUTF8 { hash.add(bytes: $0) }
        return hash.value
    }

    /// What `RegistryValidator.validate` says about the working tree's snapshot; nil when
    /// the cache cannot answer (a file changed while the run read it: read the snapshot).
    /// Needs `.findings`.
    public func validationReport() -> ValidationReport? {
        var sink = FindingSink()
        for file in files {
            if case .unreadable(let problem) = file.facts.reading { sink.report(problem, path: file.path) }
        }
        for file in files where file.facts.requestFacts != nil {
            if let computed = file.facts.computedFindings {
                sink.append(computed)
                continue
            }
            guard let encoded = file.facts.findings else { return nil }
            // Most files have none: a count of 0 is four zero bytes.
            if encoded.count == 4 && encoded.allSatisfy({ $0 == 0 }) { continue }
            guard let findings = try? FactsCodec.readFindings(encoded, path: file.path) else { return nil }
            sink.append(findings)
        }
        if let stored = knownRegistryFindings, let findings = try? FactsCodec.readFindings(stored, path: nil) {
            sink.append(findings)
        } else {
            checkRegistryRules(&sink)
        }
        let diagnostics = Rules.resolve(sink.findings, in: context.config).sorted(by: RegistryValidator.order)
        guard let sources = sources(of: Set(diagnostics.map { ByteKey($0.path) })) else { return nil }
        return ValidationReport(fileCount: files.count, diagnostics: diagnostics, sources: sources)
    }

    /// The bytes of the cached files among `paths`, as the facts describe them; nil when
    /// one no longer hashes as it did.
    private func sources(of paths: Set<ByteKey>) -> [ByteKey: [UInt8]]? {
        var sources: [ByteKey: [UInt8]] = [:]
        for file in files where paths.contains(ByteKey(file.path)) {
            guard file.hash != nil else { continue }
            guard let bytes = cachedBytes(of: file) else { return nil }
            sources[ByteKey(file.path)] = bytes
        }
        return sources
    }

    /// The bytes of a cached file as its facts describe them: read by this run, or read
    /// now; nil when not cached, or when they no longer hash as they did.
    private func cachedBytes(of file: File) -> [UInt8]? {
        guard let hash = file.hash,
            let bytes = file.bytes ?? Self.readRegularFile(root + file.path, limit: limits.maxFileBytes)?.bytes,
            ContentHash(bytes) == hash
        else { return nil }
        return bytes
    }

    /// `RequestRecord.records(of:config:)` of the working tree's snapshot; nil when the
    /// cache cannot answer. Needs `.records`; with `bodies` false (a command that never
    /// looks at the text) every record's body is empty, and `.bodies` is not needed.
    public func records(bodies: Bool = true) -> (records: [RequestRecord], unreadable: [String])? {
        probedRecords(bodies: bodies, keeping: nil).map { ($0.records, $0.unreadable) }
    }

    /// `records(bodies:)` with only the records `keep` accepts decoded (the others are
    /// read no further than `keep` asks), and a probe of every record.
    public func records(bodies: Bool = true, keeping keep: @escaping @Sendable (RecordProbe) -> Bool)
        -> (records: [RequestRecord], unreadable: [String], probes: [RecordProbe])?
    {
        probedRecords(bodies: bodies, keeping: keep)
    }

    /// The rows of `freq list`'s table of the requests `query.mightInclude` accepts, in id
    /// order, read from the cached records in place (none decoded), and a probe of every
    /// record; nil when the cache cannot answer (as `records`).
    public func listRows(matching query: RequestQuery)
        -> (rows: [RequestListRenderer.Row], unreadable: [String], probes: RecordProbes)?
    {
        let (indices, unreadable) = recordIndicesAndUnreadablePaths
        let config = context.config
        let plan = EncodedRecord.ListingPlan(query: query, config: config)
        // One pass on every core over each record's bytes where they are: its shape and
        // status, the filters, the kept ones' rows. No probe is made there: each copy of a
        // probe counted a reference to the one mapping of the records from both cores at
        // once (a third of this pass).
        let listed = mapFiles(indices) { file -> EncodedRecord.Listed? in
            // The files (and so the bytes) live until `mapFiles` returns.
            if let bytes = file.pointee.facts.encodedRecordBytes,
                let listed = EncodedRecord.listing(in: bytes, path: file.pointee.path, plan: plan)
            {
                return listed
            }
            guard let record = file.pointee.facts.computedRecord else { return nil }
            return EncodedRecord.Listed(
                status: record.status, category: record.category,
                row: query.mightInclude(RecordProbe(record)) ? RequestListRenderer.Row(record) : nil)
        }
        // The kept rows; each record's probe is made when read, from its status here (a
        // record listed had its bytes or its computed record).
        var rows: [RequestListRenderer.Row] = []
        let complete = listed.withUnsafeBufferPointer { listed in
            for position in listed.indices {
                guard listed[position] != nil else { return false }
                if let row = listed[position]?.row { rows.append(row) }
            }
            return true
        }
        guard complete, indices.count + unreadable.count == files.count else { return nil }
        let probes = RecordProbes(files: files, indices: indices, listed: listed)
        rows.sort(by: RequestListRenderer.Row.idOrder)
        return (rows, unreadable, probes)
    }

    /// The indices of the files with a record (a request with an id and a status), and the
    /// paths of the others (`unreadablePaths`), in one pass. Read in place, as `mapFiles`
    /// reads them.
    private var recordIndicesAndUnreadablePaths: (indices: [Int], unreadable: [String]) {
        var indices: [Int] = []
        var unreadable: [String] = []
        indices.reserveCapacity(files.count)
        files.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                if buffer[index].facts.requestFacts?.holdsRecord == true {
                    indices.append(index)
                } else {
                    unreadable.append(buffer[index].path)
                }
            }
        }
        return (indices, unreadable)
    }

    /// A file's record probe: of the record this run computed, or of the cached bytes.
    private static func probe(of file: UnsafePointer<File>, config: borrowing RegistryConfig) -> RecordProbe? {
        file.pointee.facts.computedRecord.map(RecordProbe.init)
            ?? file.pointee.facts.record.flatMap { RecordProbe(encoded: $0, config: config) }
    }

    private func probedRecords(bodies: Bool, keeping keep: (@Sendable (RecordProbe) -> Bool)?)
        -> (records: [RequestRecord], unreadable: [String], probes: [RecordProbe])?
    {
        let (indices, unreadable) = recordIndicesAndUnreadablePaths
        var kept = indices
        let config = context.config
        var probes: [RecordProbe] = []
        if let keep {
            // First every record's probe (small, cheap), then only the kept ones decoded.
            // Each probe is also filtered on its core: `keep` reads fields from the bytes.
            let probed = mapFiles(indices) { file -> (RecordProbe, kept: Bool)? in
                Self.probe(of: file, config: config).map { ($0, keep($0)) }
            }
            guard probed.count == indices.count else { return nil }
            kept = []
            probes.reserveCapacity(probed.count)
            for (index, probe) in zip(indices, probed) {
                guard let probe else { return nil }
                probes.append(probe.0)
                if probe.kept { kept.append(index) }
            }
        }
        // Decoded on every core: 10,000 records are most of a warm `list`.
        let decoded = mapFiles(kept) { file -> RequestRecord? in
            if var computed = file.pointee.facts.computedRecord {
                if !bodies { computed.body = "" }
                return computed
            }
            guard let encoded = file.pointee.facts.record else { return nil }
            let body: String
            if bodies {
                guard let text = file.pointee.facts.body else { return nil }
                body = text.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
            } else {
                body = ""
            }
            return try? FactsCodec.readRecord(encoded, body: body, path: file.pointee.path, config: config)
        }
        var records: [RequestRecord] = []
        records.reserveCapacity(decoded.count)
        for record in decoded {
            guard let record else { return nil }
            records.append(record)
        }
        guard (keep == nil ? records.count : probes.count) + unreadable.count == files.count else { return nil }
        records.sort(by: RequestRecord.idOrder)
        return (records, unreadable, probes)
    }

    /// `body` of each file at `indices`, on every core, results in their order. The files
    /// are read in place: copying one out of the array retains every reference its facts
    /// hold (most of them into the cache's two shared buffers, from both cores at once),
    /// which cost more than reading a record's status.
    private func mapFiles<Output: Sendable>(_ indices: [Int], _ body: @Sendable (UnsafePointer<File>) -> Output) -> [Output] {
        files.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return [] }
            let shared = SendableBox(start)
            return ParallelWork.map(indices, chunks: 4 * System.coreCount) { body(shared.value + $0) }
        }
    }

    /// The files that are requests with an id and a status (those with a record), in
    /// path order.
    public var requestPaths: [(id: String, path: String)] {
        files.compactMap { file in
            guard let facts = file.facts.requestFacts, facts.holdsRecord, let id = facts.id else { return nil }
            return (id, file.path)
        }
    }

    /// The files `records()` skips: unreadable, or without an id or a status.
    public var unreadablePaths: [String] { recordIndicesAndUnreadablePaths.unreadable }

    /// The record of the file at `path`, read and parsed again (one file); nil when it
    /// changed since this registry was read or holds no record.
    public func record(atPath path: String) -> RequestRecord? {
        files.first(where: { $0.path.hasSameBytes(as: path) }).flatMap(record(of:))
    }

    /// `record(atPath:)` of one of these files.
    func record(of file: File) -> RequestRecord? {
        guard let bytes = cachedBytes(of: file),
            case .success(let request) = RegistrySnapshot.read(
                RequestFile(path: file.path, content: .bytes(bytes)), idField: context.config.idField,
                statusField: context.config.statusField, limits: limits)
        else { return nil }
        return RequestRecord(request, config: context.config)
    }

    /// The readable requests' ids and string titles, in path order (what
    /// `RegistrySnapshot.similarTitles` compares with).
    public var titles: [(id: String, title: String)] {
        files.compactMap { file in
            guard let facts = file.facts.requestFacts, let id = facts.id, let title = facts.title else { return nil }
            return (id, title)
        }
    }

    /// `TextSimilarity.similar(to:among:threshold:)` against `titles`, each title compared
    /// where the facts hold it (a string is made for the matches alone).
    public func similarTitles(to text: String, threshold: Double) -> [(candidate: (id: String, title: String), score: Double)] {
        files.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return [] }
            let shared = SendableBox(start)
            @Sendable func facts(_ index: Int) -> FileFacts.RequestFacts? {
                guard case .request(let facts) = shared.value[index].facts.reading, facts.id != nil else { return nil }
                return facts
            }
            return TextSimilarity.similarIndices(to: text, count: buffer.count, threshold: threshold) { index, body in
                facts(index)?.withTitle(body)
            }
            .compactMap { found in
                guard let facts = facts(found.index), let id = facts.id, let title = facts.title else { return nil }
                return ((id, title), found.score)
            }
            .sorted(by: TextSimilarity.bestFirst)
        }
    }

    /// `RegistrySnapshot.unreadableFile(named:config:)` of the working tree's snapshot.
    public func unreadableFile(named id: String) -> UnreadableFile? {
        guard let path = idIndex.unreadablePath(named: id, config: context.config) else { return nil }
        for file in files where file.path == path {
            if case .unreadable(let problem) = file.facts.reading { return UnreadableFile(path: path, problem: problem) }
        }
        return nil
    }

    /// `RegistrySnapshot.otherSpellings(of:config:)` of the working tree's snapshot.
    public func otherSpellings(of name: String) -> [(name: String, ids: [String])] {
        let wanted = CustomerList.normalized(name)
        var found: [String: [String]] = [:]
        // By index, fields read in place: a copy of every file is a dozen retains.
        for index in files.indices {
            guard case .request(let facts) = files[index].facts.reading else { continue }
            // Names read as bytes; a string is made only for a name that might normalise
            // to the wanted one (its first letter or digit is the wanted one's).
            facts.forEachCustomer { bytes in
                guard CustomerList.mightNormalize(bytes, to: wanted) else { return }
                let listed = String(decoding: bytes, as: UTF8.self)
                guard listed != name, CustomerList.normalized(listed) == wanted else { return }
                found[listed, default: []].append(facts.id ?? files[index].path)
            }
        }
        return found.keys.sorted { $0.precedesInByteOrder($1) }.map { ($0, found[$0] ?? []) }
    }

    /// The status of the first request (in path order) holding `id`.
    public func status(of id: String) -> String? {
        files.lazy.compactMap(\.facts.requestFacts).first { $0.id == id }?.status
    }

    /// The part of the snapshot an edit of request `id` reads: every file holding `id`, or
    /// an id the `duplicate_of` chains from them lead to, read and parsed again, and every
    /// unreadable file (what `request(withID:)` names when the request's file is broken).
    /// Nil when a file changed since this registry was read.
    public func snapshot(around ids: Set<String>) -> RegistrySnapshot? {
        var wanted = ids
        var frontier = Array(ids)
        let field = context.config.duplicateOfField
        while let id = frontier.popLast() {
            for case let facts? in files.map(\.facts.requestFacts) where facts.id == id {
                if field != nil, let target = facts.duplicateOf, !target.isEmpty, wanted.insert(target).inserted {
                    frontier.append(target)
                }
            }
        }
        var chosen: [RequestFile] = []
        var requests: [Request] = []
        var unreadable: [UnreadableFile] = []
        for file in files {
            switch file.facts.reading {
            case .unreadable(let problem):
                chosen.append(RequestFile(path: file.path, content: .unreadable(reason: problem.message)))
                unreadable.append(UnreadableFile(path: file.path, problem: problem))
            case .request(let facts):
                guard let id = facts.id, wanted.contains(id), let bytes = cachedBytes(of: file) else {
                    if let id = facts.id, wanted.contains(id) { return nil }
                    continue
                }
                let requestFile = RequestFile(path: file.path, content: .bytes(bytes))
                guard case .success(let request) = RegistrySnapshot.read(
                    requestFile, idField: context.config.idField, statusField: context.config.statusField, limits: limits)
                else { return nil }
                chosen.append(requestFile)
                requests.append(request)
            }
        }
        return RegistrySnapshot(files: chosen, requests: requests, unreadable: unreadable)
    }
}

extension WorkingRegistry {
    /// Every selected path, in path order, as this run listed them, with the `lstat` data
    /// this run took of each (`check --base` compares the same files with the base instead
    /// of listing and stat-ing the folder again).
    public var listing: Listing { Listing(paths: files.map(\.path), stats: files.map(\.stat)) }

    public struct Listing: Sendable {
        public let paths: [String]
        /// Nil where this run stored none (not a regular file, or unreadable).
        let stats: [FileStat?]
    }
}

/// The folder a slice of the stat pass last looked in, kept open: each file is then looked
/// up by its name alone, one name for the kernel to resolve rather than every folder on the
/// way (a registry is mostly one folder).
private final class FolderCursor {
    let root: Int32
    private var folder: [CChar] = []
    private var descriptor: Int32 = -1

    init(root: Int32) { self.root = root }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// `fstatat` of `path` (relative to `root`) without following a final link.
    func lstat(_ path: UnsafePointer<CChar>, _ info: inout stat) -> Int32 {
        guard let slash = strrchr(path, 0x2F) else { return fstatat(root, path, &info, AT_SYMLINK_NOFOLLOW) }
        let length = path.distance(to: UnsafePointer(slash))
        let same = folder.count == length + 1 && memcmp(folder, path, length) == 0
        if !same {
            if descriptor >= 0 { close(descriptor) }
            folder = Array(UnsafeBufferPointer(start: path, count: length)) + [0]
            descriptor = openat(root, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        // A folder that cannot be opened: looked up from the root, as before.
        guard descriptor >= 0 else { return fstatat(root, path, &info, AT_SYMLINK_NOFOLLOW) }
        return fstatat(descriptor, slash + 1, &info, AT_SYMLINK_NOFOLLOW)
    }
}

/// The walk of the request folders and the `lstat` of the paths it lists, done while the
/// cache file is read: reading the cache takes twice as long as the walk, and the stat calls
/// (a microsecond or two each) fill that wait instead of following it.
enum ListingStats {
    /// `load()` on one thread while the other walks the folders under `base`; then both
    /// take the listed paths' `lstat`, a turn of 256 at a time, until none is left (when
    /// `load()` is done before anything is listed, the rest is shared out on every core
    /// after). The stats are by position in the listing, nil where `lstat` failed or was
    /// not taken: folders, and names the glob cannot select (their last characters are not
    /// the glob's); empty for a linked folder or without `rootFolder`.
    static func listAndStat<Loaded: Sendable>(
        root base: String, selector: RequestSelector, rootFolder: Int32, load: @Sendable () -> Loaded
    ) -> (WorkingTree.Walk, [FileStat?], Loaded) {
        let turns = Turns(ending: selector.include.literalEnding)
        let (walk, loaded) = ParallelWork.both(
            {
                let walk = WorkingTree.walk(root: base, selector: selector)
                if case .listed(let listing) = walk, rootFolder >= 0 { turns.publish(listing) }
                turns.statInTurns(rootFolder: rootFolder, helping: false)
                return walk
            },
            {
                let loaded = load()
                turns.statInTurns(rootFolder: rootFolder, helping: true)
                return loaded
            })
        turns.statTheRest(rootFolder: rootFolder)
        return (walk, turns.stats, loaded)
    }

    /// The listing once walked, and which of its paths are taken.
    private final class Turns: @unchecked Sendable {
        private let lock = NSLock()
        private var listed: (listing: WorkingTree.FolderListing, stats: UnsafeResults<FileStat>)?
        private var next = 0
        /// Set when the loading thread was done before the listing: the walking thread then
        /// leaves the stat calls to `statTheRest`, on every core, rather than make them alone.
        private var helperLeft = false
        private let ending: [UInt8]
        private static let turn = 256

        init(ending: [UInt8]) { self.ending = ending }

        func publish(_ listing: WorkingTree.FolderListing) {
            lock.withLock { listed = (listing, UnsafeResults(count: listing.paths.count)) }
        }

        /// The next positions to stat; nil when all are taken, or nothing is listed yet.
        private func take(helping: Bool) -> Range<Int>? {
            lock.withLock {
                guard let count = listed?.listing.paths.count else {
                    if helping { helperLeft = true }
                    return nil
                }
                guard next < count, helping || !helperLeft else { return nil }
                defer { next = min(count, next + Self.turn) }
                return next..<min(count, next + Self.turn)
            }
        }

        func statInTurns(rootFolder: Int32, helping: Bool) {
            let cursor = FolderCursor(root: rootFolder)
            while let positions = take(helping: helping) { lstatEach(positions, cursor) }
        }

        /// What no thread took, on every core.
        func statTheRest(rootFolder: Int32) {
            guard let count = lock.withLock({ listed?.listing.paths.count }), next < count else { return }
            let turns = Array(stride(from: next, to: count, by: Self.turn))
            next = count
            _ = ParallelWork.map(turns, chunks: 4 * System.coreCount, context: { FolderCursor(root: rootFolder) }) { cursor, start in
                self.lstatEach(start..<min(count, start + Self.turn), cursor)
            }
        }

        private func lstatEach(_ positions: Range<Int>, _ cursor: FolderCursor) {
            guard let (listing, stats) = lock.withLock({ listed }) else { return }
            listing.bytes.withUnsafeBytes { buffer in
                guard let start = buffer.baseAddress else { return }
                for position in positions {
                    let range = listing.paths[position]
                    // The walk writes a 0 and the entry's kind after each path.
                    guard range.upperBound + 1 < buffer.count, buffer[range.upperBound + 1] != UInt8(DT_DIR),
                        range.count >= ending.count,
                        ending.isEmpty || memcmp(start + range.upperBound - ending.count, ending, ending.count) == 0
                    else { continue }
                    // The path and its 0: a C string where it is.
                    let path = (start + range.lowerBound).assumingMemoryBound(to: CChar.self)
                    var info = stat()
                    if cursor.lstat(path, &info) == 0 { stats[position] = FileStat(info) }
                }
            }
        }

        /// By position in the listing; empty when nothing was listed.
        var stats: [FileStat?] { lock.withLock { listed?.stats.values ?? [] } }
    }
}
