namespace Scratch.ML.Cpu;

/// <summary>
/// Cache block sizes of the Goto/BLIS loop nest: a kc×NR panel of B stays in L1 while the kernel sweeps the
/// MC×KC block of A (in L2); the KC×NC block of B lives in L3. MC is a multiple of MR and NC of NR.
/// </summary>
/// <param name="MC">Rows of A packed per block (L2 resident: MC·KC elements).</param>
/// <param name="KC">Depth of one rank-KC update (L1 holds KC·NR elements of B plus a KC·MR panel of A).</param>
/// <param name="NC">Columns of B packed per block (L3 resident: KC·NC elements).</param>
internal readonly record struct GemmBlocking(int MC, int KC, int NC)
{
    /// <summary>
    /// float32 on AVX-512 (6×32 tile), sized for Zen 5: L1d 48 KiB holds the 256×32 B panel (32 KiB) and a 6×256 A
    /// panel (6 KiB); L2 1 MiB holds the MC×KC = 192×256 A block (192 KiB) with room for B panels streaming through;
    /// NC·KC = 4096×256 B block (4 MiB) in the 32 MiB shared L3.
    /// </summary>
    public static GemmBlocking Float32 { get; set; } = new(192, 256, 4096);

    /// <summary>float64 on AVX-512 (6×16 tile): the same byte budgets as float32 with half as many elements per line.</summary>
    public static GemmBlocking Float64 { get; set; } = new(96, 256, 2048);
}
