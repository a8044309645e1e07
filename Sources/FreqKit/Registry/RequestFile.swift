import Foundation
import FreqPaths

/// A file that matches the requests glob, as found in a working tree or a git tree.
public struct RequestFile: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        /// Never followed: it could point anywhere, outside the repository included.
        case symlink
        /// A folder or a special file whose name matches the glob.
        case notAFile
        case tooLarge(size: Int)
        case unreadable(reason: String)
    }

    /// Path from the repository root, `/`-separated.
    public var path: String
    public var content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}

extension RequestFile.Content {
    /// Two versions of a file are the same when their bytes are (or both are the same kind
    /// of non-file).
    public func isSame(as other: RequestFile.Content) -> Bool {
        switch (self, other) {
        case (.bytes(let left), .bytes(let right)): return left == right
        case (.symlink, .symlink), (.notAFile, .notAFile): return true
        case (.tooLarge(let left), .tooLarge(let right)): return left == right
        default: return false
        }
    }
}

/// The globs of a configuration, compiled once.
public struct RequestSelector: Sendable {
    public let include: Glob
    public let exclude: [Glob]

    public init(config: RegistryConfig) throws(ConfigError) {
        do {
            include = try Glob(config.requests)
            exclude = try config.exclude.map { try Glob($0) }
        } catch {
            throw ConfigError(
                path: config.sourcePath, location: config.locations["requests"],
                message: "invalid glob: \(error)")
        }
    }

    public func selects(_ path: String) -> Bool {
        include.matches(path) && !exclude.contains { $0.matches(path) }
    }

    /// How many folders deep a match can be; nil when `**` makes it unbounded.
    var maximumDepth: Int? {
        include.pattern.contains("**") ? nil : include.pattern.split(separator: "/").count
    }
}

/// Finds request files in a working tree without following symbolic links.
public enum WorkingTree {
    /// Every path under `root` that the selector selects, sorted by path (byte order).
    /// `root` is the working tree's root folder. Files are read on every core.
    public static func requestFiles(root: String, selector: RequestSelector, sizeLimit: Int) -> [RequestFile] {
        let base = root.hasSuffix("/") ? root : root + "/"
        switch selectedPaths(root: base, selector: selector) {
        case .linkedFolder(let folder):
            return [RequestFile(path: folder, content: .symlink)]
        case .paths(let found):
            // Four slices a core: sizes vary, and a thread done early takes another slice.
            return ParallelWork.map(found, chunks: 4 * System.coreCount) { path in
                read(root: base, path: path, sizeLimit: sizeLimit)
            }
        }
    }

    /// What `requestFiles` reads, before reading it.
    enum Listing {
        /// A folder of the glob's fixed part is a symbolic link: the one file reported.
        case linkedFolder(String)
        /// The selected paths, sorted (byte order).
        case paths([String])
    }

    /// What a walk of the request folders met.
    enum Walk {
        /// A folder of the glob's fixed part is a symbolic link: the one file reported.
        case linkedFolder(String)
        case listed(FolderListing)
    }

    /// Every entry a walk of the request folders met, in directory order, as bytes: its
    /// path from the root, a 0 and its kind. Its hash tells, without a string or a glob
    /// match per name, that the folders list exactly as when a cache was stored.
    struct FolderListing: Sendable {
        var bytes: [UInt8] = []
        /// Where each entry's path is in `bytes`.
        var paths: [Range<Int>] = []

        var hash: ContentHash { ContentHash(bytes) }

        /// The positions of `paths` in byte order of the paths.
        func byteOrder() -> [Int] {
            bytes.withUnsafeBytes { WorkingTree.byteOrder(of: paths, in: $0) }
        }

        /// The paths the selector selects, in directory order.
        func selected(by selector: RequestSelector) -> [String] {
            selectedWithPositions(by: selector).map(\.path)
        }

        /// The paths the selector selects, in directory order, each with its position in
        /// `paths`.
        func selectedWithPositions(by selector: RequestSelector) -> [(path: String, position: Int)] {
            bytes.withUnsafeBufferPointer { buffer in
                paths.indices.compactMap { position in
                    let path = PathBytes.text(UnsafeBufferPointer(rebasing: buffer[paths[position]]))
                    return selector.selects(path) ? (path, position) : nil
                }
            }
        }
    }

    /// The paths under `root` (`/`-terminated) that the selector selects, sorted.
    static func selectedPaths(root base: String, selector: RequestSelector) -> Listing {
        switch walk(root: base, selector: selector) {
        case .linkedFolder(let folder): return .linkedFolder(folder)
        case .listed(let listing): return .paths(sortedPaths(listing.selected(by: selector)))
        }
    }

