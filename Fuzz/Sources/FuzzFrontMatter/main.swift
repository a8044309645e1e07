import FreqKit
import FuzzDriver

/// The front-matter reader on any bytes: a problem or a document, never a crash or a hang;
/// a document's locations lie inside the file and its body starts after its front matter.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    switch FrontMatterReader.read(bytes) {
    case .failure(let problem):
        if let location = problem.location { precondition(location.line >= 1 && location.column >= 1, "\(problem)") }
    case .success(let document):
        precondition(document.bodyStartOffset >= 0 && document.bodyStartOffset <= bytes.count, "body outside the file")
        let lines = bytes.count { $0 == UInt8(ascii: "\n") } + 1
        for location in document.valueLocations.values.map({ $0 }) + document.keyLocations.values.map({ $0 }) {
            precondition(location.line >= 1 && location.line <= lines && location.column >= 1, "location \(location) outside the file")
        }
        if case .object(let members) = document.value {
            for key in members.keys { _ = document.scalarText(at: [.key(key)]) }
        }
        _ = FrontMatterReader.bodyProblem(bytes, document: document)
    }
    _ = FrontMatterReader.readIdentity(bytes, idField: "id", statusField: "status")
    return 0
}

runFuzzer(fuzzFrontMatter)
