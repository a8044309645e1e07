import Foundation

/// A regular expression with ECMA-262 meaning (as JSON Schema's `pattern` requires),
/// compiled once into an ICU `NSRegularExpression`.
///
/// ICU differs from ECMA-262 in ways that matter for schemas, so the pattern is rewritten
/// first: `\d`, `\w`, `\b` are ASCII-only in ECMA (ICU's `\d` also matches `٣`); `$` means
/// end of input (ICU's also matches before a final line break); `.` excludes only
/// `\n \r \u2028 \u2029`; `\s` includes U+FEFF; `[` inside a class and a `{` that does not
/// start a quantifier are literals.
struct ECMARegex: Sendable {
    /// The pattern as written in the schema.
    let source: String
    /// The translated pattern, compiled at its first use: never, for a simple pattern
    /// matched on ASCII text.
    private let icu: LazyRegex
    /// The same pattern matched without ICU, when it is simple (`^[a-z0-9-]+$`).
    private let simple: SimplePattern?

    init(_ source: String) throws {
        self.source = source
        simple = SimplePattern(source)
        let translated = Self.translate(source)
        // Not simple: compiled now, so that an invalid pattern is said where it is read.
        icu = simple != nil
            ? LazyRegex(translated) : LazyRegex(translated, compiled: try NSRegularExpression(pattern: translated, options: []))
    }

    /// Whether the pattern matches anywhere in `text` (an unanchored search).
    func matches(_ text: String) -> Bool {
        if let answer = simple?.matches(text) { return answer }
        guard let regex = icu.regex else { return false }
        let range = NSRange(location: 0, length: text.utf16.count)
        return regex.rangeOfFirstMatch(in: text, options: [], range: range).location != NSNotFound
    }

    // MARK: - ECMA-262 to ICU

    private static let wordClass = "a-zA-Z0-9_"
    private static let spaceClass = "\\t\\n\\x{0B}\\f\\r\\p{Z}\\x{FEFF}"

    /// Rewrites an ECMA-262 pattern into ICU syntax with the same meaning.
    static func translate(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var output = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                index += 1
                guard index < scalars.count else {
                    output += "\\"  // left for ICU to reject
                    break
                }
                output += translateEscape(scalars, &index, inClass: false)
                continue
            case "[":
                output += translateClass(scalars, &index)
                continue
            case ".":
                output += "[^\\n\\r\\x{2028}\\x{2029}]"
            case "$":
                output += "\\z"
            case "{":
                if let end = quantifierEnd(scalars, from: index) {
                    output += String(String.UnicodeScalarView(scalars[index...end]))
                    index = end + 1
                    continue
                }
                output += "\\{"
            case "}":
                output += "\\}"
            case "]":
                output += "\\]"
            default:
                output.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return output
    }

    /// Translates the escape whose letter is at `index`, advancing past it.
    private static func translateEscape(
        _ scalars: [Unicode.Scalar], _ index: inout Int, inClass: Bool
    ) -> String {
        let letter = scalars[index]
        index += 1
        switch letter {
        case "d": return inClass ? "0-9" : "[0-9]"
        case "D": return "[^0-9]"
        case "w": return inClass ? wordClass : "[\(wordClass)]"
        case "W": return "[^\(wordClass)]"
        case "s": return inClass ? spaceClass : "[\(spaceClass)]"
        case "S": return "[^\(spaceClass)]"
        case "b" where inClass:
            return "\\x{08}"  // backspace inside a class
        case "b":
            let word = "[\(wordClass)]"
            return "(?:(?<=\(word))(?!\(word))|(?<!\(word))(?=\(word)))"
        case "B":
            let word = "[\(wordClass)]"
            return "(?:(?<=\(word))(?=\(word))|(?<!\(word))(?!\(word)))"
        case "0" where index >= scalars.count || !("0"..."9").contains(scalars[index]):
            return "\\x{0}"
        case "u" where index < scalars.count && scalars[index] == "{":
            // `\u{1F4A9}` (unicode mode) is ICU's `\x{1F4A9}`.
            var digits = ""
            var cursor = index + 1
            while cursor < scalars.count, scalars[cursor] != "}" {
                digits.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            index = min(cursor + 1, scalars.count)
            return "\\x{\(digits)}"
        case "p", "P":
            // A Unicode property, `\p{Letter}`: ICU spells it the same way.
            var escaped = "\\"
            escaped.unicodeScalars.append(letter)
            guard index < scalars.count, scalars[index] == "{" else { return escaped }
            while index < scalars.count {
                let scalar = scalars[index]
                escaped.unicodeScalars.append(scalar)
                index += 1
                if scalar == "}" { break }
            }
            return escaped
        default:
            var escaped = "\\"
            escaped.unicodeScalars.append(letter)
            return escaped
        }
    }

    /// Translates a character class; `index` is on its `[`.
    private static func translateClass(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        index += 1
        var negated = false
        if index < scalars.count, scalars[index] == "^" {
            negated = true
            index += 1
        }
        if index < scalars.count, scalars[index] == "]" {
            index += 1
            // ECMA `[]` matches nothing and `[^]` matches anything.
            return negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)"
        }
        var output = negated ? "[^" : "["
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "]":
                index += 1
                return output + "]"
            case "\\":
                index += 1
                guard index < scalars.count else { return output + "\\" }
                output += translateEscape(scalars, &index, inClass: true)
                continue
            case "[", "&", "{", "}", "$":
                // Literal in ECMA; set syntax (nesting, `&&`, strings) in ICU.
                output += "\\"
                output.unicodeScalars.append(scalar)
            default:
                output.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return output  // unterminated: ICU reports the error
    }

    /// The index of the `}` closing a quantifier `{n}`, `{n,}` or `{n,m}` opened at `start`.
    private static func quantifierEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var cursor = start + 1
        var digits = 0
        while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) {
            cursor += 1
            digits += 1
        }
        guard digits > 0, cursor < scalars.count else { return nil }
        if scalars[cursor] == "," {
            cursor += 1
            while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
        }
        return cursor < scalars.count && scalars[cursor] == "}" ? cursor : nil
    }
}
