#!/usr/bin/env bash
# The action's "Check" step: `freq check` of the pull request against origin/<base>,
# as workflow annotations on the changed files. Exit 1 on findings fails the job.
set -euo pipefail
: "${FREQ_BASE:?the base branch: run on pull_request events, or set the input 'base'}"
freq=${FREQ:-freq}
cd "${FREQ_WORKING_DIRECTORY:-${GITHUB_WORKSPACE:?}}"
# The container runs as root, the checkout belongs to the runner's user: libgit2, like
# git, refuses such a repository unless it is trusted.
git config --global --add safe.directory "$PWD"
"$freq" check --base "origin/$FREQ_BASE" --format github
