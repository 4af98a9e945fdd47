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
    /// float32 on AVX-512 (6×32 tile), measured on Zen 5 (L1d 48 KiB, L2 1 MiB, L3 32 MiB shared): a 384×32 B panel
    /// (48 KiB) streams from L1/L2 while the 96×384 A block (144 KiB) stays in L2; NC = 1024 keeps the B block (1.5 MiB)
    /// close to L2 instead of spilling to L3 at n = 2048 (+6% there over NC = 4096; KC = 384 halves the C-tile passes
    /// of KC = 256 at equal speed elsewhere). See benchmarks/GemmLab and docs/gemm.md.
    /// </summary>
    public static GemmBlocking Float32 { get; set; } = new(96, 384, 1024);

    /// <summary>
    /// float64 on AVX-512 (6×16 tile): a 256×16 B panel (32 KiB) in L1, the 96×256 A block (192 KiB) in L2, a 4 MiB
    /// B block in L3 (the sweep in benchmarks/GemmLab found no setting reliably better on a loaded machine).
    /// </summary>
    public static GemmBlocking Float64 { get; set; } = new(96, 256, 2048);
}
