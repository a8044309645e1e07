#!/usr/bin/env bash
# Proves that a release tarball (make dist) works where Swift is not installed:
#   1. `ldd` of its binary names no Swift or Foundation library, only libgit2, cmark-gfm and
#      the system's;
#   2. on this machine with /opt/swift hidden and LD_LIBRARY_PATH empty, the unpacked
#      freq runs `init`, `new`, `validate`, `check`, `stats` and `site` on a scratch registry;
#   3. the same in a clean Debian 12 root (debootstrap --variant=minbase, plus libgit2-1.5,
#      cmark-gfm's two libraries and git, no Swift), entered with chroot. The root is made once and kept in
#      .build-dist/debian-bookworm (FREQ_CHECK_ROOT to put it elsewhere); it needs root and
#      a Debian mirror (DEBIAN_MIRROR, default http://deb.debian.org/debian). Without
#      either, this step is skipped with a note (--require-chroot makes that a failure).
# Slow (debootstrap takes minutes the first time): run by `make check-dist`, not `make test`.
#
#   scripts/check-dist.sh [--require-chroot] dist/freq-VERSION-linux-ARCH.tar.gz
set -euo pipefail

require_chroot=false
if [ "${1:-}" = "--require-chroot" ]; then require_chroot=true; shift; fi
tarball=${1:?usage: scripts/check-dist.sh [--require-chroot] dist/freq-VERSION-linux-ARCH.tar.gz}
repo=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
root=${FREQ_CHECK_ROOT:-$repo/.build-dist/debian-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-dist: FAIL: $*" >&2; exit 1; }

tar -xzf "$tarball" -C "$work"
name=$(basename "$tarball" .tar.gz)
bin="$work/$name/bin/freq"
[ -x "$bin" ] || fail "no $name/bin/freq in the tarball"
for file in share/man/man1/freq.1 share/man/man1/freq.init.1 share/bash-completion/completions/freq \
    share/zsh/site-functions/_freq share/fish/vendor_completions.d/freq.fish; do
    [ -s "$work/$name/$file" ] || fail "no $file in the tarball"
done

# The session a new user runs: a registry made by freq init, one request, its numbers.
# $1: the freq to run; the current folder: an empty folder.
cat > "$work/session.sh" <<'SESSION'
set -eu
freq=$1
export HOME=$PWD GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Ada GIT_AUTHOR_EMAIL=ada@example.com \
    GIT_COMMITTER_NAME=Ada GIT_COMMITTER_EMAIL=ada@example.com
git init -q -b main registry
cd registry
git commit -q --allow-empty -m "the team's repository"
"$freq" init > /dev/null
"$freq" validate
"$freq" check --base HEAD
git add -A && git commit -q -m "freq init"
"$freq" new --title "Export invoices as CSV" --area billing --severity 2 --customer "Acme Corp" --submitted-by ada </dev/null
git add -A && git commit -q -m "Request: export invoices"
"$freq" move FR-0001 planned
git commit -q -am "Plan FR-0001"
"$freq" validate
"$freq" stats --format json > stats.json
grep -q '"received": 1' stats.json
grep -q '"actioned": 1' stats.json
"$freq" stats | head -n 1
"$freq" site site > /dev/null
grep -q 'Built from revision' site/index.html
SESSION

echo "== ldd $name/bin/freq"
ldd "$bin" | tee "$work/ldd.txt"
if grep -Eiq 'swift|Foundation|dispatch|BlocksRuntime|/opt/' "$work/ldd.txt"; then fail "the binary needs a Swift library"; fi
grep -q 'libgit2' "$work/ldd.txt" || fail "the binary does not name libgit2"
grep -q 'libcmark-gfm' "$work/ldd.txt" || fail "the binary does not name cmark-gfm"
if grep -q 'not found' "$work/ldd.txt"; then fail "a library is missing here"; fi
echo "binary: $(du -h "$bin" | cut -f1), tarball: $(du -h "$tarball" | cut -f1)"

echo "== here, with /opt/swift hidden and LD_LIBRARY_PATH empty"
mkdir "$work/here"
if unshare --mount --fork true 2>/dev/null; then
    (cd "$work/here" && LD_LIBRARY_PATH= unshare --mount --fork \
        sh -c 'mount -t tmpfs none /opt/swift 2>/dev/null || true; [ -z "$(ls -A /opt/swift 2>/dev/null)" ] || exit 3; sh "$1" "$2"' \
        - "$work/session.sh" "$bin") || fail "the session failed with /opt/swift hidden"
else
    echo "(no mount namespace here: /opt/swift stays visible; ldd above is the proof)"
    (cd "$work/here" && LD_LIBRARY_PATH= sh "$work/session.sh" "$bin") || fail "the session failed"
fi

echo "== a clean Debian 12 root without Swift"
skip() {
    if $require_chroot; then fail "$1"; fi
    echo "skipped: $1"
    echo "check-dist: ok (ldd, hidden toolchain; no chroot)"
    exit 0
}
[ "$(id -u)" = 0 ] || skip "debootstrap and chroot need root"
if [ ! -x "$root/bin/sh" ]; then
    command -v debootstrap > /dev/null || skip "no debootstrap (apt-get install debootstrap)"
    rm -rf "$root.partial"
    debootstrap --variant=minbase --include=libgit2-1.5,libcmark-gfm0.29.0.gfm.6,libcmark-gfm-extensions0.29.0.gfm.6,git bookworm "$root.partial" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { tail -n 5 "$work/debootstrap.log"; skip "debootstrap from $mirror failed"; }
    mv "$root.partial" "$root"
fi
[ ! -e "$root/opt/swift" ] || fail "the Debian root has /opt/swift"
if chroot "$root" sh -c 'command -v swift' > /dev/null 2>&1; then fail "the Debian root has swift"; fi
rm -rf "$root/opt/freq" "$root/tmp/check"
mkdir -p "$root/opt" "$root/tmp/check"
cp -a "$work/$name" "$root/opt/freq"
cp "$work/session.sh" "$root/tmp/check/session.sh"
# In the root as on any Debian system: a /proc (the Swift runtime reads the command line
# from /proc/self/cmdline), mounted in a mount namespace of its own so that it goes away
# with the run; nothing else from this machine.
in_root() {
    unshare --mount --fork sh -c 'mount -t proc proc "$1/proc" && chroot "$1" /usr/bin/env -i PATH=/usr/bin:/bin sh -c "$2"' \
        - "$root" "$1"
}
in_root 'cd /tmp/check && sh session.sh /opt/freq/bin/freq' || fail "the session failed in the Debian root"
in_root 'ldd /opt/freq/bin/freq' | grep -q 'libgit2.so.1.5 => /' || fail "in the Debian root, freq does not find its libgit2"
rm -rf "$root/opt/freq" "$root/tmp/check"
echo "check-dist: ok (ldd, hidden toolchain, clean Debian 12 root)"
