/// The two GitHub workflows `freq init` writes. They get freq through its action, from a
/// release tarball, so a registry repository needs no Swift toolchain in CI.
public enum StarterWorkflows {
    /// Where the workflows take freq from.
    public struct Source: Sendable, Hashable {
        /// The GitHub repository holding freq's action and releases, `OWNER/NAME`.
        public var repository: String
        /// The release the workflows install, e.g. `0.1.0` (its tag is `v0.1.0`).
        public var version: String

        /// Nil unless `repository` is `OWNER/NAME` in the characters GitHub allows and
        /// `version` a plain version: both are written into YAML as they are.
        public init?(repository: String, version: String) {
            func plain(_ text: Substring, extra: Set<Character>) -> Bool {
                !text.isEmpty && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || extra.contains($0) }
            }
            let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ plain($0, extra: ["-", "_", "."]) && $0 != "." && $0 != ".." }),
                plain(Substring(version), extra: [".", "-", "+"])
            else { return nil }
            self.repository = repository
            self.version = version
        }
    }

    /// `.github/workflows/freq.yml`: on every pull request, `freq check` against its target
    /// (annotations on the files) and the change-by-change diff as one sticky comment.
    public static func pullRequest(source: Source) -> String {
        """
        # On every pull request: validate the registry, check what the pull request changes
        # against its target branch (annotations on the files), and post what it changes,
        # request by request, as one comment that is updated on every push.
        # Written by `freq init`; edit freely.
        name: freq

        on:
          pull_request:

        permissions:
          contents: read
          pull-requests: write   # for the comment

        concurrency:
          group: freq-${{ github.event.pull_request.number }}
          cancel-in-progress: true

        jobs:
          registry:
            runs-on: ubuntu-latest
            # freq's release binaries are built on Debian 12 and use its libgit2 (1.5).
            container: debian:bookworm
            steps:
              - name: Install git
                # actions/checkout needs git in the container to fetch the history.
                run: |
                  apt-get update -qq
                  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git ca-certificates >/dev/null

              - name: Check out the pull request's branch, with all history
                uses: actions/checkout@v4
                with:
                  # The branch itself, not GitHub's merge commit: freq compares it with the
                  # merge base, as git does.
                  ref: ${{ github.event.pull_request.head.sha }}
                  fetch-depth: 0

              - name: Check the pull request
                uses: \(source.repository)@v\(source.version)
                with:
                  version: \(source.version)
                  base: ${{ github.base_ref }}
                  diff-file: freq-diff.md

              - name: Post what it changes as a comment
                # A pull request from a fork gets a read-only token: no comment, no failure.
                if: ${{ !cancelled() && hashFiles('freq-diff.md') != '' && github.event.pull_request.head.repo.full_name == github.repository }}
                uses: marocchino/sticky-pull-request-comment@v2
                with:
                  header: freq-diff
                  path: freq-diff.md

        """
    }

    /// `.github/workflows/catalogue.yml`: after every merge to `branch`, regenerate the
    /// catalogue and commit it when it changed (pull requests never touch it, so two of
    /// them never conflict on it).
    public static func catalogue(source: Source, branch: String, catalogue: String, watched: [String]) -> String {
        let paths = watched.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            # After every merge to \(branch): regenerate the catalogue (\(catalogue)) and commit
            # it when it changed. Pull requests never touch the catalogue, so two of them can
            # never conflict on it, and it is never stale for longer than one run of this job.
            # Written by `freq init`; edit freely.
            name: catalogue

            on:
              push:
                branches: [\(branch)]
                paths: [\(paths)]

            permissions:
              contents: write   # to push the regenerated catalogue

            concurrency:
              group: freq-catalogue
              cancel-in-progress: false   # each run sees the latest \(branch); none may be lost halfway

            jobs:
              catalogue:
            \(debianWithGit)

                  - uses: actions/checkout@v4
                    with:
                      fetch-depth: 0

            \(installFreq(source))

                  - name: Regenerate and commit the catalogue
                    run: |
                      git config --global --add safe.directory "$GITHUB_WORKSPACE"
                      freq index
                      if [ -z "$(git status --porcelain -- \(catalogue))" ]; then exit 0; fi
                      git config user.name "freq catalogue"
                      git config user.email "freq-catalogue@users.noreply.github.com"
                      git add \(catalogue)
                      git commit -m "Catalogue: regenerated after $(git rev-parse --short HEAD)"
                      # Another merge may have landed meanwhile: its own run regenerates again.
                      git pull --rebase origin \(branch) && git push origin HEAD:\(branch)

            """
    }

    /// A job's machine, indented for a job's keys: Debian 12, whose libgit2 the release
    /// binaries use, with git for actions/checkout.
    static let debianWithGit = """
            runs-on: ubuntu-latest
            # freq's release binaries are built on Debian 12 and use its libgit2 (1.5).
            container: debian:bookworm
            steps:
              - name: Install git
                run: |
                  apt-get update -qq
                  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git ca-certificates >/dev/null
        """

    /// The step that installs freq's release through its action, indented for a step.
    static func installFreq(_ source: Source) -> String {
        """
              - name: Install freq
                uses: \(source.repository)@v\(source.version)
                with:
                  version: \(source.version)
                  check: false
        """
    }

    /// Where the issue-to-request workflow goes.
    public static let issueToRequestPath = ".github/workflows/issue-to-request.yml"

    /// `.github/workflows/issue-to-request.yml`: an issue opened with the issue form becomes
    /// a pull request adding the request (`freq new --from-issue-form`). The issue's body
    /// and author reach the shell only through environment variables, never written into
    /// the script, so nothing typed in the form can run as a command.
    public static func issueToRequest(source: Source) -> String {
        """
        # An issue opened with the feature request form (\(IssueForm.path))
        # becomes a pull request that adds the request: `freq new --from-issue-form` checks
        # every value against the schema first, so a wrong one fails this job and files nothing.
        # Written by `freq init`; edit freely.
        name: issue to request

        on:
          issues:
            types: [opened]

        permissions:
          contents: write        # to push the request's branch
          pull-requests: write   # to open the pull request

        jobs:
          request:
            if: ${{ contains(github.event.issue.labels.*.name, '\(IssueForm.label)') }}
        \(debianWithGit)

              - uses: actions/checkout@v4
                with:
                  # Every branch and tag: the next free id is past the ids on all of them.
                  fetch-depth: 0

        \(installFreq(source))

              - name: Write the request from the issue
                env:
                  # Through the environment only: never expand the issue's text in the script.
                  ISSUE_BODY: ${{ github.event.issue.body }}
                  ISSUE_AUTHOR: ${{ github.event.issue.user.login }}
                run: |
                  git config --global --add safe.directory "$GITHUB_WORKSPACE"
                  printf '%s\\n' "$ISSUE_BODY" > "$RUNNER_TEMP/issue.md"
                  freq new --from-issue-form "$RUNNER_TEMP/issue.md" --submitted-by "$ISSUE_AUTHOR" --yes

              - name: Open the pull request
                uses: peter-evans/create-pull-request@v6
                with:
                  branch: request-from-issue-${{ github.event.issue.number }}
                  commit-message: "New request from issue #${{ github.event.issue.number }}"
                  title: "New request from issue #${{ github.event.issue.number }}"
                  body: "Filed with the issue form. Closes #${{ github.event.issue.number }}."

        """
    }
}
