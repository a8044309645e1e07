#ifndef FREQ_CLIBGIT2_SHIM_H
#define FREQ_CLIBGIT2_SHIM_H

#include <git2.h>
#include <malloc.h>

// git_libgit2_opts is variadic, which Swift cannot call: wrap each option we use.

// libgit2 re-hashes every object it reads by default (SHA-1 with collision detection).
// git itself does not (fsck does); for a history walk that inflates a large folder tree
// per commit it was 90% of the time (measured: 20.8 s -> 2.4 s reading 22,583 trees).
static inline int freq_git_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

// The object cache (256 MiB by default) keeps every commit of a long walk alive though
// each is read once; a small cache keeps memory growing with requests, not commits.
static inline int freq_git_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

// Pack files are memory-mapped in windows; by default up to 8 GiB stays mapped, which
// shows as resident memory on a large history (the limits chosen: LibGit2.swift).
static inline int freq_git_set_mwindow_limits(size_t window, size_t mappedLimit) {
    int status = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window);
    return status < 0 ? status : git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mappedLimit);
}

// Reading a large folder tree out of a pack rebuilds it once per link of its delta chain
// (40 links of 520 KB for a 10,000-entry tree): with glibc's defaults each buffer is a
// fresh mapping of zeroed pages. Keeping such buffers on the heap lets them be reused.
static inline void freq_reuse_large_allocations(void) {
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
#endif
}

#endif
