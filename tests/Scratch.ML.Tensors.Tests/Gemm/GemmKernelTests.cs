using System.Numerics;
using Scratch.ML.Cpu;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Gemm;

/// <summary>
/// Each micro-kernel family through the loop nest with small block sizes (so every loop of the nest runs several
/// times and every block has an edge), and the thread-count independence of the result.
/// </summary>
public unsafe class GemmKernelTests
{
    private static readonly GemmBlocking Tiny = new(MC: 20, KC: 37, NC: 70);

    [Fact]
    public void Avx512KernelsMatchReference()
    {
        if (!Avx512F32Kernel.IsSupported) return; // the machine cannot run it; the AVX2 and portable tests still cover the nest
        Run<float, Avx512F32Kernel>();
        Run<double, Avx512F64Kernel>();
    }

    [Fact]
    public void Avx2KernelsMatchReference()
    {
        if (!Avx2F32Kernel.IsSupported) return;
        Run<float, Avx2F32Kernel>();
        Run<double, Avx2F64Kernel>();
    }

    [Fact]
    public void PortableKernelsMatchReference()
    {
        Run<float, PortableKernel<float>>();
        Run<double, PortableKernel<double>>();
    }

    private static void Run<T, TKernel>() where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IGemmKernel<T>
    {
        foreach (var (m, n, k, beta) in new[] { (1, 1, 1, 0.0), (45, 151, 80, 0.0), (61, 73, 111, -0.5), (6, 32, 37, 1.0) })
        {
            var rng = new Random(m + n + k);
            T[] a = GemmTests.Cast<T>(GemmTests.Random(rng, m * k)), b = GemmTests.Cast<T>(GemmTests.Random(rng, n * k));
            T[] c = GemmTests.Cast<T>(GemmTests.Random(rng, m * n));
            // B transposed (column-major), C row-major.
            var expect = ReferenceGemm.Multiply<T>(m, n, k, 0.75, a, k, 1, b, 1, k, beta, c, n, 1);
            fixed (T* pa = a, pb = b, pc = c)
                GemmDriver<T, TKernel>.Sequential(m, n, k, T.CreateTruncating(0.75), pa, k, 1, pb, 1, k, T.CreateTruncating(beta), pc, n, 1, Tiny);
            GemmTests.AssertC(expect, c, m, n, n, 1, GemmTests.GemmTolerance<T>(k));
        }
    }

    [Theory]
    [InlineData(300, 200, 500)]   // n < m: row stripes
    [InlineData(129, 257, 300)]   // n ≥ m: column stripes, odd edges
    [InlineData(1000, 70, 64)]
    public void OneAndTwoThreadsAgreeBitwise(int m, int n, int k)
    {
        var rng = new Random(m ^ n ^ k);
        float[] a = GemmTests.Cast<float>(GemmTests.Random(rng, m * k)), b = GemmTests.Cast<float>(GemmTests.Random(rng, k * n));
        double[] ad = GemmTests.Random(rng, m * k), bd = GemmTests.Random(rng, k * n);
        int saved = Parallelism.MaxThreads;
        try
        {
            float[] c1 = new float[m * n], c2 = new float[m * n];
            double[] d1 = new double[m * n], d2 = new double[m * n];
            Parallelism.MaxThreads = 1;
            Cpu.Gemm.Multiply<float>(m, n, k, 1f, a, k, 1, b, n, 1, 0f, c1, n, 1);
            Cpu.Gemm.Multiply<double>(m, n, k, 1.0, ad, 1, m, bd, n, 1, 0.0, d1, n, 1);
            Parallelism.MaxThreads = 2;
            Cpu.Gemm.Multiply<float>(m, n, k, 1f, a, k, 1, b, n, 1, 0f, c2, n, 1);
            Cpu.Gemm.Multiply<double>(m, n, k, 1.0, ad, 1, m, bd, n, 1, 0.0, d2, n, 1);
            Assert.Equal(c1, c2);
            Assert.Equal(d1, d2);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
