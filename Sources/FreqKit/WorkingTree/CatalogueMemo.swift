import Foundation

/// What `freq index` last generated, and from which registry: the hash of the catalogue it
/// rendered, under the digest of every request file it rendered it from (each path with its
/// content hash, under the working-tree cache's fingerprint: the configuration, schema,
/// template and freq itself). The catalogue depends on nothing else (no dates), so while
/// the working tree holds exactly those files, a catalogue file whose bytes hash as stored
/// is up to date, and `index --check` says so without decoding 10,000 records.
///
/// `catalogue-<fingerprint>.memo` in the cache folder: the magic `FREQCAT1\n`, the registry
/// digest and the catalogue's hash (two `u64` each), a checksum. Damaged or absent: the
/// catalogue is rendered, as without it. It can only ever say "up to date": an out-of-date
/// catalogue is always rendered again, for its diff.
struct CatalogueMemo: Sendable, Equatable {
    static let magic = Array("FREQCAT1\n".utf8)

    var registry: ContentHash
    var catalogue: ContentHash

    static func path(folder: String, fingerprint: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "catalogue-\(fingerprint).memo"
    }

    static func load(folder: String, fingerprint: String) -> CatalogueMemo? {
        guard let bytes = FileBytes.read(path(folder: folder, fingerprint: fingerprint), limit: 4096),
            let (body, _) = Checksum.verifiedBody(of: bytes, magic: magic)
        else { return nil }
        var reader = CacheReader(bytes: bytes, at: body.lowerBound, end: body.upperBound)
        guard let registry = try? reader.contentHash(), let catalogue = try? reader.contentHash(), reader.at == reader.end
        else { return nil }
        return CatalogueMemo(registry: registry, catalogue: catalogue)
    }

    /// Written atomically; a failure is given up silently (the next run renders again).
    func store(folder: String, fingerprint: String) {
        var writer = CacheWriter()
        writer.bytes = Self.magic
        writer.contentHash(registry)
        writer.contentHash(catalogue)
        var bytes = writer.bytes
        Checksum.append(to: &bytes)
        try? AtomicFile.write(bytes, to: Self.path(folder: folder, fingerprint: fingerprint), newFileMode: 0o666, durable: false)
        StaleCacheFiles.remove(
            in: folder.hasSuffix("/") ? folder : folder + "/", kind: "catalogue", keeping: fingerprint,
            keepingAlso: ["catalogue-\(fingerprint).memo"])
    }
}

extension WorkingRegistry {
    /// The digest of the registry a catalogue is rendered from: every selected path with
    /// its content hash (or, for a file not cached, that it is none), under the cache's
    /// fingerprint, and the catalogue's folder. Nil without a cache.
    func catalogueDigest(folder: String) -> ContentHash? {
        guard let state = cacheState else { return nil }
        var digest = CacheWriter()
        digest.bytes.reserveCapacity(files.count * 48)
        digest.string(state.fingerprint)
        digest.string(folder)
        for index in files.indices {
            digest.string(files[index].path)
            if let hash = files[index].hash {
                digest.byte(1)
                digest.contentHash(hash)
            } else {
                digest.byte(0)
            }
        }
        return ContentHash(digest.bytes)
    }

    /// Whether `current` (the catalogue file's bytes) is what `freq index` rendered for
    /// exactly these files when it last remembered one (`rememberCatalogue`); false when
    /// that cannot be told (the catalogue must then be rendered).
    public func catalogueIsKnownCurrent(_ current: [UInt8], folder: String) -> Bool {
        guard let state = cacheState, let digest = catalogueDigest(folder: folder),
            let memo = CatalogueMemo.load(folder: state.folder, fingerprint: state.fingerprint)
        else { return false }
        return memo.registry == digest && memo.catalogue == ContentHash(current)
    }

    /// Remembers that `generated` is the catalogue of exactly these files.
    public func rememberCatalogue(_ generated: [UInt8], folder: String) {
        guard let state = cacheState, let digest = catalogueDigest(folder: folder) else { return }
        let memo = CatalogueMemo(registry: digest, catalogue: ContentHash(generated))
        if CatalogueMemo.load(folder: state.folder, fingerprint: state.fingerprint) != memo {
            memo.store(folder: state.folder, fingerprint: state.fingerprint)
        }
    }
}
