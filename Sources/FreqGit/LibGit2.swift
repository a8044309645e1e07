import CLibGit2

/// libgit2 must be initialised once per process before any other call. A global `let`
/// is initialised lazily and exactly once, even across threads, which makes it a safe
/// "once" in Swift 6. Shutdown is never called: the process exit frees everything, and
/// a shutdown racing a worker thread would be worse than the memory it returns.
let libgit2Ready: Bool = {
    git_libgit2_init()
    // Objects are not re-hashed on every read (git does not either; see shim.h).
    _ = freq_git_set_strict_hash_verification(0)
    _ = freq_git_set_cache_max_size(16 << 20)
    _ = freq_git_set_mwindow_limits(8 << 20, 64 << 20)
    // libgit2's object cache is left at its defaults (trees over 4 KiB are not cached):
    // the history walk keeps the few folder trees it needs alive itself (Repository's
    // tree cache), and caching every 700 KiB folder tree of a long history only grew
    // memory (measured: 1 GB peak on 50,000 commits).
    return true
}()

/// Runs a libgit2 call and turns a negative return code into a `GitError`, copying
/// libgit2's per-thread error before any other call can overwrite it.
@discardableResult
func check(_ function: StaticString, _ code: Int32) throws(GitError) -> Int32 {
    if code < 0 {
        throw GitError.last(code: code, function: function)
    }
    return code
}
