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
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: folder + name))?[.modificationDate] as? Date,
                modified < now.addingTimeInterval(-age)
            else { continue }
            try? FileManager.default.removeItem(atPath: folder + name)
        }
    }
}
