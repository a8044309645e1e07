import FreqKit
import FuzzDriver

/// The registry configuration (`schema/registry.yml`) on any text: a located configuration
/// error or a configuration whose globs compile, whose fixed folders stay inside the
/// repository, and whose categories each status belongs to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzRegistryConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    guard let config = try? RegistryConfig.parse(text, displayPath: "schema/registry.yml", schemaBase: "schema/") else { return 0 }
    guard let selector = try? RequestSelector(config: config) else { return 0 }
    for glob in [selector.include] + selector.exclude {
        let prefix = glob.fixedPrefix
        precondition(!prefix.hasPrefix("/") && !prefix.split(separator: "/").contains(".."), "`\(glob.pattern)` leaves the repository")
    }
    for path in ["requests/FR-0001-a.md", "a/b/c.md", "requests/README.md"] { _ = selector.selects(path) }
    for status in config.categories.values.joined() { _ = config.category(of: status) }
    return 0
}

runFuzzer(fuzzRegistryConfig)
