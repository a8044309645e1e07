import Foundation

/// The built `freq` executable, run the way a user runs it.
public enum FreqBinary {
    public struct Output: Sendable {
        public var stdout: String
        public var stderr: String
        public var status: Int32
    }

    /// `.build/<configuration>/freq` next to the running test bundle.
    public static var url: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("freq")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        // Fallback: the package's own debug build.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/freq")
    }

    /// Runs freq in `folder` with a fixed environment (no colour, no terminal). Its stdout
    /// goes to `stdoutPath` when given (and `Output.stdout` is then empty).
    public static func run(
        _ arguments: [String], in folder: URL, stdin: String? = nil, environment extra: [String: String] = [:],
        stdoutPath: String? = nil, executable: URL? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable ?? url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1",
            "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1",
        ]
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        if let stdoutPath, let file = FileHandle(forWritingAtPath: stdoutPath) {
            process.standardOutput = file
            try output.fileHandleForWriting.close()
        } else {
            process.standardOutput = output
        }
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a large stderr cannot block the child.
        let errorData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errorData.get(), as: UTF8.self),
            status: process.terminationStatus)
    }
}

extension FreqBinary {
    /// Runs freq on a pseudo-terminal (util-linux `script`), typing `answers` one line
    /// each, as a person at a prompt would; the terminal's output (stdout and stderr
    /// together, the typed lines echoed) and the exit code.
    public static func runOnTerminal(_ arguments: [String], in folder: URL, answers: [String]) throws -> Output {
        let quoted = ([url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try run(
            ["-qec", quoted.joined(separator: " "), "/dev/null"], in: folder,
            stdin: answers.map { $0 + "\n" }.joined(), executable: URL(fileURLWithPath: "/usr/bin/script"))
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
