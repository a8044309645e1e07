#ifndef FREQ_CLIBGIT2_SHIM_H
#define FREQ_CLIBGIT2_SHIM_H

#include <git2.h>

// git_libgit2_opts is variadic, which Swift cannot call: wrap each option we use.
static inline int freq_git_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int freq_git_set_cache_object_limit(git_object_t type, size_t size) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size);
}

#endif
