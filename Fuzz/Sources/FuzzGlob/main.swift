import FreqKit
import FuzzDriver

/// Globs: the first line is the pattern, every other line a path. A pattern compiles or is
/// refused; a compiled one answers for every path, its fixed folder never leaves the
/// repository (no `..`, not absolute), and every path it selects starts with that folder.
/// (Paths come from readdir and git trees, which hold no `..`: matching one is no escape.)
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzGlob(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let pattern = lines.first, let glob = try? Glob(pattern) else { return 0 }
    let prefix = glob.fixedPrefix
    precondition(!prefix.hasPrefix("/") && !prefix.split(separator: "/").contains(".."), "`\(pattern)` leaves the repository")
    for path in lines.dropFirst() where glob.matches(path) {
        precondition(path.utf8.starts(with: glob.fixedPrefix.utf8), "`\(pattern)` selects `\(path)` outside `\(glob.fixedPrefix)`")
    }
    return 0
}

runFuzzer(fuzzGlob)
