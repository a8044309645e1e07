import FreqKit
import FuzzDriver

/// The front-matter editor's round trip. The first line says the edit (`set FIELD VALUE`,
/// `remove FIELD` or `append FIELD VALUE`), the rest is the file. An edit is refused, or
/// the edited file re-reads as the old mapping plus exactly that change.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzEditor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let command = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ", maxSplits: 2).map(String.init)
    let file = newline < bytes.count ? Array(bytes[(newline + 1)...]) : []
    guard command.count >= 2, case .success(let before) = FrontMatterReader.read(file),
        case .object(var expected) = before.value
    else { return 0 }
    let field = command[1]
    let value = command.count > 2 ? command[2] : ""
    let edited: [UInt8]
    do {
        switch command[0] {
        case "set":
            edited = try FrontMatterEditor.setScalar(file, field: field, to: value)
            expected[field] = .string(value)
        case "remove":
            edited = try FrontMatterEditor.removeField(file, field: field)
            expected[field] = nil
        case "append":
            edited = try FrontMatterEditor.appendItem(file, toList: field, item: [("customer", .string(value))])
            // A missing or empty (`~`) list is a new one.
            let old = expected[field] == nil || expected[field] == .null ? JSONValue.array([]) : expected[field]
            guard case .array(let items)? = old else { return 0 }
            expected[field] = .array(items + [.object(["customer": .string(value)])])
        default: return 0
        }
    } catch {
        return 0  // refused: the file's shape does not allow a safe edit
    }
    guard case .success(let after) = FrontMatterReader.read(edited) else {
        preconditionFailure("the edited file no longer reads: \(String(decoding: edited, as: UTF8.self))")
    }
    precondition(after.value == .object(expected), "the edit changed more than `\(field)`: \(after.value) vs \(expected)")
    // The body is untouched.
    precondition(edited[after.bodyStartOffset...].elementsEqual(file[before.bodyStartOffset...]), "the body changed")
    return 0
}

runFuzzer(fuzzEditor)
