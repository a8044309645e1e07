import CLibGit2
import Foundation

/// libgit2 must be initialised once per process before any other call. A global `let`
/// is initialised lazily and exactly once, even across threads, which makes it a safe
/// "once" in Swift 6. Shutdown is never called: the process exit frees everything, and
/// a shutdown racing a worker thread would be worse than the memory it returns.
let libgit2Ready: Bool = {
    git_libgit2_init()
    // Measured on 10,000 requests over 50,000 commits (Benchmarks/): objects are not
    // re-hashed on every read, as git does not either (cold walk 21.7 s -> 7.4 s).
    _ = freq_git_set_strict_hash_verification(0)
    // Each commit is read once, so a large object cache only holds memory; it is per
    // repository handle and the walk has one per core (peak 222 -> 177 MiB). The few
    // folder trees the walk needs again are kept by Repository's own tree cache.
    _ = freq_git_set_cache_max_size(4 << 20)
    // Pack windows: by default up to 8 GiB stay mapped and count as resident memory.
    // 32 MiB of 4 MiB windows: the cold walk on 50,000 commits peaked at 205-215 MiB
    // with 64 MiB of 8 MiB windows once its diffs got fast, 160-175 MiB so, for about
    // 0.3 s more system time (windows mapped again).
    _ = freq_git_set_mwindow_limits(4 << 20, 32 << 20)
    _ = largeAllocationsReused
    return true
}()

/// Large buffers reused from the heap rather than fresh zeroed mappings (warm history after
/// one commit: 10.4k -> 8.7k page faults, 45 -> 43 ms). `mallopt` must not race other
/// threads' allocations: the command line sets it on the main thread before any other starts.
let largeAllocationsReused: Bool = {
    freq_reuse_large_allocations()
    return true
}()

/// Runs a libgit2 call and turns a negative return code into a `GitError`, copying (and
/// clearing) libgit2's per-thread error before any other call can overwrite it.
@discardableResult
func check(_ function: StaticString, _ code: Int32) throws(GitError) -> Int32 {
    if code < 0 {
        throw GitError.last(code: code, function: function)
    }
    return code
}

/// libgit2's initialisation, started on another core as the process starts: it overlaps
/// the parsing of the command line; the first repository opened waits for it (a global's
/// lazy initialisation is a once).
public func prepareLibGit2InBackground() {
    _ = largeAllocationsReused
    Thread.detachNewThread { _ = libgit2Ready }
}

/// The CA certificates libgit2's initialisation would load, for HTTPS through mbedTLS, are
/// not loaded: these replace mbedTLS's two loaders in this process (the executable's
/// definitions come first when the dynamic linker binds libgit2's calls). Parsing the
/// system's bundle was about 10 ms of CPU at every start (a warm `validate` on 10,000
/// requests: 81 -> 71 ms), and freq never talks to a remote (no fetch, push or clone). libgit2
/// carries on without them (it checks the result); an HTTPS connection it were ever
/// asked to make would fail verification, never succeed unverified.
@_cdecl("mbedtls_x509_crt_parse_file")
public func certificateFileNotLoaded(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 { -1 }

/// `certificateFileNotLoaded`, for a folder of certificates.
@_cdecl("mbedtls_x509_crt_parse_path")
public func certificateFolderNotLoaded(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 { -1 }
