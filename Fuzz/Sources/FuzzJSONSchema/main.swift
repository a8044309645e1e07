import FreqKit
import FuzzDriver

/// The JSON parser and the schema validator, through the public API only: the input is a
/// schema, a NUL byte, and an instance. Either may be anything; freq must answer with a
/// syntax error, a schema error, or violations, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSONSchema(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let schemaBytes = bytes[..<split]
    let instanceBytes = split < bytes.count ? bytes[(split + 1)...] : []
    guard let document = try? JSONParser.parse(schemaBytes) else { return 0 }
    guard let schema = try? JSONSchema(document: document) else { return 0 }
    let instance = (try? JSONParser.parse(instanceBytes))?.value ?? document.value
    let violations = schema.validate(instance)
    // The two ways of asking agree.
    precondition(violations.isEmpty == schema.isValid(instance), "validate and isValid disagree")
    return 0
}

runFuzzer(fuzzJSONSchema)
