#!/usr/bin/env bash
# Benchmarks (not tests): generate registries of DESIGN.md's sizes under Benchmarks/out/
# and time freq against the alternatives. Needs hyperfine (apt-get install hyperfine),
# python3 with PyYAML and jsonschema (pip install pyyaml jsonschema), and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
FREQ=${FREQ:-$PWD/.build/release/freq}
OUT=Benchmarks/out
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }

echo "== validate: 10,000 requests"
[ -d "$OUT/validate" ] || python3 Benchmarks/generate.py validate "$OUT/validate" 10000
hyperfine -N --warmup 2 --runs 10 \
  -n "freq validate" "$FREQ -C $OUT/validate validate --format json" \
  -n "PyYAML + jsonschema" "python3 Benchmarks/validate_reference.py $OUT/validate" || true

echo "== history: 10,000 requests over 50,000 commits"
[ -d "$OUT/history" ] || python3 Benchmarks/generate.py history "$OUT/history" 10000 50000
H="$OUT/history"
pipeline="git -C $H log --first-parent --raw --no-abbrev --format=%H%x20%ct -- requests/ | awk 'length(\$4) == 40 && \$4 !~ /[^0-9a-f]/ && \$4 !~ /^0+\$/ {print \$4}' | sort -u | git -C $H cat-file --batch >/dev/null"
hyperfine --warmup 1 --runs 5 \
  -n "freq history (cold, no cache)" "$FREQ -C $H history --format json --no-cache >/dev/null" \
  -n "git log --first-parent --raw + cat-file --batch" "$pipeline"

# Warm: the cache holds HEAD~1, one more commit has landed; each run starts from that cache.
rm -rf "$H/.git/freq" /tmp/freq-bench-cache
"$FREQ" -C "$H" history --rev HEAD~1 --format json >/dev/null
cp -r "$H/.git/freq" /tmp/freq-bench-cache
hyperfine -N --warmup 2 --runs 20 --prepare "bash -c 'rm -rf $H/.git/freq && cp -r /tmp/freq-bench-cache $H/.git/freq'" \
  -n "freq history --format json (warm, one new commit)" "$FREQ -C $H history --format json" \
  -n "freq history (text, warm, one new commit)" "$FREQ -C $H history" \
  -n "freq log ID (warm, one new commit)" "$FREQ -C $H log FR-00042" \
  -n "freq stats (warm, one new commit)" "$FREQ -C $H stats"
# For scale: a run that starts the process, opens the repository and reads the configuration.
hyperfine -N --warmup 2 --runs 20 -n "freq rules (no history)" "$FREQ -C $H rules"
rm -rf "$H/.git/freq" && cp -r /tmp/freq-bench-cache "$H/.git/freq"
/usr/bin/time -f "warm run after one new commit: %e s, peak %M KiB" "$FREQ" -C "$H" history --format json >/dev/null
/usr/bin/time -f "cold run: %e s, peak %M KiB" "$FREQ" -C "$H" history --format json --no-cache >/dev/null

echo "== site: 10,000 requests over 50,000 commits, the history cached"
"$FREQ" -C "$H" history >/dev/null   # the cache at HEAD
S=/tmp/freq-bench-site
hyperfine -N --warmup 1 --runs 5 --prepare "rm -rf $S" \
  -n "freq site (empty folder, history cached)" "$FREQ -C $H site $S"
"$FREQ" -C "$H" site "$S" >/dev/null
hyperfine -N --warmup 1 --runs 5 -n "freq site (rebuild: nothing changed)" "$FREQ -C $H site $S"
/usr/bin/time -f "site into an empty folder: %e s, peak %M KiB" "$FREQ" -C "$H" site "$S.peak" >/dev/null
echo "site: $(find "$S" -type f | wc -l) files, $(du -sh "$S" | cut -f1); board $(du -k "$S/index.html" | cut -f1) KiB"
# The board in Chromium: load time and a search (needs chromium and chromium-driver).
python3 scripts/browser-check.py --site "$S" || true
echo "== interactive commands: 10,000 requests in one commit, warm (working-tree cache) and cold"
W="$OUT/interactive"
if [ ! -d "$W" ]; then
  python3 Benchmarks/generate.py validate "$W" 10000
  git -C "$W" add -A && git -C "$W" -c user.name=b -c user.email=b@x commit -qm init && git -C "$W" branch -M main
  git -C "$W" checkout -q -b pr && sed -i 's/^status: .*/status: triaged/' "$W/requests/FR-00043-request-43.md" \
    && git -C "$W" -c user.name=b -c user.email=b@x commit -qam "triage FR-00043" && git -C "$W" checkout -q main
fi
# The index, so that `index --check` has one to compare with (untracked; the glob excludes it).
[ -f "$W/requests/README.md" ] || "$FREQ" -C "$W" index >/dev/null
# Each edit is undone before the next run (git checkout), which also changes one file: the
# warm runs below are "one file changed since the previous freq command".
undo="git -C $W checkout -q -- requests && git -C $W clean -qfd requests -e README.md"
"$FREQ" -C "$W" validate >/dev/null; "$FREQ" -C "$W" list >/dev/null
hyperfine -N -i --warmup 2 --runs 15 -n "git status" "git -C $W status" \
  -n "freq --version (process start)" "$FREQ --version" \
  -n "validate" "$FREQ -C $W validate" \
  -n "list --where area=billing" "$FREQ -C $W list --where area=billing" \
  -n "show FR-00042" "$FREQ -C $W show FR-00042" \
  -n "index --check" "$FREQ -C $W index --check" \
  -n "check --base main" "$FREQ -C $W check --base main" \
  -n "diff main...pr" "$FREQ -C $W diff main...pr" || true
