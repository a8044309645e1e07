import FreqKit
import Testing

@Suite("CSV as exports write it")
struct CSVTableTests {
    @Test func quotesLineBreaksBOMAndCRLF() throws {
        let text = "\u{FEFF}Title,Customer,Body\r\n\"Export, as CSV\",Acme,\"two\r\nlines with \"\"quotes\"\"\"\r\n\r\nDark mode,Globex,\n"
        let (table, problems) = CSVTable.parse(Array(text.utf8))
        #expect(problems.isEmpty)
        let parsed = try #require(table)
        #expect(parsed.header == ["Title", "Customer", "Body"])
        #expect(parsed.rows.map(\.cells) == [["Export, as CSV", "Acme", "two\r\nlines with \"quotes\""], ["Dark mode", "Globex", ""]])
        // The first record spans lines 2-3; the blank line 4 is skipped.
        #expect(parsed.rows.map(\.line) == [2, 5])
    }

    @Test func aLoneCRAndNoFinalLineBreak() throws {
        let (table, problems) = CSVTable.parse(Array("a,b\r1,2\r3,4".utf8))
        #expect(problems.isEmpty)
        #expect(table?.rows.map(\.cells) == [["1", "2"], ["3", "4"]])
    }

    @Test func badRowsAreLocatedAndTheOthersKept() throws {
        let text = "title,customer\nok,Acme\ntoo,many,fields\n\"bad\"x,Acme\nfine,Globex\n\"never closed,Acme\nlost,row\n"
        let (table, problems) = CSVTable.parse(Array(text.utf8))
        #expect(problems.map(\.line) == [3, 4, 6])
        #expect(problems[0].message == "3 fields where the header has 2")
        #expect(problems[1].message.hasPrefix("text after a closing quote"))
        #expect(problems[2].message == "a quoted field starts here and is never closed")
        #expect(table?.rows.map { $0.cells[0] } == ["ok", "fine"])
    }

    @Test func notUTF8NorUTF16() {
        #expect(CSVTable.parse([0xFF, 0xFE, 0x41, 0x00]).problems.first?.message == "the file is UTF-16; save it as UTF-8 CSV")
        let latin1 = CSVTable.parse(Array("title,customer\n".utf8) + [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72] + Array(",Acme\n".utf8))
        #expect(latin1.problems.map(\.description) == ["line 2: field 1 is not UTF-8 text; save the file as UTF-8 CSV"])
        #expect(CSVTable.parse([]).table == nil)
    }

    @Test func columnsByHeaderOrByFlag() throws {
        let columns = try RequestImport.columns(header: ["Subject", "Company", "Ticket URL", "Priority"], mapped: [:])
        #expect(columns.index[.title] == 0)
        #expect(columns.index[.customer] == 1)
        #expect(columns.index[.ticket] == 2)
        #expect(columns.ignored == ["Priority"])
        let mapped = try RequestImport.columns(header: ["Ask", "Who"], mapped: [.title: "ask", .customer: "Who"])
        #expect(mapped.index == [.title: 0, .customer: 1])
        #expect(throws: ToolFailure.self) { try RequestImport.columns(header: ["Ask", "Who"], mapped: [:]) }
        #expect(throws: ToolFailure.self) { try RequestImport.columns(header: ["title", "customer"], mapped: [.arr: "Revenue"]) }
    }
}
