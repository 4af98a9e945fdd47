using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.ML.Cpu;

/// <summary>
/// Matrix-vector product on host memory: <c>y ← α·A·x + β·y</c> with A: (m, k) addressed by (row stride, column
/// stride), x of length k with stride incX and y of length m with stride incY. GEMV reads each element of A once, so
/// it is memory bound: the fast path streams A in its storage order with SIMD and never packs.
/// </summary>
/// <remarks>
/// Row-major A (column stride 1): one SIMD dot product per row. Column-major A (row stride 1): y accumulates
/// x[p]·A[:, p] column after column. Other layouts gather rows into a buffer first. When β = 0, y is not read.
/// Rows are split into fixed 256-row chunks for threads, so results do not depend on the thread count.
/// </remarks>
public static class Gemv
{
    private const int RowChunk = 256;

    /// <summary>Computes <c>y ← α·A·x + β·y</c>.</summary>
    /// <exception cref="ArgumentException">A dimension or stride is negative, or a span is too short for its layout.</exception>
    public static void Multiply<T>(int m, int k, T alpha, ReadOnlySpan<T> a, int rowStrideA, int colStrideA,
        ReadOnlySpan<T> x, int incX, T beta, Span<T> y, int incY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(m, k, a.Length, rowStrideA, colStrideA, "a");
        Validate(1, k, x.Length, 0, incX, "x");
        Validate(1, m, y.Length, 0, incY, "y");
        if (m == 0) return;
        // Gather strided x and y into contiguous buffers (k + m elements, pooled), compute, scatter y back.
        T[] xBuf = ArrayPool<T>.Shared.Rent(k), yBuf = ArrayPool<T>.Shared.Rent(m);
        try
        {
            Span<T> xs = xBuf.AsSpan(0, k), ys = yBuf.AsSpan(0, m);
            for (int p = 0; p < k; p++) xs[p] = x[p * incX];
            Contiguous(m, k, a, rowStrideA, colStrideA, xs, ys);
            bool overwrite = T.IsZero(beta);
            for (int i = 0; i < m; i++)
            {
                ref T yi = ref y[i * incY];
                yi = overwrite ? ys[i] * alpha : T.FusedMultiplyAdd(ys[i], alpha, yi * beta);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(xBuf);
            ArrayPool<T>.Shared.Return(yBuf);
        }
    }

    /// <summary>The readable twin: one in-order dot product per row.</summary>
    public static void Reference<T>(int m, int k, T alpha, ReadOnlySpan<T> a, int rowStrideA, int colStrideA,
        ReadOnlySpan<T> x, int incX, T beta, Span<T> y, int incY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            T sum = T.Zero;
            for (int p = 0; p < k; p++) sum += a[i * rowStrideA + p * colStrideA] * x[p * incX];
            ref T yi = ref y[i * incY];
            yi = T.IsZero(beta) ? alpha * sum : alpha * sum + beta * yi;
        }
    }

    /// <summary>ys ← A·xs for contiguous xs, ys; A in any non-negative layout.</summary>
    private static unsafe void Contiguous<T>(int m, int k, ReadOnlySpan<T> a, int rsA, int csA, ReadOnlySpan<T> xs, Span<T> ys)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunks = (m + RowChunk - 1) / RowChunk;
        bool parallel = (long)m * k >= Parallelism.ElementwiseThreshold && chunks > 1;
        fixed (T* pa = a, px = xs, py = ys)
        {
            nint ia = (nint)pa, ix = (nint)px, iy = (nint)py;
            int length = a.Length;
            void Chunk(int t)
            {
                int i0 = t * RowChunk, rows = Math.Min(RowChunk, m - i0);
                var av = new ReadOnlySpan<T>((T*)ia, length);
                var xv = new ReadOnlySpan<T>((T*)ix, k);
                var yv = new Span<T>((T*)iy + i0, rows);
                Rows(i0, rows, k, av, rsA, csA, xv, yv);
            }
            if (parallel) Parallelism.For(chunks, Chunk);
            else for (int t = 0; t < chunks; t++) Chunk(t);
        }
    }

    private static void Rows<T>(int i0, int rows, int k, ReadOnlySpan<T> a, int rsA, int csA, ReadOnlySpan<T> xs, Span<T> ys)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k == 0) { ys.Clear(); return; }
        if (csA == 1)
        {
            for (int i = 0; i < rows; i++) ys[i] = TensorPrimitives.Dot(a.Slice((i0 + i) * rsA, k), xs);
        }
        else if (rsA == 1)
        {
            // Column-major: y[i0..i0+rows] += x[p]·A[i0.., p] for p in order (an axpy per column).
            ys.Clear();
            for (int p = 0; p < k; p++)
            {
                var column = a.Slice(i0 + p * csA, rows);
                TensorPrimitives.FusedMultiplyAdd(column, xs[p], ys, ys);
            }
        }
        else
        {
            T[] row = ArrayPool<T>.Shared.Rent(k);
            for (int i = 0; i < rows; i++)
            {
                int o = (i0 + i) * rsA;
                for (int p = 0; p < k; p++) row[p] = a[o + p * csA];
                ys[i] = TensorPrimitives.Dot(row.AsSpan(0, k), xs);
            }
            ArrayPool<T>.Shared.Return(row);
        }
    }

    private static void Validate(int rows, int cols, int length, int rowStride, int colStride, string name)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentException($"Gemv: {name} has negative dimensions ({rows}, {cols}).", name);
        if (rowStride < 0 || colStride < 0)
            throw new ArgumentException($"Gemv: {name} has negative strides ({rowStride}, {colStride}); make it contiguous first.", name);
        if (rows == 0 || cols == 0) return;
        long last = (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride;
        if (last >= length)
            throw new ArgumentException($"Gemv: {name} of shape ({rows}, {cols}) with strides ({rowStride}, {colStride}) needs {last + 1} elements but its span has {length}.", name);
    }
}
