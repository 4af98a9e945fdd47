namespace Scratch.ML.Cpu;

/// <summary>
/// A GEMM micro-kernel: multiplies one packed MR×kc panel of A by one packed kc×NR panel of B, keeping the MR×NR
/// block of C in registers for the whole kc loop, then writes it to memory once.
/// </summary>
/// <remarks>
/// Packed layouts (see <see cref="GemmPacking"/>): A panel element (i, p) is <c>a[p·MR + i]</c>, B panel element
/// (p, j) is <c>b[p·NR + j]</c>. The kernel writes a full MR×NR tile with unit column stride:
/// <c>c[i·rsC + j] = α·acc(i, j)</c> when β = 0 (C not read), otherwise <c>fma(acc, α, β·c)</c>. Every C element is an
/// FMA chain over p in order, so the result does not depend on which tile, block or thread computed it.
/// </remarks>
internal unsafe interface IGemmKernel<T> where T : unmanaged
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile (a multiple of the vector width).</summary>
    static abstract int NR { get; }

    /// <summary>Whether the instructions this kernel uses run on this machine.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>Computes one MR×NR tile of C from packed panels (see the remarks of the interface).</summary>
    static abstract void Run(int kc, T* a, T* b, T* c, nint rsC, T alpha, T beta);
}
