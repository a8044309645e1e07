import CLibGit2

/// The owned `git_repository` handle, apart from `Repository` so that objects read from it
/// (trees) can keep the handle alive without keeping the `Repository`, and its tree
/// cache, alive: a back-reference to `Repository` would make a cycle through the cache.
final class RepositoryHandle {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    // Runs only after every tree read from it is gone: each one holds this handle.
    deinit { git_repository_free(pointer) }
}
