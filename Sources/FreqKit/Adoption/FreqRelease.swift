/// Where freq is published, and how its release files are named.
public enum FreqRelease {
    /// The GitHub repository (`OWNER/NAME`) holding freq's action (`action.yml`) and its
    /// release tarballs; the workflows `freq init` writes use it.
    public static let repository = "freq-dev/freq"

    /// The release tarball for `version` on Linux and `architecture` (`x86_64`,
    /// `aarch64`, as `uname -m` says): `freq-0.1.0-linux-x86_64.tar.gz`.
    public static func tarballName(version: String, architecture: String) -> String {
        "freq-\(version)-linux-\(architecture).tar.gz"
    }
}
