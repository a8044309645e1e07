// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "freq",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "freq", targets: ["freq"]),
        .library(name: "FreqKit", targets: ["FreqKit"]),
        .library(name: "FreqSite", targets: ["FreqSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // The system libgit2, found through pkg-config. Only FreqGit imports it.
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // File names as bytes, carried in strings without loss: shared by the git layer and
        // the core, which never import each other.
        .target(name: "FreqPaths"),
        // The git layer: safe value types over libgit2; no C pointer leaves it.
        .target(name: "FreqGit", dependencies: ["CLibGit2", "FreqPaths"]),
        // The system cmark-gfm, GitHub's own Markdown renderer. Only FreqMarkdown imports it.
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Markdown to safe HTML, as the git host renders it; no C pointer leaves it.
        .target(name: "FreqMarkdown", dependencies: ["CCMarkGFM"]),
        // The core: requests, validation, history, statistics, rendering. Never prints.
        .target(name: "FreqKit", dependencies: ["FreqPaths", .product(name: "Yams", package: "Yams")]),
        // The static website of a registry (`freq site`): pages from the core's model.
        .target(name: "FreqSite", dependencies: ["FreqKit", "FreqMarkdown"]),
        // The command line: parses, calls the core, renders, exits.
        .executableTarget(
            name: "freq",
            dependencies: [
                "FreqKit", "FreqGit", "FreqPaths", "FreqSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Builds throwaway git repositories for the tests (never checked-in fixtures).
        .target(name: "FreqTestSupport", path: "Tests/FreqTestSupport"),
        .testTarget(name: "FreqGitTests", dependencies: ["FreqGit", "FreqTestSupport"]),
        .testTarget(name: "FreqKitTests", dependencies: ["FreqKit", "FreqPaths", "FreqTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "FreqSiteTests", dependencies: ["FreqSite", "FreqKit", "FreqMarkdown", "FreqTestSupport"]),
        .testTarget(name: "FreqCLITests", dependencies: ["FreqKit", "FreqGit", "FreqPaths", "FreqTestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
