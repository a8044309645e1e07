#!/usr/bin/env bash
# The action's first step: the system libraries freq links (libgit2, and cmark-gfm for
# `freq site`), and what getting freq needs.
#   FREQ_VERSION set:   a release binary, built on Debian 12: libgit2 1.5 (libgit2-1.5),
#                       cmark-gfm 0.29 (libcmark-gfm0.29.0.gfm.6 and its extensions), curl
#   FREQ_VERSION empty: a build from source: libgit2-dev, libcmark-gfm(-extensions)-dev and
#                       pkg-config (Swift 6 must be there)
# Nothing is installed when it is there already.
set -euo pipefail

if [ -n "${FREQ_VERSION:-}" ]; then
    # ldconfig lives in /sbin, which a user's PATH may lack.
    libraries=$( { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null || true)
    if grep -q 'libgit2\.so\.1\.5 ' <<< "$libraries" && grep -q 'libcmark-gfm-extensions\.so\.0\.29\.0\.gfm\.6 ' <<< "$libraries" \
        && command -v curl >/dev/null && command -v tar >/dev/null; then
        exit 0
    fi
    packages=(libgit2-1.5 libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 curl ca-certificates)
else
    if pkg-config --exists libgit2 libcmark-gfm 2>/dev/null; then exit 0; fi
    packages=(libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)
fi

if ! command -v apt-get >/dev/null; then
    echo "::error::freq needs ${packages[*]}; this runner has no apt-get: install them in an earlier step" >&2
    exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null; then
    echo "::error::cannot install ${packages[*]}: freq's release binaries need Debian 12's libgit2 1.5 (run the job in container: debian:bookworm), or leave out 'version' to build freq from source" >&2
    exit 1
fi
