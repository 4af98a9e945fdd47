using System.Numerics;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.LinearAlgebra.LinalgTestData;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Eigendecompositions and the SVD: reconstruction, orthonormality, ordering.</summary>
public class SpectralTests
{
    public static TheoryData<int> Sizes => [1, 2, 3, 5, 16, 33, 130];
    public static TheoryData<int> SmallSizes => [1, 2, 3, 5, 16, 33];

    [Theory, MemberData(nameof(Sizes))]
    public void EighDiagonalisesDouble(int n) => CheckEigh<double>(n);

    [Theory, MemberData(nameof(SmallSizes))]
    public void EighDiagonalisesFloat(int n) => CheckEigh<float>(n);

    private static void CheckEigh<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Symmetric<T>(n, seed: n + 40);
        var (w, v) = Linalg.Eigh(a);
        var vd = ToDouble(v);
        var wd = w.ToArray().Select(x => double.CreateChecked(x)).ToArray();
        for (int i = 1; i < n; i++) Assert.True(wd[i - 1] <= wd[i], "ascending eigenvalues");
        AssertOrthonormalColumns(vd, Tol<T>(n), "V");
        var vl = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) vl[i, j] = vd[i, j] * wd[j];
        AssertClose(Mul(ToDouble(a), vd), vl, Tol<T>(n), "AV = VΛ");
        TensorAssert.Close(w, Linalg.Eigvalsh(a), Tol<T>(n));
    }

    [Fact]
    public void EighOfRepeatedEigenvalues()
    {
        // Identity plus a rank-one term: eigenvalues 1 (n − 1 times) and 1 + n.
        int n = 6;
        var a = Tensor.Eye<double>(n) + Tensor.Ones<double>(n, n);
        var (w, v) = Linalg.Eigh(a);
        for (int i = 0; i < n - 1; i++) Assert.True(Tolerance.Float64Decomposition.IsClose(w[i], 1.0));
        Assert.True(Tolerance.Float64Decomposition.IsClose(w[n - 1], 1.0 + n));
        AssertOrthonormalColumns(ToDouble(v), Tolerance.Float64Decomposition, "V");
    }

    public static TheoryData<int, int> SvdShapes => new()
    {
        { 1, 1 }, { 2, 2 }, { 3, 3 }, { 1, 5 }, { 5, 1 }, { 7, 4 }, { 4, 7 }, { 25, 25 }, { 40, 13 }, { 13, 40 }, { 120, 100 },
    };

    [Theory, MemberData(nameof(SvdShapes))]
    public void SvdReconstructsDouble(int m, int n)
    {
        CheckSvd<double>(m, n, full: false);
        if (m < 100) CheckSvd<double>(m, n, full: true);
    }

    [Theory, MemberData(nameof(SvdShapes))]
    public void SvdReconstructsFloat(int m, int n)
    {
        if (m > 100) return;
        CheckSvd<float>(m, n, full: false);
        CheckSvd<float>(m, n, full: true);
    }

    private static void CheckSvd<T>(int m, int n, bool full) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Random<T>(m, n, seed: 17 * m + n);
        var (u, s, vh) = Linalg.Svd(a, full);
        int k = Math.Min(m, n);
        Assert.Equal(full ? [m, m] : new[] { m, k }, u.ShapeArray());
        Assert.Equal(full ? [n, n] : new[] { k, n }, vh.ShapeArray());
        var tol = Tol<T>(Math.Max(m, n));
        var ud = ToDouble(u);
        var vhd = ToDouble(vh);
        AssertOrthonormalColumns(ud, tol, "U");
        AssertOrthonormalColumns(Transpose(vhd), tol, "V");
        var sd = s.ToArray().Select(x => double.CreateChecked(x)).ToArray();
        for (int i = 1; i < k; i++) Assert.True(sd[i - 1] >= sd[i], "descending singular values");
        var us = new double[m, k];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++) us[i, j] = ud[i, j] * sd[j];
        var vhk = new double[k, n];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < n; j++) vhk[i, j] = vhd[i, j];
        AssertClose(ToDouble(a), Mul(us, vhk), tol, "UΣVᵀ = A");
        TensorAssert.Close(s, Linalg.SvdValues(a), tol);
    }

    [Fact]
    public void SvdOfRankDeficientMatrixKeepsOrthonormalU()
    {
        // Rank 1: the completion of U must still give orthonormal columns.
        var a = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { 0, 0, 0 }, { 3, 6, 9 } });
        var (u, s, vh) = Linalg.Svd(a, fullMatrices: false);
        Assert.True(Tolerance.Float64Decomposition.IsClose(s[0], Math.Sqrt(14 * 14)));
        Assert.True(s[1] <= 1e-14 && s[2] <= 1e-14);
        AssertOrthonormalColumns(ToDouble(u), Tolerance.Float64Decomposition, "U");
        AssertOrthonormalColumns(Transpose(ToDouble(vh)), Tolerance.Float64Decomposition, "V");
        var zero = Linalg.Svd(Tensor.Zeros<double>(3, 2));
        AssertOrthonormalColumns(ToDouble(zero.U), Tolerance.Float64Decomposition, "U of zero matrix");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(30)]
    [InlineData(120)]
    public void EigvalsSatisfyTraceAndDeterminant(int n)
    {
        var a = Random<double>(n, n, seed: 90 + n);
        var e = Linalg.Eigvals(a);
        var re = e.Real.ToArray();
        var im = e.Imaginary.ToArray();
        // Σλ = trace A; Πλ = det A (complex product); conjugate pairs are adjacent.
        double trace = 0;
        for (int i = 0; i < n; i++) trace += a[i, i];
        var prod = System.Numerics.Complex.One;
        for (int i = 0; i < n; i++) prod *= new System.Numerics.Complex(re[i], im[i]);
        var tol = Tol<double>(n).Scaled(100, "eigenvalues of a non-normal matrix are conditioned by its departure from normality");
        Assert.True(tol.IsClose(re.Sum(), trace), $"trace {trace} vs Σλ {re.Sum()}");
        Assert.True(tol.IsClose(prod.Real, Linalg.Det(a)), $"det {Linalg.Det(a)} vs Πλ {prod}");
        Assert.True(Math.Abs(prod.Imaginary) <= tol.Absolute + tol.Relative * Math.Abs(prod.Real) * n);
        for (int i = 0; i < n; i++)
            if (im[i] > 0) { Assert.Equal(re[i], re[i + 1]); Assert.Equal(-im[i], im[i + 1]); }
        // Each λ makes A − λI singular: smallest singular value ≈ 0 for the real ones.
        for (int i = 0; i < Math.Min(n, 6); i++)
            if (im[i] == 0)
            {
                var sh = a.ToArray();
                for (int j = 0; j < n; j++) sh[j * n + j] -= re[i];
                var shifted = Tensor.Wrap(sh, n, n);
                Assert.True(Linalg.SvdValues(shifted)[n - 1] <= 1e-9 * Math.Max(1, Linalg.Norm(a)));
            }
    }

    [Fact]
    public void EigvalsOfRotationAreComplexPair()
    {
        var a = Tensor.FromArray(new float[,] { { 0, -2 }, { 2, 0 } });
        var e = Linalg.Eigvals(a);
        Assert.Equal(new float[] { 0, 0 }, e.Real.ToArray());
        Assert.Equal(new float[] { 2, -2 }, e.Imaginary.ToArray());
        var t = Linalg.Eigvals(Tensor.FromArray(new double[,] { { 2, 1, 0 }, { 0, 3, 1 }, { 0, 0, 5 } }));
        Assert.Equal(new double[] { 2, 3, 5 }, t.Real.ToArray().Order().ToArray());
    }
}
