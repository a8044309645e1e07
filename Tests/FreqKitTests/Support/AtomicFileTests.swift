import Foundation
import Testing

@testable import FreqKit

/// The one temp-file + fsync + rename of freq: what each of its three forms promises.
@Suite("AtomicFile")
struct AtomicFileTests {
    @Test func writeCreatesThenReplacesKeepingTheMode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/README.md"
        try AtomicFile.write(Array("one\n".utf8), to: path)
        #expect(try contents(path) == "one\n")
        #expect(try mode(path) == 0o644 & ~umaskNow(folder))
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write(Array("two\n".utf8), to: path)
        #expect(try contents(path) == "two\n")
        #expect(try mode(path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["README.md"])
    }

    /// A write that need not reach the disk (a cache) swaps the new file with the old one
    /// rather than renaming over it: the same result, whatever stands at the path.
    @Test func aWriteThatNeedNotReachTheDiskReplacesAsRenameDoes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/worktree.cache"
        try AtomicFile.write(Array("one\n".utf8), to: path, durable: false)
        #expect(chmod(path, 0o600) == 0)
        var before = stat()
        #expect(lstat(path, &before) == 0)
        try AtomicFile.write(Array("two\n".utf8), to: path, durable: false)
        #expect(try contents(path) == "two\n")
        #expect(try mode(path) == 0o600)
        var after = stat()
        #expect(lstat(path, &after) == 0)
        #expect(after.st_ino != before.st_ino)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["worktree.cache"])
        // A link is replaced by the file (its target left as it was), as rename(2) does.
        let target = folder + "/target"
        try AtomicFile.write(Array("kept\n".utf8), to: target)
        let link = folder + "/linked.cache"
        #expect(symlink(target, link) == 0)
        try AtomicFile.write(Array("three\n".utf8), to: link, durable: false)
        #expect(try contents(link) == "three\n")
        #expect(try contents(target) == "kept\n")
        #expect(lstat(link, &after) == 0 && after.st_mode & S_IFMT == S_IFREG)
        // A folder is not replaced: nothing written, nothing left behind.
        let taken = folder + "/taken.cache"
        try FileManager.default.createDirectory(atPath: taken + "/inside", withIntermediateDirectories: true)
        #expect(throws: AtomicFileError.self) { try AtomicFile.write(Array("four\n".utf8), to: taken, durable: false) }
        #expect(FileManager.default.fileExists(atPath: taken + "/inside"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["linked.cache", "taken.cache", "target", "worktree.cache"])
    }

    @Test func createNeverOverwrites() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/FR-0001-a.md"
        try AtomicFile.create(path, Array("first\n".utf8))
        #expect(try mode(path) == 0o644 & ~umaskNow(folder))
        let error = try #require(throws: AtomicFileError.self) { try AtomicFile.create(path, Array("second\n".utf8)) }
        #expect(error.message == "`\(path)` already exists; freq never overwrites a request")
        #expect(error.description == error.message)
        #expect(error.reason == nil)
        #expect(try contents(path) == "first\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["FR-0001-a.md"])
    }

    @Test func replaceOnlyWhatIsStillExpectedAndKeepsTheExactMode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/FR-0001-a.md"
        try AtomicFile.create(path, Array("old\n".utf8))
        // 0o662: bits a usual umask (022) would drop, were the mode not set exactly.
        #expect(chmod(path, 0o662) == 0)
        let changed = try #require(throws: AtomicFileError.self) {
            try AtomicFile.replace(path, expecting: Array("older\n".utf8), with: Array("new\n".utf8))
        }
        #expect(changed.message == "`\(path)` changed while freq was editing it; nothing was changed, run the command again")
        #expect(try contents(path) == "old\n")
        try AtomicFile.replace(path, expecting: Array("old\n".utf8), with: Array("new\n".utf8))
        #expect(try contents(path) == "new\n")
        #expect(try mode(path) == 0o662)

        let link = folder + "/FR-0002-b.md"
        #expect(symlink(path, link) == 0)
        let notAFile = try #require(throws: AtomicFileError.self) {
            try AtomicFile.replace(link, expecting: Array("new\n".utf8), with: Array("newer\n".utf8))
        }
        #expect(notAFile.message == "`\(link)` is no longer a regular file; nothing was changed")
        #expect(try contents(path) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["FR-0001-a.md", "FR-0002-b.md"])
    }

    @Test func systemFailuresCarryTheSystemsReason() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = try #require(throws: AtomicFileError.self) { try AtomicFile.write([1], to: folder + "/none/x.md") }
        #expect(missing.reason == String(cString: strerror(ENOENT)))
        #expect(missing.message == "cannot write in `\(folder)/none`: \(String(cString: strerror(ENOENT)))")
        // The rename cannot replace a folder; the temporary file goes again.
        try FileManager.default.createDirectory(atPath: folder + "/README.md", withIntermediateDirectories: false)
        let folderInTheWay = try #require(throws: AtomicFileError.self) { try AtomicFile.write([1], to: folder + "/README.md") }
        #expect(folderInTheWay.message == "cannot write `\(folder)/README.md`: \(String(cString: strerror(EISDIR)))")
        #expect(folderInTheWay.path == folder + "/README.md")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["README.md"])
    }

    @Test func theHistoryCacheWritesThroughItAndRemovesWhatAKilledRunLeft() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = HistoryCache(folder: folder)
        var state = HistoryState()
        state.fingerprint = "keep"
        #expect(cache.store(state))
        // As Foundation's createFile made it before: 0666 less the umask.
        #expect(try mode(cache.path(for: "keep")) == 0o666 & ~umaskNow(folder))
        let now = Date()
        let days: [String: Double] = [
            ".history-keep.cache.freq-1a2b.tmp": 2,  // left by a killed run: removed
            ".history-keep.delta.freq-3c4d.tmp": 0.1,  // being written: kept
            ".history-notes": 90,  // not ours: kept
        ]
        for (name, age) in days {
            #expect(FileManager.default.createFile(atPath: cache.folder + name, contents: Data("x".utf8)))
            try FileManager.default.setAttributes(
                [.modificationDate: now.addingTimeInterval(-age * 86_400)], ofItemAtPath: cache.folder + name)
        }
        cache.removeStaleFiles(keeping: "keep", now: now)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
            ".history-keep.delta.freq-3c4d.tmp", ".history-notes", "history-keep.cache",
        ])
    }

    @Test func aPathBelowTheCurrentFolderIsShownRelativeToIt() {
        let current = FileManager.default.currentDirectoryPath
        #expect(AtomicFile.display(current + "/requests/x.md") == "requests/x.md")
        #expect(AtomicFile.display("/elsewhere/x.md") == "/elsewhere/x.md")
    }
}

private func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "freq-atomic-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func contents(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// The permission bits of `path` (not following a symbolic link).
private func mode(_ path: String) throws -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
    return info.st_mode & 0o7777
}

/// The process's umask, read from a probe file (setting it to read it would race with
/// other tests creating files).
private func umaskNow(_ folder: String) throws -> mode_t {
    let probe = folder + "/.umask-probe"
    let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o777)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    close(descriptor)
    defer { unlink(probe) }
    return ~(try mode(probe)) & 0o777
}
