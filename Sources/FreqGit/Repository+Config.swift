import CLibGit2

extension Repository {
    /// A string setting of the repository's git configuration (repository, global and
    /// system files, as git reads them), e.g. `user.name`; nil when it is not set.
    public func configString(_ name: String) throws(GitError) -> String? {
        var config: OpaquePointer?
        // A snapshot is required to read strings: libgit2 refuses `git_config_get_string`
        // on a live configuration, whose values could change under the returned pointer.
        try check("git_repository_config_snapshot", git_repository_config_snapshot(&config, pointer))
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        let code = git_config_get_string(&value, config, name)
        if code == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check("git_config_get_string", code)
        return string(fromC: value)
    }
}
