import CLibGit2

/// libgit2 must be initialised once per process before any other call. A global `let`
/// is initialised lazily and exactly once, even across threads, which makes it a safe
/// "once" in Swift 6. Shutdown is never called: the process exit frees everything, and
/// a shutdown racing a worker thread would be worse than the memory it returns.
let libgit2Ready: Bool = {
    git_libgit2_init()
    // Trees of a 1,000-file folder are ~40 KiB; the default cache skips trees over
    // 4 KiB, so the history walk would inflate the same folder tree twice per commit.
    _ = freq_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
    _ = freq_git_set_cache_max_size(256 << 20)
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
