import FreqKit
import Testing

@Suite("display width")
struct DisplayWidthTests {
    @Test(arguments: [
        ("Acme", 4), ("株式会社", 8), ("Émile", 5), ("e\u{301}mile", 5), ("🚀 launch", 9), ("👩‍💻", 2), ("한국", 4),
    ])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func cuttingKeepsWholeCharactersAndTheWidth() {
        let cut = DisplayWidth.truncated("株式会社トヨタ自動車", to: 9)
        #expect(cut == "株式会社…")
        #expect(DisplayWidth.of(cut) <= 9)
        #expect(DisplayWidth.truncated("short", to: 9) == "short")
    }

    /// A table with wide characters stays aligned: every row's columns start at the same
    /// terminal column.
    @Test func tablesAlignWideText() {
        let table = TextTable.render([["NAME", "ARR"], ["株式会社", "1"], ["Acme", "22"]], rightAligned: [1])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(Set(lines.map(DisplayWidth.of)).count == 1, "\(lines)")
    }

    @Test func theListTableFitsTheTerminal() {
        let records = (1...3).map { index in
            RequestRecord(
                id: "FR-000\(index)", path: "requests/FR-000\(index).md", status: "new", category: .open,
                fields: .object(["title": .string(String(repeating: "日本語のタイトル ", count: 8))]))
        }
        let table = RequestListRenderer.render(records, format: .table, asOf: 0, total: 3, width: 72)
        for line in table.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 72, "\(line)") }
        #expect(table.contains("…"))
    }
}
