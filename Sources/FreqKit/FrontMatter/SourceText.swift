/// Byte-level helpers for mapping offsets and Yams marks back to the file's own lines.
enum SourceText {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Whether `byte` starts a Unicode scalar in UTF-8 (is not a continuation byte).
    @inline(__always)
    static func startsScalar(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }

    /// The offset of the first byte that is not part of valid UTF-8 in `b[range]`, or nil.
    /// Overlong forms, surrogates and code points above U+10FFFF are invalid.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= end else { return i }
            let c1 = b[i + 1]
            guard c1 & 0xC0 == 0x80 else { return i }
            switch c {
            case 0xE0 where c1 < 0xA0, 0xED where c1 >= 0xA0, 0xF0 where c1 < 0x90, 0xF4 where c1 >= 0x90:
                return i
            default: break
            }
            if length > 2, b[i + 2] & 0xC0 != 0x80 { return i }
            if length > 3, b[i + 3] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// The file location of byte `offset`: lines count line feeds, columns count Unicode
    /// scalars from the line start, a BOM at `bomLength` is not a column.
    static func location(ofOffset offset: Int, in b: UnsafeBufferPointer<UInt8>, bomLength: Int) -> SourceLocation {
        var line = 1
        var lineStart = bomLength
        var i = bomLength
        let end = min(offset, b.count)
        while i < end {
            if b[i] == lf {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        var j = lineStart
        while j < end {
            if startsScalar(b[j]) { column += 1 }
            j += 1
        }
        return SourceLocation(line: line, column: column)
    }

    /// The file location of a byte offset inside the YAML text that starts at the
    /// beginning of file line `firstLine`.
    static func location(ofYAMLOffset offset: Int, in yaml: UnsafeBufferPointer<UInt8>, firstLine: Int) -> SourceLocation {
        let relative = location(ofOffset: offset, in: yaml, bomLength: 0)
        return SourceLocation(line: firstLine + relative.line - 1, column: relative.column)
    }
}

/// Maps libyaml's marks (1-based line and column in the YAML text) to file lines.
///
/// Why not just add an offset: libyaml also breaks lines at a lone CR, U+0085, U+2028
/// and U+2029, which no editor or `git` counts as new lines. When the text holds none
/// of them (nearly always) the map is a plain offset.
struct YAMLLineMap: Sendable {
    /// File line of the YAML text's first line.
    let firstLine: Int
    /// For each libyaml line (index 0 = line 1): file line, and columns to add.
    private let table: [(line: Int, columnOffset: Int)]?
    /// Byte offset where each libyaml line starts (only built on demand).
    let lineStarts: [Int]

    init(yaml b: UnsafeBufferPointer<UInt8>, firstLine: Int, needLineStarts: Bool = false) {
        self.firstLine = firstLine
        var exotic = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == SourceText.cr, i + 1 >= n || b[i + 1] != SourceText.lf { exotic = true; break }
            if c == 0xC2, i + 1 < n, b[i + 1] == 0x85 { exotic = true; break }
            if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { exotic = true; break }
            i += 1
        }
        if !exotic && !needLineStarts {
            table = nil
            lineStarts = []
            return
        }
        var rows: [(line: Int, columnOffset: Int)] = [(firstLine, 0)]
        var starts = [0]
        var fileLine = firstLine
        var column = 0  // scalars since the file line started
        i = 0
        while i < n {
            let c = b[i]
            var breakLength = 0
            var fileBreak = false
            if c == SourceText.lf {
                breakLength = 1
                fileBreak = true
            } else if c == SourceText.cr {
                if i + 1 < n, b[i + 1] == SourceText.lf {
                    breakLength = 2
                    fileBreak = true
                } else {
                    breakLength = 1
                }
            } else if c == 0xC2, i + 1 < n, b[i + 1] == 0x85 {
                breakLength = 2
            } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                breakLength = 3
            }
            if breakLength == 0 {
                if SourceText.startsScalar(c) { column += 1 }
                i += 1
                continue
            }
            i += breakLength
            if fileBreak {
                fileLine += 1
                column = 0
            } else {
                column += 1
            }
            rows.append((fileLine, column))
            starts.append(i)
        }
        table = exotic ? rows : nil
        lineStarts = starts
    }

    /// The file location of a libyaml mark.
    func location(line: Int, column: Int) -> SourceLocation {
        if let table, line >= 1, line <= table.count {
            let row = table[line - 1]
            return SourceLocation(line: row.line, column: row.columnOffset + column)
        }
        return SourceLocation(line: firstLine + line - 1, column: column)
    }
}