# One request changed since the previous freq command (a line added to its body before each
# run): the cache rewrites its index only, and the catalogue is rendered again.
touch77="printf '\\n' >> $W/requests/FR-00077-request-77.md"
hyperfine --warmup 1 --runs 10 -n "git status (one file changed)" --prepare "$touch77" "git -C $W status" \
  -n "validate (one file changed)" --prepare "$touch77" "$FREQ -C $W validate" \
  -n "show FR-00042 (one file changed)" --prepare "$touch77" "$FREQ -C $W show FR-00042" \
  -n "list --where area=billing (one file changed)" --prepare "$touch77" "$FREQ -C $W list --where area=billing" \
  -n "index --check (one file changed)" --prepare "$touch77" "$FREQ -C $W index --check" || true
git -C "$W" checkout -q -- requests
# One request came or went since the previous freq command (the folders list differently):
# the listing is merged with the cache's, and the index is stored while the rows are shown.
toggle="if [ -e $W/requests/FR-99999-x.md ]; then rm $W/requests/FR-99999-x.md; else sed s/FR-00042/FR-99999/ $W/requests/FR-00042-request-42.md > $W/requests/FR-99999-x.md; fi"
hyperfine --warmup 1 --runs 10 -n "git status (a file came or went)" --prepare "$toggle" "git -C $W status" \
  -n "list --where area=billing (a file came or went)" --prepare "$toggle" "$FREQ -C $W list --where area=billing" \
  -n "validate (a file came or went)" --prepare "$toggle" "$FREQ -C $W validate" || true
rm -f "$W/requests/FR-99999-x.md"
hyperfine --warmup 1 --runs 10 --prepare "$undo" \
  -n "move FR-00043 triaged" "$FREQ -C $W move FR-00043 triaged" \
  -n "plus-one FR-00042 --customer Globex" "$FREQ -C $W plus-one FR-00042 --customer Globex" \
  -n "new --title ... --yes" "$FREQ -C $W new --title 'Export the audit log' --area billing --severity 3 --customer Acme --submitted-by bench --yes" || true
hyperfine -N --warmup 1 --runs 5 --prepare "rm -f $W/.git/freq/worktree-*.cache" \
  -n "validate (cold)" "$FREQ -C $W validate" -n "list (cold)" "$FREQ -C $W list --where area=billing" || true
for command in validate "list --where area=billing"; do
  /usr/bin/time -f "$command warm: %e s, peak %M KiB" "$FREQ" -C "$W" $command >/dev/null
done
# check --base and diff (review cache, .git/freq/review-*): the CI case, branch pr checked
# out with its one changed request against main; warm, then cold (no review cache).
git -C "$W" checkout -q pr
"$FREQ" -C "$W" check --base main >/dev/null; "$FREQ" -C "$W" diff main...pr >/dev/null
hyperfine -N --warmup 2 --runs 15 -n "git status (pr)" "git -C $W status" \
  -n "check --base main (pr)" "$FREQ -C $W check --base main" \
  -n "diff main...pr" "$FREQ -C $W diff main...pr --format json" \
  -n "check --base main --no-cache (pr)" "$FREQ -C $W check --base main --no-cache" \
  -n "diff main...pr --no-cache" "$FREQ -C $W diff main...pr --format json --no-cache" || true
hyperfine -N --warmup 1 --runs 5 --prepare "rm -f $W/.git/freq/review-*" \
  -n "check --base main (pr, cold)" "$FREQ -C $W check --base main" \
  -n "diff main...pr (cold)" "$FREQ -C $W diff main...pr --format json" || true
git -C "$W" checkout -q main

echo "== validate: 100,000 requests, cold (no cache) and warm, with git status for scale"
V="$OUT/v100k"
if [ ! -d "$V" ]; then
  python3 Benchmarks/generate.py validate "$V" 100000
  git -C "$V" init -q && git -C "$V" add -A && git -C "$V" -c user.name=b -c user.email=b@x commit -qm init
fi
for run in 1 2 3; do
  rm -rf "$V/.git/freq"
  /usr/bin/time -f "validate cold: %e s, user %U s, sys %S s, peak %M KiB" "$FREQ" -C "$V" validate >/dev/null || true
done
"$FREQ" -C "$V" list >/dev/null || true
hyperfine -N -i --warmup 1 --runs 10 -n "git status" "git -C $V status" -n "validate" "$FREQ -C $V validate" \
  -n "show FR-42000" "$FREQ -C $V show FR-42000" -n "list --where area=billing" "$FREQ -C $V list --where area=billing" || true
/usr/bin/time -f "validate warm: %e s, peak %M KiB" "$FREQ" -C "$V" validate >/dev/null || true

echo "== history, long-lived side branches: 10,000 requests over 50,000 commits"
[ -d "$OUT/branches" ] || python3 Benchmarks/generate.py branches "$OUT/branches" 10000 50000
B="$OUT/branches"
plumbing="git -C $B log --first-parent --format=%H | git -C $B diff-tree --stdin -r -- requests/ | awk 'length(\$4) == 40 && \$4 !~ /[^0-9a-f]/ && \$4 !~ /^0+\$/ {print \$4}' | git -C $B cat-file --batch >/dev/null"
/usr/bin/time -f "freq history cold: %e s, user %U s, peak %M KiB" "$FREQ" -C "$B" history --format json --no-cache >/dev/null
/usr/bin/time -f "git log | diff-tree --stdin | cat-file --batch: %e s, user %U s, peak %M KiB (largest process)" bash -c "$plumbing"
