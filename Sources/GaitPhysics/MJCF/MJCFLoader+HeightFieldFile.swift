import Foundation
import GaitFoundation

extension MJCFLoader {
    /// The grid a height field reads from `path`: a PNG image (`HeightFieldPNG`; its top
    /// row at +y, as MuJoCo's compiler flips it) or MuJoCo's binary format: int32 rows, int32
    /// columns, then rows × columns float32 samples, row-major, row 0 at −y (kept in that order,
    /// as MuJoCo's compiler keeps it). The path is relative to the compiler's `meshdir` (or
    /// `assetdir`) in the model file's folder and must stay in that folder's tree.
    mutating func readHeightFieldFile(_ path: String, of element: XMLElementNode) throws(ModelError) -> (rows: Int, columns: Int, samples: [Double]) {
        func refuse(_ why: String) -> ModelError { error(element, .assetFile(why)) }
        let bytes = try assetFileBytes(path, of: element, kind: "height-field", limit: 8 + 4 * Model.HeightField.maximumSamples)
        guard !path.lowercased().hasSuffix(".png") else {
            let image: HeightFieldPNG
            do { image = try HeightFieldPNG(bytes: bytes, maximumPixels: Model.HeightField.maximumSamples) } catch {
                throw refuse("'\(path)' cannot be read as a height field: \(error.reason)")
            }
            guard image.width >= 2, image.height >= 2 else {
                throw refuse("'\(path)' is \(image.width) × \(image.height) pixels; a height field needs at least 2 × 2")
            }
            return (image.height, image.width, Self.bottomRowFirst(image.levels.map(Double.init), columns: image.width))
        }
        var reader = ByteReader(bytes: bytes, truncation: refuse("'\(path)' is shorter than the 8-byte header of MuJoCo's binary height-field format (int32 nrow, int32 ncol)"))
        let rows = Int(Int32(bitPattern: try reader.u32())), columns = Int(Int32(bitPattern: try reader.u32()))
        guard rows >= 2, columns >= 2 else {
            throw refuse("'\(path)' gives \(rows) × \(columns) samples; a height field needs at least 2 × 2")
        }
        guard rows * columns <= Model.HeightField.maximumSamples else {
            throw refuse("'\(path)' gives \(rows) × \(columns) samples; a height field holds at most \(Model.HeightField.maximumSamples)")
        }
        guard bytes.count == 8 + 4 * rows * columns else {
            throw refuse("'\(path)' holds \(bytes.count) bytes; its \(rows) × \(columns) float32 samples and header take \(8 + 4 * rows * columns)")
        }
        let samples = try reader.floats(rows * columns).map(Double.init)
        if let bad = samples.firstIndex(where: { !$0.isFinite }) {
            throw refuse("'\(path)' has a sample that is not a finite number (\(samples[bad]) at row \(bad / columns), column \(bad % columns))")
        }
        return (rows, columns, samples)
    }
}
