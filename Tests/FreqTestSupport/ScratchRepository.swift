import Foundation

/// A throwaway git repository in a temporary folder, built with the git command line
/// under a fixed identity and clock so that ids and times are predictable.
/// Test-only: freq itself never runs git.
public final class ScratchRepository: @unchecked Sendable {
    public let root: URL
    /// The committer time of the next commit, seconds since 1970 (UTC); advanced per commit.
    public var clock: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z

    public init(bare: Bool = false, initialize: Bool = true) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("freq-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if initialize {
            try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    public var path: String { root.path }

    /// Writes a file (creating folders), relative to the working tree.
    public func write(_ relativePath: String, _ content: String) throws {
        try write(relativePath, bytes: Array(content.utf8))
    }

    public func write(_ relativePath: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relativePath))
    }

    /// Stages everything and commits at the current clock, then advances it by `step`.
    @discardableResult
    public func commit(_ message: String, step: Int64 = 3600, author: String = "Ada Support") throws -> String {
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-m", message], author: author)
        clock += step
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the repository with a clean, fixed environment; returns stdout.
    @discardableResult
    public func git(_ arguments: [String], author: String = "Ada Support") throws -> String {
        try Self.run(["git"] + arguments, in: root, environment: environment(author: author))
    }

    public func environment(author: String = "Ada Support") -> [String: String] {
        let date = "@\(clock) +0000"
        return [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": "Committer", "GIT_COMMITTER_EMAIL": "c@example.com",
            "GIT_COMMITTER_DATE": date,
        ]
    }

    /// Runs a program and returns its stdout; throws with stderr when it fails.
    @discardableResult
    public static func run(_ command: [String], in folder: URL, environment: [String: String]? = nil, input: Data? = nil)
        throws -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = folder
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                command: command, status: process.terminationStatus,
                stderr: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }
}

public struct CommandFailure: Error, CustomStringConvertible {
    public var command: [String]
    public var status: Int32
    public var stderr: String
    public var description: String { "\(command.joined(separator: " ")) exited \(status): \(stderr)" }
}
