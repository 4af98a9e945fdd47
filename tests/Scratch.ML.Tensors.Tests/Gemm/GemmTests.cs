using System.Numerics;
using Scratch.ML.Cpu;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Gemm;

/// <summary>The fast <see cref="Cpu.Gemm.Multiply{T}"/> against the float64 triple loop of <see cref="ReferenceGemm"/>.</summary>
public class GemmTests
{
    /// <summary>Shapes (m, n, k) that cover single elements, every remainder of the 6×32 / 6×16 tiles, k beyond one KC block.</summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 2, 3, 7 }, { 3, 2, 1 }, { 7, 15, 17 }, { 15, 17, 31 }, { 31, 33, 63 }, { 33, 63, 65 },
        { 65, 31, 2 }, { 127, 129, 33 }, { 129, 127, 300 }, { 1, 255, 64 }, { 255, 1, 64 }, { 70, 257, 520 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float32AllTransposesMatchReference(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Check<float>(m, n, k, ta, tb, alpha: 1, beta: 0, seed: m * 31 + n * 7 + k);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float64AllTransposesMatchReference(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Check<double>(m, n, k, ta, tb, alpha: 1, beta: 0, seed: m * 31 + n * 7 + k);
    }

    [Theory]
    [InlineData(0.5, -1.5)]
    [InlineData(-2.0, 1.0)]
    [InlineData(1.0, 0.25)]
    public void AlphaBetaMatchReference(double alpha, double beta)
    {
        foreach (var (m, n, k) in new[] { (5, 9, 3), (37, 70, 290), (96, 64, 256) })
        {
            Check<float>(m, n, k, false, true, alpha, beta, seed: 3);
            Check<double>(m, n, k, true, false, alpha, beta, seed: 4);
        }
    }

    [Fact]
    public void RandomShapesAndStridesMatchReference()
    {
        var rng = new Random(20261121);
        for (int trial = 0; trial < 25; trial++)
        {
            int m = rng.Next(1, 90), n = rng.Next(1, 90), k = rng.Next(1, 300);
            bool ta = rng.Next(2) == 1, tb = rng.Next(2) == 1;
            double alpha = rng.Next(3) - 1.0 + 0.5, beta = rng.Next(3) - 1.0;
            int pad = rng.Next(0, 4);
            Check<float>(m, n, k, ta, tb, alpha, beta, seed: trial, pad: pad, colMajorC: rng.Next(2) == 1);
            Check<double>(m, n, k, ta, tb, alpha, beta, seed: trial, pad: pad, colMajorC: rng.Next(2) == 1);
        }
    }

    [Fact]
    public void GeneralStridesOnEveryOperand()
    {
        // Every operand has two non-unit strides (every other element of every third row), C included.
        const int m = 19, n = 41, k = 23;
        var rng = new Random(5);
        double[] a = Random(rng, 3 * m * 2 * k), b = Random(rng, 3 * k * 2 * n), c = Random(rng, 3 * m * 2 * n);
        var expect = ReferenceGemm.Multiply<double>(m, n, k, 1.5, a, 6 * k, 2, b, 6 * n, 2, -0.5, c, 6 * n, 2);
        var keep = (double[])c.Clone();
        Cpu.Gemm.Multiply<double>(m, n, k, 1.5, a, 6 * k, 2, b, 6 * n, 2, -0.5, c, 6 * n, 2);
        AssertC(expect, c, m, n, 6 * n, 2, Tolerance.Float64Gemm);
        var inView = new HashSet<int>();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) inView.Add(i * 6 * n + j * 2);
        for (int i = 0; i < c.Length; i++)
            if (!inView.Contains(i)) Assert.Equal(keep[i], c[i]); // elements outside the strided view are untouched
    }

    [Fact]
    public void BetaZeroIgnoresNaNInC()
    {
        foreach (var (m, n, k) in new[] { (7, 5, 3), (70, 90, 300) })
        {
            var rng = new Random(6);
            float[] a = Random(rng, m * k).Select(x => (float)x).ToArray(), b = Random(rng, k * n).Select(x => (float)x).ToArray();
            var c = Enumerable.Repeat(float.NaN, m * n).ToArray();
            Cpu.Gemm.Multiply<float>(m, n, k, 1f, a, k, 1, b, n, 1, 0f, c, n, 1);
            Assert.DoesNotContain(c, float.IsNaN);
            var z = Enumerable.Repeat(double.NaN, m * n).ToArray();
            Cpu.Gemm.Multiply<double>(m, n, k, 0.0, Random(rng, m * k), k, 1, Random(rng, k * n), n, 1, 0.0, z, n, 1);
            Assert.All(z, v => Assert.Equal(0.0, v)); // α = 0, β = 0: C ← 0 without reading A, B or C
        }
    }

    [Fact]
    public void ReferenceTwinAgreesWithFastPath()
    {
        const int m = 13, n = 37, k = 70;
        var rng = new Random(8);
        double[] a = Random(rng, m * k), b = Random(rng, k * n), c1 = Random(rng, m * n);
        var c2 = (double[])c1.Clone();
        Cpu.Gemm.Reference<double>(m, n, k, 0.5, a, 1, m, b, n, 1, 2.0, c1, n, 1);
        Cpu.Gemm.Multiply<double>(m, n, k, 0.5, a, 1, m, b, n, 1, 2.0, c2, n, 1);
        TensorAssert.Close<double>(c1, c2, Tolerance.Float64Gemm);
        // Element types without a packed kernel (Half) take the reference path.
        var h = new Half[m * n];
        Cpu.Gemm.Multiply<Half>(m, n, k, Half.One, Cast<Half>(a), 1, m, Cast<Half>(b), n, 1, Half.Zero, h, n, 1);
        Assert.DoesNotContain(h, Half.IsNaN);
    }

    [Fact]
    public void EmptyInnerDimensionScalesC()
    {
        var c = new double[] { 1, 2, 3, 4, 5, 6 };
        Cpu.Gemm.Multiply<double>(2, 3, 0, 1.0, [], 0, 1, [], 3, 1, 2.0, c, 3, 1);
        Assert.Equal(new double[] { 2, 4, 6, 8, 10, 12 }, c);
    }

    [Fact]
    public void BadArgumentsNameTheMatrix()
    {
        var x = new float[12];
        var e = Assert.Throws<ArgumentException>(() => Cpu.Gemm.Multiply<float>(4, 3, 3, 1f, x, 4, 1, x, 4, 1, 0f, x, 3, 1));
        Assert.Equal("a", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Cpu.Gemm.Multiply<float>(3, 4, 3, 1f, x, 3, 1, x, 4, 1, 0f, x, -4, 1));
        Assert.Equal("c", e.ParamName);
        Assert.Contains("negative strides", e.Message);
    }

    /// <summary>Generic over the element type: fills A, B, C with uniform values in [−1, 1) and compares with the twin.</summary>
    internal static void Check<T>(int m, int n, int k, bool transA, bool transB, double alpha, double beta, int seed,
        int pad = 0, bool colMajorC = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        // A stored as (m, k + pad) row-major, or transposed: (k, m + pad) row-major read with swapped strides.
        int ldA = (transA ? m : k) + pad, ldB = (transB ? k : n) + pad;
        T[] a = Cast<T>(Random(rng, (transA ? k : m) * ldA)), b = Cast<T>(Random(rng, (transB ? n : k) * ldB));
        int rsA = transA ? 1 : ldA, csA = transA ? ldA : 1, rsB = transB ? 1 : ldB, csB = transB ? ldB : 1;
        int ldC = (colMajorC ? m : n) + pad;
        T[] c = Cast<T>(Random(rng, (colMajorC ? n : m) * ldC));
        int rsC = colMajorC ? 1 : ldC, csC = colMajorC ? ldC : 1;
        var expect = ReferenceGemm.Multiply<T>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, beta, c, rsC, csC);
        Cpu.Gemm.Multiply(m, n, k, T.CreateTruncating(alpha), a, rsA, csA, b, rsB, csB, T.CreateTruncating(beta), c, rsC, csC);
        AssertC(expect, c, m, n, rsC, csC, GemmTolerance<T>(k));
    }

    /// <summary>The GEMM presets hold for k ≤ 1024 (error bound k·ε); larger k scales them linearly.</summary>
    internal static Tolerance GemmTolerance<T>(int k)
    {
        var tol = typeof(T) == typeof(float) ? Tolerance.Float32Gemm : Tolerance.Float64Gemm;
        return k <= 1024 ? tol : tol.Scaled(k / 1024.0, "rounding error grows with k");
    }

    internal static void AssertC<T>(double[] expect, T[] c, int m, int n, int rsC, int csC, Tolerance tol) where T : INumberBase<T>
    {
        var got = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) got[i * n + j] = double.CreateTruncating(c[i * rsC + j * csC]);
        TensorAssert.Close<double>(expect, got, tol, [m, n]);
    }

    internal static double[] Random(Random rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = rng.NextDouble() * 2 - 1;
        return x;
    }

    internal static T[] Cast<T>(double[] x) where T : INumberBase<T> => x.Select(T.CreateTruncating).ToArray();
}
