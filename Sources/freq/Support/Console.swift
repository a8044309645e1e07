import Foundation

/// Writing to the terminal: the only place that knows about stdout, stderr and colour.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes bytes to stdout as they are (large outputs: no String round trip).
    static func out(bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = write(STDOUT_FILENO, base + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `freq: error: MESSAGE` on stderr, one line.
    static func error(_ message: String) {
        err("freq: error: \(message.replacingOccurrences(of: "\n", with: " "))\n")
    }

    static func warning(_ message: String) {
        err("freq: warning: \(message)\n")
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var useColor: Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}
