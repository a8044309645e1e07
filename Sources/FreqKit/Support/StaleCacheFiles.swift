import Foundation

/// The cleanup of one kind of cache file (`<kind>-<fingerprint>.cache`, `.parts`, `.memo`, `.rows`):
/// files of other fingerprints (another configuration, an older freq) untouched for 30 days
/// go, and temporary files a killed run left (`.<kind>-…`, a day old).
enum StaleCacheFiles {
    static func remove(
        in folder: String, kind: String, keeping fingerprint: String, keepingAlso kept: Set<String> = [], now: Date = Date()
    ) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let keep = "\(kind)-\(fingerprint).cache"
        for name in names where name != keep && !kept.contains(name) {
            let age: TimeInterval
            if name.hasPrefix(".\(kind)-") && AtomicFile.isTemporaryName(name) {
                age = 86_400
            } else if name.hasPrefix("\(kind)-\(fingerprint)-") && name.hasSuffix(".parts") {
                // This fingerprint's, named by no index (a run that lost a race left it).
                age = 86_400
            } else if name.hasPrefix("\(kind)-") && (name.hasSuffix(".cache") || name.hasSuffix(".parts") || name.hasSuffix(".memo") || name.hasSuffix(".rows")) {
                age = 30 * 86_400
            } else {
                continue
            }
            // `lstat`, not Foundation's attributes: this runs at every store of a cache, over
            // every file of the folder.
            var info = stat()
            // Files only: whatever else bears such a name is not the cache's to remove.
            guard lstat(folder + name, &info) == 0, info.st_mode & S_IFMT != S_IFDIR,
                Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 < now.addingTimeInterval(-age).timeIntervalSince1970
            else { continue }
            unlink(folder + name)
        }
    }
}
