using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.LinearAlgebra.LinalgTestData;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Structured inputs that take the degenerate branches: zero columns (τ = 0 reflectors), exact zeros, repeated values, views.</summary>
public class SpecialMatrixTests
{
    public static TheoryData<string> Kinds => ["zero", "identity", "diagonal", "ones", "upper", "permutation"];

    private static Tensor<double> Make(string kind, int n)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i * n + j] = kind switch
                {
                    "identity" => i == j ? 1 : 0,
                    "diagonal" => i == j ? (i % 2 == 0 ? i + 1 : -(i + 1)) : 0,
                    "ones" => 1,
                    "upper" => j >= i ? 1 + i + j : 0,
                    "permutation" => j == (i + 1) % n ? 1 : 0,
                    _ => 0,
                };
        return Tensor.Wrap(a, n, n);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void DecompositionsReconstruct(string kind)
    {
        foreach (int n in new[] { 1, 4, 7 })
        {
            var a = Make(kind, n);
            var ad = ToDouble(a);
            var tol = Tolerance.Float64Decomposition;
            var (q, r) = Linalg.Qr(a);
            AssertOrthonormalColumns(ToDouble(q), tol, $"{kind} Q");
            AssertClose(ad, Mul(ToDouble(q), ToDouble(r)), tol, $"{kind} QR");
            var (u, s, vh) = Linalg.Svd(a);
            AssertOrthonormalColumns(ToDouble(u), tol, $"{kind} U");
            AssertOrthonormalColumns(Transpose(ToDouble(vh)), tol, $"{kind} V");
            var us = ToDouble(u);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) us[i, j] *= s[j];
            AssertClose(ad, Mul(us, ToDouble(vh)), tol, $"{kind} UΣVᵀ");
            var lu = Linalg.Lu(a);
            AssertClose(Mul(ToDouble(lu.P), ad), Mul(ToDouble(lu.L), ToDouble(lu.U)), tol, $"{kind} PA = LU");
            var e = Linalg.Eigvals(a);
            double sum = e.Real.ToArray().Sum(), trace = 0;
            for (int i = 0; i < n; i++) trace += ad[i, i];
            Assert.True(tol.IsClose(sum, trace), $"{kind}: Σλ = {sum}, trace = {trace}");
            if (kind is "upper" or "permutation") continue; // not symmetric
            var (w, v) = Linalg.Eigh(a);
            var vd = ToDouble(v);
            AssertOrthonormalColumns(vd, tol, $"{kind} eigenvectors");
            var vl = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) vl[i, j] = vd[i, j] * w[j];
            AssertClose(Mul(ad, vd), vl, tol, $"{kind} AV = VΛ");
        }
    }

    [Fact]
    public void PermutationEigenvaluesAreRootsOfUnity()
    {
        // The cyclic shift of order 5 has eigenvalues exp(2πik/5): |λ| = 1, Σλ = 0.
        var e = Linalg.Eigvals(Make("permutation", 5));
        for (int i = 0; i < 5; i++)
        {
            double mod = Math.Sqrt(e.Real[i] * e.Real[i] + e.Imaginary[i] * e.Imaginary[i]);
            Assert.True(Tolerance.Float64Decomposition.IsClose(mod, 1.0), $"|λ{i}| = {mod}");
        }
    }

    [Fact]
    public void ViewsAreAcceptedAsInputs()
    {
        var a = Random<double>(6, 6, seed: 8);
        var at = a.MT; // transposed view, non-contiguous
        var b = Random<double>(6, 2, seed: 9);
        var expected = Linalg.Solve(at.Contiguous(), b);
        TensorAssert.Close(expected, Linalg.Solve(at, b), Tolerance.Exact);
        var strided = Random<double>(12, 6, seed: 10)[TensorIndex.Slice(null, null, 2), ..];
        TensorAssert.Close(Linalg.SvdValues(strided.Contiguous()), Linalg.SvdValues(strided), Tolerance.Exact);
    }

    [Fact]
    public void FloatEigvalsOfCompanionMatrix()
    {
        // Companion matrix of (x − 1)(x − 2)(x − 3) = x³ − 6x² + 11x − 6.
        var c = Tensor.FromArray(new float[,] { { 6, -11, 6 }, { 1, 0, 0 }, { 0, 1, 0 } });
        var e = Linalg.Eigvals(c);
        var re = e.Real.ToArray().Order().ToArray();
        for (int i = 0; i < 3; i++) Assert.True(Tolerance.Float32Decomposition.IsClose(re[i], i + 1), $"λ{i} = {re[i]}");
        Assert.All(e.Imaginary.ToArray(), x => Assert.Equal(0f, x));
    }

    [Fact]
    public void EigvalsOfBadlyScaledMatrixAreAccurate()
    {
        // A = D·B·D⁻¹ with D = diag(1, 10⁶, 10⁻⁶, 10³): same eigenvalues as the symmetric B, entries spanning 10²⁴.
        var b = Symmetric<double>(4, seed: 21);
        double[] dd = [1, 1e6, 1e-6, 1e3];
        var a = new double[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) a[i * 4 + j] = dd[i] * b[i, j] / dd[j];
        var e = Linalg.Eigvals(Tensor.Wrap(a, 4, 4));
        var expected = Linalg.Eigvalsh(b).ToArray();
        var actual = e.Real.ToArray().Order().ToArray();
        for (int i = 0; i < 4; i++)
            Assert.True(Tolerance.Float64Decomposition.IsClose(actual[i], expected[i]), $"λ{i}: {actual[i]} vs {expected[i]}");
        Assert.All(e.Imaginary.ToArray(), x => Assert.Equal(0.0, x));
    }
}
