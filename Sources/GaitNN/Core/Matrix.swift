/// A row-major matrix of `Float`, used for batches (one row per sample).
///
/// A matrix is a reusable buffer: `resize(rows:)` changes the number of rows without
/// allocating while the capacity suffices, so a network that keeps its matrices allocates
/// nothing once it has seen its largest batch.
public final class Matrix {
    /// The number of rows (samples).
    public private(set) var rows: Int
    /// The number of columns (features).
    public let columns: Int
    /// The first element; row r starts at `values + r * columns`.
    public private(set) var values: UnsafeMutablePointer<Float>
    private var capacity: Int

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns > 0, "a matrix needs a positive number of columns")
        self.rows = rows
        self.columns = columns
        capacity = max(rows * columns, 1)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
    }

    /// A matrix holding `elements` row by row.
    public convenience init(rows: Int, columns: Int, elements: [Float]) {
        precondition(elements.count == rows * columns, "expected \(rows * columns) elements, got \(elements.count)")
        self.init(rows: rows, columns: columns)
        elements.withUnsafeBufferPointer { values.update(from: $0.baseAddress!, count: elements.count) }
    }

    deinit { values.deallocate() }

    /// The number of elements.
    public var count: Int { rows * columns }

    /// Changes the number of rows; grows the buffer only when it is too small. New contents are
    /// unspecified.
    public func resize(rows newRows: Int) {
        precondition(newRows >= 0, "a matrix cannot have negative rows")
        if newRows * columns > capacity {
            values.deallocate()
            capacity = newRows * columns
            values = .allocate(capacity: capacity)
            values.initialize(repeating: 0, count: capacity)
        }
        rows = newRows
    }

    /// The element in row `row`, column `column`.
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The elements, row by row (allocates; for tests and I/O, not hot loops).
    public var elements: [Float] { Array(UnsafeBufferPointer(start: values, count: count)) }

    /// Copies `source` (same shape) into this matrix.
    public func copy(from source: Matrix) {
        resize(rows: source.rows)
        precondition(source.columns == columns, "copying a \(source.columns)-column matrix into \(columns) columns")
        values.update(from: source.values, count: count)
    }
}

extension Matrix {
    /// Fills this matrix with `left` and `right` side by side (same rows; columns add up).
    public func concatenate(_ left: Matrix, _ right: Matrix) {
        precondition(left.rows == right.rows && left.columns + right.columns == columns, "shapes do not add up")
        resize(rows: left.rows)
        for row in 0..<rows {
            (values + row * columns).update(from: left.values + row * left.columns, count: left.columns)
            (values + row * columns + left.columns).update(from: right.values + row * right.columns, count: right.columns)
        }
    }

    /// Fills this matrix with columns `start ..< start + columns` of `source`.
    public func copyColumns(of source: Matrix, from start: Int) {
        precondition(start + columns <= source.columns, "the columns lie outside the source")
        resize(rows: source.rows)
        for row in 0..<rows {
            (values + row * columns).update(from: source.values + row * source.columns + start, count: columns)
        }
    }
}
