#!/usr/bin/env bash
# The cache key of freq built from the action's own source: the sources, the package
# manifest and the system it is built on (the binary links that system's libgit2).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?}"
hash=$( { cat /etc/os-release 2>/dev/null; uname -m; find Package.swift Sources -type f | LC_ALL=C sort | xargs sha256sum; } | sha256sum | cut -c1-32)
echo "key=freq-source-$hash" >> "${GITHUB_OUTPUT:?}"
