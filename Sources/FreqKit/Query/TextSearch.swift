/// `freq list --search TEXT`: find a request the way people remember it, by words of its
/// title, a customer, its description or its id, whatever the case and accents.
public struct TextSearch: Sendable, Hashable {
    /// The search's words, folded.
    let words: [String]

    /// Nil when `text` holds no word.
    public init?(_ text: String) {
        let words = Self.fold(text).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    /// How well `record` matches: 0 when some word is found nowhere; otherwise each word
    /// adds what it hits (the id's number 16, the id or the title 4, a customer 3, the
    /// description 1), and a hit at a word's start counts twice.
    public func score(_ record: RequestRecord) -> Int {
        let id = Self.fold(record.id)
        let title = Self.fold(record.title ?? "")
        let customers = record.customers.map { Self.fold($0.name) }
        let body = Self.fold(record.body)
        var total = 0
        for word in words {
            var best = 0
            // `8` finds FR-0008 by its number; `fr 0008` by the id's own words.
            if word.allSatisfy(\.isNumber), let number = Int(word), RequestID.split(record.id)?.number == number {
                best = 16
            }
            best = max(best, Self.hit(word, in: id) * 4)
            best = max(best, Self.hit(word, in: title) * 4)
            for customer in customers { best = max(best, Self.hit(word, in: customer) * 3) }
            best = max(best, Self.hit(word, in: body))
            guard best > 0 else { return 0 }
            total += best
        }
        return total
    }

    /// 2 when `word` starts a word of `text`, 1 when it is inside one, 0 when absent.
    static func hit(_ word: String, in text: String) -> Int {
        guard let range = text.range(of: word) else { return 0 }
        if range.lowerBound == text.startIndex || text[text.index(before: range.lowerBound)] == " " { return 2 }
        return text.range(of: " " + word) != nil ? 2 : 1
    }

    /// Lower case without accents, words split by anything that is not a letter or digit.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .joined(separator: " ")
    }
}
