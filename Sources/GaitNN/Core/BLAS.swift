internal import COpenBLAS

/// Matrix products through OpenBLAS, single-threaded (Gait parallelises above BLAS).
enum BLAS {
    /// Sets OpenBLAS to one thread; evaluated once, before the first product.
    static let singleThreaded: Void = openblas_set_num_threads(1)

    /// C = alpha · op(A) · op(B) + beta · C, all row-major; op(X) is X or Xᵀ, and at least one
    /// of A and B is transposed (see `product` for why).
    /// op(A) is m×k, op(B) is k×n, C is m×n; `lda`, `ldb`, `ldc` are the stored row lengths.
    @inline(__always)
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = singleThreaded
        assert(transposeA || transposeB, "an untransposed product allocates on AVX-512 cores; use product(…)")
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C = A · B (row-major, A m×k, B k×n, C overwritten), computed as C = (Bᵀ·Aᵀ)ᵀ: the product
    /// of transposed operands goes to `scratch` (n×m elements), then is transposed into C.
    ///
    /// OpenBLAS's AVX-512 small-matrix kernel for untransposed operands (0.3.21, SkylakeX and
    /// Cooperlake cores) allocates and frees a packing buffer on every call; its kernels for
    /// transposed operands, and every kernel of the other cores, allocate nothing. Gait never
    /// asks OpenBLAS for an untransposed product, so its hot loops allocate nothing on any core.
    @inline(__always)
    static func product(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>) {
        gemm(transposeA: true, transposeB: true, m: n, n: m, k: k, a: b, lda: ldb, b: a, ldb: lda, beta: 0,
             c: scratch, ldc: m)
        cblas_somatcopy(CblasRowMajor, CblasTrans, Int32(n), Int32(m), 1, scratch, Int32(m), c, Int32(ldc))
    }

    /// y = alpha · op(A) · x + beta · y with A row-major m×n (op(A) = A or Aᵀ).
    @inline(__always)
    static func gemv(transpose: Bool, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                     x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
        _ = singleThreaded
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda),
                    x, 1, beta, y, 1)
    }
}
