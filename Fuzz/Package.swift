// swift-tools-version: 6.0
// Fuzz targets for freq's parsers, built apart from the main package (the normal build and
// CI never compile them): `make fuzz` in the repository root, see the README.
import PackageDescription

let targets = ["FuzzFrontMatter", "FuzzJSONSchema", "FuzzRegistryConfig", "FuzzGlob", "FuzzEditor", "FuzzHistoryCache"]

let package = Package(
    name: "FreqFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "freq", path: "..")],
    targets: [.target(name: "FuzzDriver")] + targets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzDriver", .product(name: "FreqKit", package: "freq")])
    },
    swiftLanguageModes: [.v6]
)
