using Scratch.ML.Cpu;

// v4 — the same loop nest with the AVX-512 6×32 (f32) / 6×16 (f64) kernel: 12 zmm accumulators.
// This is what Gemm.Multiply runs on AVX-512 machines (src/Scratch.ML.Tensors/Cpu/Gemm).
// Changes: 512-bit FMAs (Zen 5 has two 512-bit FMA pipes, so 256-bit code reaches only half the peak).
// Measured (Zen 5, 1T, best of runs), in the order the changes went in:
//   v4a first version (scalar packing):             f32 210 GFLOP/s at n = 512, 192 at 1024; f64 100 / 92.
//   v4b + prefetch of the C tile at kernel start,
//       + row-major A packed from 6 parallel streams: f32 228 at 512 (loaded machine).
//   v4c + AVX 8×8 in-register transpose to pack
//         row-major float32 A (PackA 1.2× faster):    f32 225 at 256 (from 211), 231 at 512.
// Slices of n = 1024 (192×1024×256: one MC×KC block of A against the full B row) run at 220–225 GFLOP/s, so
// the kernel and blocking hold ~92% of the 241 GFLOP/s peak at that width. Full tables: docs/performance/gemm.md.
namespace GemmLab;

public sealed unsafe class V4PackedAvx512 : ILabKernel
{
    public string Name => "v4";
    public string Description => "packed Goto/BLIS, AVX-512 6x32 / 6x16 kernel";

    public void Multiply(int m, int n, int k, float[] a, float[] b, float[] c)
    {
        fixed (float* pa = a, pb = b, pc = c)
            GemmDriver<float, Avx512F32Kernel>.Run(m, n, k, 1f, pa, k, 1, pb, n, 1, 0f, pc, n, 1, GemmBlocking.Float32);
    }

    public void Multiply(int m, int n, int k, double[] a, double[] b, double[] c)
    {
        fixed (double* pa = a, pb = b, pc = c)
            GemmDriver<double, Avx512F64Kernel>.Run(m, n, k, 1.0, pa, k, 1, pb, n, 1, 0.0, pc, n, 1, GemmBlocking.Float64);
    }
}
