#!/usr/bin/env bash
# Runs the GitHub action's steps (action.yml: the scripts under scripts/action/, in its
# order) on this machine, with the GITHUB_* environment a pull_request job gets, against
# a scratch registry made by `freq init` with a local "origin":
#   - the release route: FREQ_BINARY packed as freq-<version>-linux-<arch>.tar.gz and
#     "downloaded" through a file:// URL (no network);
#   - a clean pull request passes the check, and its diff names the new request;
#   - a pull request that files a request as already shipped fails it, with annotations.
# With --from-source, also the source route (a release build of this repository: slow).
#
#   scripts/test-action.sh [--from-source] [FREQ_BINARY]    (default: .build/debug/freq)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
from_source=false
if [ "${1:-}" = "--from-source" ]; then from_source=true; shift; fi
binary=${1:-$repo/.build/debug/freq}
[ -x "$binary" ] || { echo "no freq binary at $binary: run swift build first" >&2; exit 2; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-action: FAIL: $*" >&2; exit 1; }

# A private git identity and configuration, as on a fresh runner.
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Ada Support"
git config --global user.email "ada@example.com"
git config --global init.defaultBranch main

# Every step's script is one that action.yml runs.
for script in install-libgit2 source-key get-freq check diff; do
    grep -q "scripts/action/$script.sh" "$repo/action.yml" || fail "action.yml does not run scripts/action/$script.sh"
done

# The release tarball, laid out as `make dist` lays it out.
version=$("$binary" --version)
arch=$(uname -m)
name="freq-$version-linux-$arch"
mkdir -p "$work/release/$name/bin"
cp "$binary" "$work/release/$name/bin/freq"
tar -czf "$work/release/$name.tar.gz" -C "$work/release" "$name"

# The registry's repository (origin) and the runner's checkout of a pull request.
git init -q --bare "$work/origin.git"
git clone -q "$work/origin.git" "$work/workspace" 2>/dev/null
cd "$work/workspace"
"$binary" init >/dev/null
git add -A && git commit -qm "Set up the registry with freq init" && git push -q origin main
git switch -qc request/export
"$binary" new --title "Export invoices as CSV" --area billing --severity 2 --customer "Acme Corp" \
    --submitted-by ada >/dev/null 2>&1 </dev/null
git add -A && git commit -qm "Request: export invoices as CSV"

# The environment GitHub gives the action's steps.
export GITHUB_WORKSPACE="$work/workspace" GITHUB_ACTION_PATH="$repo" RUNNER_TEMP="$work/runner-temp" \
    GITHUB_OUTPUT="$work/github-output" GITHUB_PATH="$work/github-path" GITHUB_BASE_REF=main \
    GITHUB_EVENT_NAME=pull_request GITHUB_ACTIONS=true
mkdir -p "$RUNNER_TEMP"
: > "$GITHUB_OUTPUT"
: > "$GITHUB_PATH"
output() { sed -n "s/^$1=//p" "$GITHUB_OUTPUT" | tail -n 1; }

# 1. Install libgit2 (present here: nothing to install).
FREQ_VERSION=$version bash "$repo/scripts/action/install-libgit2.sh" || fail "install-libgit2.sh"

# 2. Get freq: the release route.
FREQ_VERSION=$version FREQ_DOWNLOAD_URL="file://$work/release/freq-{version}-linux-{arch}.tar.gz" \
    bash "$repo/scripts/action/get-freq.sh" >/dev/null || fail "get-freq.sh"
freq_path=$(output path)
[ "$freq_path" = "$RUNNER_TEMP/freq-$version/bin/freq" ] || fail "output path is '$freq_path'"
[ "$(cat "$GITHUB_PATH")" = "$(dirname "$freq_path")" ] || fail "GITHUB_PATH holds '$(cat "$GITHUB_PATH")'"
cmp -s "$freq_path" "$binary" || fail "the unpacked freq is not the packed one"
# The runner puts GITHUB_PATH on the PATH of the next steps.
export PATH="$(cat "$GITHUB_PATH"):$PATH"
[ "$(command -v freq)" = "$freq_path" ] || fail "freq on the PATH is $(command -v freq)"

# A version that is not one is refused before any download.
if FREQ_VERSION='1.0;rm' bash "$repo/scripts/action/get-freq.sh" >/dev/null 2>&1; then fail "a bad version was accepted"; fi

# 3. Check the pull request: clean.
FREQ_BASE=main bash "$repo/scripts/action/check.sh" > "$work/check.out" 2>&1 || { cat "$work/check.out"; fail "check.sh on a clean pull request"; }
grep -q "^::error" "$work/check.out" && fail "annotations on a clean pull request: $(cat "$work/check.out")"

# 4. Describe it.
FREQ_BASE=main FREQ_DIFF_FILE=freq-diff.md bash "$repo/scripts/action/diff.sh" || fail "diff.sh"
[ "$(output diff-file)" = "$GITHUB_WORKSPACE/freq-diff.md" ] || fail "output diff-file is '$(output diff-file)'"
grep -q "FR-0001" freq-diff.md || fail "the diff does not name FR-0001: $(cat freq-diff.md)"
grep -q "Export invoices as CSV" freq-diff.md || fail "the diff does not name the title"
rm freq-diff.md

# 5. A pull request that files a request as already shipped: the check fails, annotated.
git switch -qc request/born-shipped main
dark=$("$binary" new --title "Dark mode in the web app" --area web --severity 3 --customer "Globex" \
    --submitted-by ada 2>/dev/null </dev/null)
sed -i 's/^status: new$/status: shipped/' "$dark"
git add -A && git commit -qm "Request: dark mode, born shipped"
if FREQ_BASE=main bash "$repo/scripts/action/check.sh" > "$work/bad.out" 2>&1; then
    fail "check.sh passed a request born shipped"
fi
grep -q "^::error file=$dark" "$work/bad.out" \
    || fail "no annotation on the file: $(cat "$work/bad.out")"

# The cache key of the source route: stable, and changed by a change of the sources.
: > "$GITHUB_OUTPUT"
bash "$repo/scripts/action/source-key.sh"
key=$(output key)
[[ "$key" =~ ^freq-source-[0-9a-f]{32}$ ]] || fail "cache key '$key'"
bash "$repo/scripts/action/source-key.sh"
[ "$(output key)" = "$key" ] || fail "the cache key changed without a change"

if $from_source; then
    : > "$GITHUB_OUTPUT"
    FREQ_VERSION= FREQ_CACHE_DIR="$RUNNER_TEMP/freq-source" bash "$repo/scripts/action/get-freq.sh" || fail "the source route"
    [ "$(output path)" = "$RUNNER_TEMP/freq-source/freq" ] || fail "source route path '$(output path)'"
    # A second run finds the cached build and builds nothing.
    FREQ_VERSION= FREQ_CACHE_DIR="$RUNNER_TEMP/freq-source" PATH="/nonexistent:$PATH" bash "$repo/scripts/action/get-freq.sh" >/dev/null \
        || fail "the cached source route"
fi

echo "test-action: ok (release route$($from_source && echo ", source route"): install, get, check, diff; a bad pull request fails with annotations)"
