import Foundation
import FreqPaths

/// Writing to the terminal: the only place that knows about stdout, stderr and colour.
enum Console {
    /// Bytes of a file name that are not UTF-8 are shown as `\xHH` (`PathBytes`), here
    /// for every text output; JSON escapes them itself (`JSONWriter`).
    static func out(_ text: String) {
        var text = PathBytes.escaped(text)
        text.withUTF8 { out(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes bytes to stdout as they are (large outputs: no String round trip). An output
    /// that cannot be written (a full disk) ends the run with exit 2: an answer cut short
    /// must not look like a success. A reader that went away (`| head`) ends it the usual
    /// Unix way, by SIGPIPE, but only after the history cache is written.
    static func out(bytes: [UInt8]) {
        bytes.withUnsafeBytes { out(bytes: $0) }
    }

    private static func out(bytes: UnsafeRawBufferPointer) {
        guard let failure = writeAll(bytes, to: STDOUT_FILENO) else { return }
        Background.wait()
        if failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        error("cannot write to standard output (\(String(cString: strerror(failure))))")
        exit(2)
    }

    /// Called once at start: a closed pipe then fails the write (handled above) instead of
    /// killing the process while a background cache write is under way.
    static func deferBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func err(_ text: String) {
        var text = PathBytes.escaped(text)
        text.withUTF8 { _ = writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
    }

    /// Writes everything, retrying after signals; the errno of a failure, nil on success.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return written < 0 ? errno : EIO }
            offset += written
        }
        return nil
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
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The width of the terminal standard output goes to; nil when it is not one (a file or
    /// a pipe gets whole lines). `COLUMNS` wins, as in other tools.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

extension String {
    /// Followed by spaces up to `width` characters, for a column of help text. (Not
    /// Foundation's `padding(toLength:)`: bridging through `NSString` at start-up cost
    /// every command, help built or not, half a millisecond.)
    func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
