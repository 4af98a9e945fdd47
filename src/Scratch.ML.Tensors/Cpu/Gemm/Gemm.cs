using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.ML.Cpu;

/// <summary>
/// General matrix multiply on host memory: <c>C ← α·A·B + β·C</c> with A: (m, k), B: (k, n), C: (m, n), each addressed
/// by (row stride, column stride) so transposed operands are just swapped strides (handled by packing, no copies).
/// </summary>
/// <remarks>
/// Element (i, j) of A is <c>a[i·rowStrideA + j·colStrideA]</c>; strides must be non-negative. When β = 0, C is
/// overwritten without being read (NaNs in C do not propagate), as in BLAS; when α = 0 or k = 0, A and B are not read.
/// <para>
/// float32 and float64 run the packed, cache-blocked Goto/BLIS loop nest (<see cref="GemmDriver{T, TKernel}"/>) with
/// an AVX-512, AVX2 or portable <c>Vector&lt;T&gt;</c> micro-kernel, on up to <see cref="Parallelism.MaxThreads"/>
/// threads for products of at least 64³ multiply-adds; other element types run <see cref="Reference{T}"/>. Each C
/// element is one fused multiply-add chain over k, so results are bitwise identical for any thread count (but may
/// differ in the last bits between the AVX-512, AVX2 and portable kernels). See docs/gemm.md.
/// </para>
/// </remarks>
public static unsafe partial class Gemm
{
    /// <summary>Computes <c>C ← α·A·B + β·C</c>.</summary>
    /// <exception cref="ArgumentException">A dimension or stride is negative, or a span is too short for its layout.</exception>
    public static void Multiply<T>(int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int rowStrideA, int colStrideA,
        ReadOnlySpan<T> b, int rowStrideB, int colStrideB,
        T beta, Span<T> c, int rowStrideC, int colStrideC) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(m, k, a.Length, rowStrideA, colStrideA, "a");
        Validate(k, n, b.Length, rowStrideB, colStrideB, "b");
        Validate(m, n, c.Length, rowStrideC, colStrideC, "c");
        if (m == 0 || n == 0) return;
        if (typeof(T) == typeof(float))
            Dispatch(m, n, k, Unsafe.BitCast<T, float>(alpha), MemoryMarshal.Cast<T, float>(a), rowStrideA, colStrideA,
                MemoryMarshal.Cast<T, float>(b), rowStrideB, colStrideB, Unsafe.BitCast<T, float>(beta),
                MemoryMarshal.Cast<T, float>(c), rowStrideC, colStrideC);
        else if (typeof(T) == typeof(double))
            Dispatch(m, n, k, Unsafe.BitCast<T, double>(alpha), MemoryMarshal.Cast<T, double>(a), rowStrideA, colStrideA,
                MemoryMarshal.Cast<T, double>(b), rowStrideB, colStrideB, Unsafe.BitCast<T, double>(beta),
                MemoryMarshal.Cast<T, double>(c), rowStrideC, colStrideC);
        else
            Reference(m, n, k, alpha, a, rowStrideA, colStrideA, b, rowStrideB, colStrideB, beta, c, rowStrideC, colStrideC);
    }

    /// <summary>
    /// The slow, obviously-correct twin: a triple loop accumulating each dot product in order. The fast kernel is
    /// tested against it (and against a float64 version in the testing package).
    /// </summary>
    public static void Reference<T>(int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int rowStrideA, int colStrideA,
        ReadOnlySpan<T> b, int rowStrideB, int colStrideB,
        T beta, Span<T> c, int rowStrideC, int colStrideC) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[i * rowStrideA + p * colStrideA] * b[p * rowStrideB + j * colStrideB];
                ref T cij = ref c[i * rowStrideC + j * colStrideC];
                cij = T.IsZero(beta) ? alpha * sum : alpha * sum + beta * cij;
            }
    }

    private static void Validate(int rows, int cols, int length, int rowStride, int colStride, string name)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentException($"Gemm: matrix {name} has negative dimensions ({rows}, {cols}).", name);
        if (rowStride < 0 || colStride < 0)
            throw new ArgumentException($"Gemm: matrix {name} has negative strides ({rowStride}, {colStride}); make it contiguous first.", name);
        if (rows == 0 || cols == 0) return;
        long last = (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride;
        if (last >= length)
            throw new ArgumentException($"Gemm: matrix {name} of shape ({rows}, {cols}) with strides ({rowStride}, {colStride}) needs {last + 1} elements but its span has {length}.", name);
    }
}
