import Foundation
import FreqPaths

/// The working tree's registry as an outline: each selected file's git blob id, taken from
/// the review cache when the file's `lstat` data is what it was when hashed (git's index
/// does the same), else read and hashed. The files this run read are kept, so that the
/// comparison does not read them twice.
public struct WorkingOutline: Sendable {
    public let outline: RegistryOutline
    /// The files read by this run, by path, as `WorkingTree.read` gives them.
    public let read: [ByteKey: RequestFile]

    /// Lists the files `selector` selects under `root` (`/`-terminated), or takes `listed`
    /// (the same selection, listed and stat-ed by this run: `WorkingRegistry.listing`). `blobID` is git's
    /// blob id of some bytes. The facts of regular files are left unknown. `scanStart`:
    /// when the listing started (tests give it).
    public static func load(
        root: String, selector: RequestSelector, listed: WorkingRegistry.Listing? = nil, cache: inout ReviewCache,
        sizeLimit: Int = FrontMatterLimits.default.maxFileBytes, scanStart: Int64? = nil,
        blobID: @escaping @Sendable ([UInt8]) -> BlobID?
    ) -> WorkingOutline {
        let start = scanStart ?? WorkingRegistry.now()
        let base = root.hasSuffix("/") ? root : root + "/"
        let paths: [String]
        switch listed.map({ WorkingTree.Listing.paths($0.paths) }) ?? WorkingTree.selectedPaths(root: base, selector: selector) {
        case .linkedFolder(let folder):
            let file = RegistryOutline.File(path: folder, version: .symlink, facts: VersionFacts(reading: .unreadable))
            return WorkingOutline(
                outline: RegistryOutline(files: [file]), read: [ByteKey(folder): RequestFile(path: folder, content: .symlink)])
        case .paths(let found):
            paths = found
        }
        // The usual run: every listed file as the cache stored it (a comparison reads the
        // working files that differ; facts come from the side they are the same as).
        if let listed, let blobs = cache.blobsIfWorkingUnchanged(paths: paths, stats: listed.stats) {
            let files = zip(paths, blobs).map { RegistryOutline.File(path: $0, version: .blob($1), facts: nil) }
            return WorkingOutline(outline: RegistryOutline(files: files), read: [:])
        }
        // The stored entry of each path (both lists sorted by path), trusted only when its
        // stat data was not racily clean.
        let stored = cache.working()
        let trustedBefore = cache.scanStart
        var items: [(path: String, cached: ReviewCache.WorkingEntry?, stat: FileStat?)] = []
        items.reserveCapacity(paths.count)
        var next = 0
        for (index, path) in paths.enumerated() {
            while next < stored.count, stored[next].path.compareInByteOrder(path) < 0 { next += 1 }
            let entry = next < stored.count && stored[next].path.compareInByteOrder(path) == 0 ? stored[next] : nil
            items.append((path, entry.flatMap { $0.stat.isRacy(scanStart: trustedBefore) ? nil : $0 }, listed?.stats[index]))
        }
        let results = ParallelWork.map(items, chunks: 4 * System.coreCount) { item in
            Self.version(of: item.path, base: base, cached: item.cached, stat: item.stat, sizeLimit: sizeLimit, blobID: blobID)
        }
        var files: [RegistryOutline.File] = []
        var read: [ByteKey: RequestFile] = [:]
        var working: [ReviewCache.WorkingEntry] = []
        files.reserveCapacity(paths.count)
        working.reserveCapacity(paths.count)
        for (path, result) in zip(paths, results) {
            let facts: VersionFacts?
            switch result.version {
            // Not looked up: a comparison reads the working files that differ, and takes the
            // facts of the others from the side they are the same as.
            case .blob: facts = nil
            case .tooLarge(let size): facts = VersionFacts(reading: .tooLarge(size: size))
            case .symlink, .notAFile, .unreadable: facts = VersionFacts(reading: .unreadable)
            }
            files.append(RegistryOutline.File(path: path, version: result.version, facts: facts))
            if let file = result.read { read[ByteKey(path)] = file }
            if let entry = result.entry { working.append(entry) }
        }
        cache.replaceWorking(working, scanStart: start)
        return WorkingOutline(outline: RegistryOutline(files: files), read: read)
    }

    private struct Listed: Sendable {
        var version: RegistryOutline.Version
        var read: RequestFile?
        /// What to cache for a regular file: its stat and blob id.
        var entry: ReviewCache.WorkingEntry?
    }

    /// `known`: the file's lstat data as this run already took it.
    private static func version(
        of path: String, base: String, cached: ReviewCache.WorkingEntry?, stat known: FileStat?, sizeLimit: Int,
        blobID: @Sendable ([UInt8]) -> BlobID?
    ) -> Listed {
        var info = stat()
        if let stat = known ?? (PathBytes.withCString(base + path, { lstat($0, &info) }) == 0 ? FileStat(info) : nil) {
            if let cached, stat.isRegularFile, Int(stat.size) <= sizeLimit, cached.stat == stat {
                return Listed(version: .blob(cached.blob), read: nil, entry: cached)
            }
            if stat.isRegularFile, Int(stat.size) <= sizeLimit,
                let (bytes, readStat) = WorkingRegistry.readRegularFile(base + path, limit: sizeLimit), let blob = blobID(bytes)
            {
                return Listed(
                    version: .blob(blob), read: RequestFile(path: path, content: .bytes(bytes)),
                    entry: ReviewCache.WorkingEntry(path: path, stat: readStat, blob: blob))
            }
        }
        // Anything else as the snapshot reads it, uncached.
        let file = WorkingTree.read(root: base, path: path, sizeLimit: sizeLimit)
        switch file.content {
        case .bytes(let bytes): return Listed(version: blobID(bytes).map { .blob($0) } ?? .unreadable, read: file, entry: nil)
        case .symlink: return Listed(version: .symlink, read: file, entry: nil)
        case .notAFile: return Listed(version: .notAFile, read: file, entry: nil)
        case .tooLarge(let size): return Listed(version: .tooLarge(size: size), read: file, entry: nil)
        case .unreadable: return Listed(version: .unreadable, read: file, entry: nil)
        }
    }
}
