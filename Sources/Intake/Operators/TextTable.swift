/// A plain-text table for terminals: a header row, a rule, left-aligned text columns and
/// right-aligned numeric ones, cells clipped to a maximum width with `…`.
public struct TextTable: Sendable {
    /// One column.
    public struct Column: Sendable {
        /// The header.
        public var title: String
        /// Right-aligned (numbers, durations).
        public var alignRight: Bool
        /// Cells longer than this are clipped.
        public var maxWidth: Int

        /// Creates a column.
        public init(_ title: String, alignRight: Bool = false, maxWidth: Int = 40) {
            self.title = title
            self.alignRight = alignRight
            self.maxWidth = maxWidth
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The rows (each as many cells as columns; missing cells are empty).
    public var rows: [[String]] = []

    /// Creates an empty table.
    public init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Appends a row.
    public mutating func append(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as lines joined with `\n`, with a trailing newline.
    public func render() -> String {
        let clipped = rows.map { row in
            columns.indices.map { index -> String in
                let cell = index < row.count ? row[index].replacingOccurrences(of: "\n", with: " ") : ""
                let limit = max(1, columns[index].maxWidth)
                return cell.count > limit ? String(cell.prefix(limit - 1)) + "…" : cell
            }
        }
        let widths = columns.indices.map { index in
            max(columns[index].title.count, clipped.map { $0[index].count }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { index -> String in
                let padding = String(repeating: " ", count: widths[index] - cells[index].count)
                return columns[index].alignRight ? padding + cells[index] : cells[index] + padding
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        var out = line(columns.map(\.title)) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in clipped { out += line(row) + "\n" }
        return out
    }
}
