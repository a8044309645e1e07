#!/usr/bin/env bash
# The action's "Get freq" step: the release tarball of FREQ_VERSION, or a build of the
# action's own source (kept in FREQ_CACHE_DIR, which actions/cache restores), then freq
# on the PATH of the next steps and its path as the output `path`.
#
# The release asset is freq-<version>-linux-<arch>.tar.gz (arch as `uname -m` says:
# x86_64, aarch64), attached to the release tagged v<version> of FREQ_REPOSITORY, holding
# freq-<version>-linux-<arch>/bin/freq; FREQ_DOWNLOAD_URL overrides where it comes from
# ({version} and {arch} are filled in).
set -euo pipefail

: "${RUNNER_TEMP:?}" "${GITHUB_PATH:?}" "${GITHUB_OUTPUT:?}"
if [ -n "${FREQ_VERSION:-}" ]; then
    case "$FREQ_VERSION" in
        *[!A-Za-z0-9.+-]*) echo "::error::version '$FREQ_VERSION' is not a freq version such as 0.1.0" >&2; exit 1 ;;
    esac
    arch=$(uname -m)
    asset="freq-${FREQ_VERSION}-linux-${arch}.tar.gz"
    url="${FREQ_DOWNLOAD_URL:-}"
    if [ -z "$url" ]; then
        url="https://github.com/${FREQ_REPOSITORY:-freq-dev/freq}/releases/download/v${FREQ_VERSION}/${asset}"
    fi
    url=${url//\{version\}/$FREQ_VERSION}
    url=${url//\{arch\}/$arch}
    dest="$RUNNER_TEMP/freq-$FREQ_VERSION"
    rm -rf "$dest"
    mkdir -p "$dest"
    if ! curl -fsSL --retry 3 -o "$dest/$asset" "$url"; then
        echo "::error::cannot download $url: is there a release v$FREQ_VERSION with the asset $asset?" >&2
        exit 1
    fi
    tar -xzf "$dest/$asset" -C "$dest" --strip-components=1
    bin="$dest/bin/freq"
else
    cache="${FREQ_CACHE_DIR:-$RUNNER_TEMP/freq-source}"
    bin="$cache/freq"
    if [ ! -x "$bin" ]; then
        command -v swift >/dev/null || {
            echo "::error::building freq from source needs Swift 6 (container: swift:6.3-noble), or give a 'version' to download" >&2
            exit 1
        }
        swift build -c release --product freq --package-path "${GITHUB_ACTION_PATH:?}" --scratch-path "$RUNNER_TEMP/freq-build"
        mkdir -p "$cache"
        cp "$RUNNER_TEMP/freq-build/release/freq" "$bin"
    fi
fi
"$bin" --version >/dev/null
echo "$(dirname "$bin")" >> "$GITHUB_PATH"
echo "path=$bin" >> "$GITHUB_OUTPUT"
echo "freq $("$bin" --version) at $bin"
