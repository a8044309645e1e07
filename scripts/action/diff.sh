#!/usr/bin/env bash
# The action's "Describe" step: what the pull request changes, request by request, as
# Markdown in FREQ_DIFF_FILE (for a comment step), and its path as the output `diff-file`.
set -euo pipefail
: "${FREQ_BASE:?the base branch}" "${FREQ_DIFF_FILE:?}"
freq=${FREQ:-freq}
cd "${FREQ_WORKING_DIRECTORY:-${GITHUB_WORKSPACE:?}}"
git config --global --add safe.directory "$PWD"
"$freq" diff "origin/$FREQ_BASE...HEAD" --format markdown > "$FREQ_DIFF_FILE"
case "$FREQ_DIFF_FILE" in
    /*) path=$FREQ_DIFF_FILE ;;
    *) path=$PWD/$FREQ_DIFF_FILE ;;
esac
echo "diff-file=$path" >> "${GITHUB_OUTPUT:?}"
