import CLibGit2
import FreqPaths

/// A failure of a git operation, carrying libgit2's code, class and message.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms callers branch on.
    public enum Kind: Sendable, Equatable {
        case notFound
        case ambiguous
        case invalidSpec
        case unbornHead
        case notARepository
        case other
    }

    public var kind: Kind
    /// libgit2's return code (`GIT_ENOTFOUND` is -3) or 0 when raised by freq itself.
    public var code: Int32
    /// libgit2's error class (`GIT_ERROR_REFERENCE`...), 0 when unknown.
    public var errorClass: Int32
    /// A message for people: lower-case, one line.
    public var message: String
    /// The libgit2 function that failed, for bug reports.
    public var function: String

    public init(kind: Kind, message: String, code: Int32 = 0, errorClass: Int32 = 0, function: String = "") {
        self.kind = kind
        self.message = message
        self.code = code
        self.errorClass = errorClass
        self.function = function
    }

    public var description: String { message }

    /// Builds the error from libgit2's last error on this thread, then clears it. Not every
    /// failure sets one and `git_error_last()` is never reset by a success, so an error
    /// left behind would be reported again for the next failure that sets none (git2-rs
    /// clears it too). It can also be NULL in 1.5: the function name keeps the message useful.
    static func last(code: Int32, function: StaticString) -> GitError {
        var message = "\(function) failed with code \(code)"
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            if let text = last.pointee.message {
                message = String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
            }
        }
        git_error_clear()
        // A damaged object database speaks zlib's or the pack reader's language ("invalid
        // distance too far back"): say what it means and how to look closer.
        let damaged: Set<Int32> = [Int32(GIT_ERROR_ZLIB.rawValue), Int32(GIT_ERROR_ODB.rawValue)]
        if code != GIT_ENOTFOUND.rawValue, damaged.contains(errorClass) {
            message = "the repository is damaged (\(message)); `git fsck` lists the broken objects, and a fresh clone repairs it"
        }
        let kind: Kind
        switch code {
        case GIT_ENOTFOUND.rawValue: kind = .notFound
        case GIT_EAMBIGUOUS.rawValue: kind = .ambiguous
        case GIT_EINVALIDSPEC.rawValue: kind = .invalidSpec
        case GIT_EUNBORNBRANCH.rawValue: kind = .unbornHead
        default: kind = .other
        }
        return GitError(
            kind: kind, message: message, code: code, errorClass: errorClass, function: "\(function)")
    }

    /// The same failure (code, class, function) told in words a person can act on.
    func explained(_ message: String, kind: Kind? = nil) -> GitError {
        var explained = self
        explained.message = message
        if let kind { explained.kind = kind }
        return explained
    }
}

@inline(__always)
func strlen(_ pointer: UnsafePointer<CChar>) -> Int {
    var length = 0
    while pointer[length] != 0 { length += 1 }
    return length
}

/// Decodes a C string lossily: author names and paths need not be UTF-8.
/// A file or folder name from libgit2, its bytes kept (`PathBytes`).
func name(fromC pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return PathBytes.text(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
}

func string(fromC pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
}