    /// Lists the folders under `root` (`/`-terminated) where the selector's glob can match,
    /// never following a symbolic link.
    static func walk(root base: String, selector: RequestSelector) -> Walk {
        let start = selector.include.fixedPrefix
        // The folders of the glob's fixed part must be real folders: a `requests` that is
        // a symbolic link could lead anywhere outside the repository. Reported, not followed.
        var folder = ""
        for component in start.split(separator: "/") {
            folder += component
            var info = stat()
            if PathBytes.withCString(base + folder, { lstat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFLNK {
                return .linkedFolder(folder)
            }
            folder += "/"
        }
        let relative = start.hasSuffix("/") || start.isEmpty ? start : start + "/"
        var listing = FolderListing()
        walk(base: PathBytes.bytes(base), relative: PathBytes.bytes(relative), depth: start.split(separator: "/").count, selector: selector, into: &listing)
        return .listed(listing)
    }

    /// Paths in byte order.
    static func sortedPaths(_ paths: [String]) -> [String] {
        byteOrder(of: paths).map { paths[$0] }
    }

    /// The positions of `paths` in byte order of the paths.
    static func byteOrder(of paths: [String]) -> [Int] {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(paths.count)
        for path in paths {
            let start = bytes.count
            bytes.append(contentsOf: path.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeBytes { byteOrder(of: ranges, in: $0) }
    }

    /// The positions of `ranges` (of `buffer`) in byte order of the paths they hold.
    static func byteOrder(of ranges: [Range<Int>], in buffer: UnsafeRawBufferPointer) -> [Int] {
        // Sorted as bytes without a String comparison (even `<` on ASCII costs about ten
        // times as much: 18 ms for 10,000 names whenever the folder's listing changed):
        // each path's eight bytes after the prefix all of them share, big-endian, decide
        // nearly every comparison; `memcmp` of the whole paths decides the rest.
        func path(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[ranges[index]]) }
        var shared = ranges.isEmpty ? 0 : ranges[0].count
        for index in ranges.indices.dropFirst() {
            let other = path(index)
            var length = 0
            while length < shared && length < other.count && other[length] == path(0)[length] { length += 1 }
            shared = length
        }
        var order: [(key: UInt64, index: Int)] = []
        order.reserveCapacity(ranges.count)
        for index in ranges.indices {
            // A path ending early is padded with zero bytes: it sorts before every
            // longer path it starts (a path holds no zero byte).
            let bytes = path(index)
            var key: UInt64 = 0
            for offset in shared..<(shared + 8) {
                key = key << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0)
            }
            order.append((key, index))
        }
        order.sort { left, right in
            left.key != right.key ? left.key < right.key : compareBytes(path(left.index), path(right.index)) < 0
        }
        return order.map(\.index)
    }

    /// Reads one file (relative path) the way `requestFiles` does.
    public static func read(root: String, path: String, sizeLimit: Int) -> RequestFile {
        let base = root.hasSuffix("/") ? root : root + "/"
        var info = stat()
        guard PathBytes.withCString(base + path, { lstat($0, &info) }) == 0 else {
            return RequestFile(path: path, content: .unreadable(reason: String(cString: strerror(errno))))
        }
        return RequestFile(path: path, content: content(fullPath: base + path, info: info, sizeLimit: sizeLimit))
    }

    private static func walk(
        base: [UInt8], relative: [UInt8], depth: Int, selector: RequestSelector, into listing: inout FolderListing
    ) {
        if let maximum = selector.maximumDepth, depth >= maximum { return }
        guard depth < 64, let directory = cPath(base + relative, { opendir($0) }) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            // The name's bytes are kept: two names differing only in bytes that are not
            // UTF-8 are two files (`PathBytes`).
            let start = listing.bytes.count
            let skipped = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                let name = raw.prefix { $0 != 0 }
                if name.elementsEqual([46]) || name.elementsEqual([46, 46]) || (relative.isEmpty && name.elementsEqual(Self.gitFolderName)) {
                    return true
                }
                listing.bytes += relative
                listing.bytes += name
                return false
            }
            if skipped { continue }
            let end = listing.bytes.count
            // d_type saves an lstat per file; symlinks to folders are never followed.
            var kind = entry.pointee.d_type
            if kind == UInt8(DT_UNKNOWN) {
                var info = stat()
                if cPath(Array(base + listing.bytes[start..<end]), { lstat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    kind = UInt8(DT_DIR)
                }
            }
            listing.paths.append(start..<end)
            listing.bytes.append(0)
            listing.bytes.append(kind)
            if kind == UInt8(DT_DIR) {
                walk(base: base, relative: Array(listing.bytes[start..<end]) + [47], depth: depth + 1, selector: selector, into: &listing)
            }
        }
    }

    private static let gitFolderName = Array(".git".utf8)

    /// Calls `body` with `bytes` as a C string.
    private static func cPath<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    private static func content(fullPath: String, info: stat, sizeLimit: Int) -> RequestFile.Content {
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .symlink
        case S_IFREG: break
        default: return .notAFile
        }
        if Int(info.st_size) > sizeLimit { return .tooLarge(size: Int(info.st_size)) }
        let descriptor = PathBytes.withCString(fullPath) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return .unreadable(reason: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return .bytes([UInt8](data))
        } catch {
            return .unreadable(reason: "\(error.localizedDescription)")
        }
    }
}
