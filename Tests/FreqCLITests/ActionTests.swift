import Foundation
import FreqTestSupport
import Testing

/// The GitHub action's steps (action.yml), run here as GitHub runs them.
@Suite("GitHub action")
struct ActionTests {
    /// The repository's root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theActionStepsCheckAndDescribeAPullRequest() throws {
        // The script packs the built freq as a release tarball, "downloads" it through a
        // file:// URL and runs every step of action.yml with a pull_request job's GITHUB_*
        // environment; it fails on the first step that does not do its part.
        let folder = try ScratchRepository(initialize: false)
        let output = try FreqBinary.run(
            [Self.repository.appendingPathComponent("scripts/test-action.sh").path, FreqBinary.url.path], in: folder.root,
            executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("test-action: ok (release route: install, get, check, diff; a bad pull request fails"))
    }
}
