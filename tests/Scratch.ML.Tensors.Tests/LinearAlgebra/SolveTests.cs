using System.Numerics;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.LinearAlgebra.LinalgTestData;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Solve, inverse and determinants: residuals, identities and exactly known values.</summary>
public class SolveTests
{
    public static TheoryData<int, int> Systems => new() { { 1, 1 }, { 2, 3 }, { 3, 1 }, { 8, 5 }, { 33, 7 }, { 300, 4 } };

    [Theory, MemberData(nameof(Systems))]
    public void SolveHasSmallResidualDouble(int n, int k) => CheckSolve<double>(n, k);

    [Theory, MemberData(nameof(Systems))]
    public void SolveHasSmallResidualFloat(int n, int k)
    {
        if (n <= 64) CheckSolve<float>(n, k);
    }

    private static void CheckSolve<T>(int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Diagonally dominant: well conditioned, so the residual test is also a forward-error test.
        var a = Random<T>(n, n, seed: n);
        var ad = a.ToArray();
        for (int i = 0; i < n; i++) ad[i * n + i] += T.CreateChecked(n);
        a = Tensor.Wrap(ad, n, n);
        var b = Random<T>(n, k, seed: n + 1);
        var x = Linalg.Solve(a, b);
        Assert.Equal([n, k], x.ShapeArray());
        AssertClose(ToDouble(b), Mul(ToDouble(a), ToDouble(x)), Tol<T>(n), "A·X = B");
        var x1 = Linalg.Solve(a, b[.., 0]);
        Assert.Equal([n], x1.ShapeArray());
        TensorAssert.Close(x[.., 0].Contiguous(), x1, Tol<T>(n));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(31)]
    [InlineData(90)]
    public void InverseTimesAIsIdentity(int n)
    {
        var a = Random<double>(n, n, seed: 7 * n);
        var inv = Linalg.Inverse(a);
        AssertClose(Identity(n), Mul(ToDouble(a), ToDouble(inv)), Tol<double>(n).Scaled(100, "random matrices have condition numbers up to ~10³·n"), "A·A⁻¹ = I");
    }

    [Fact]
    public void DeterminantOfKnownMatrices()
    {
        var a = Tensor.FromArray(new double[,] { { 0, 2 }, { 3, 4 } });
        Assert.Equal(-6.0, Linalg.Det(a), 12);
        var s = Linalg.Slogdet(a);
        Assert.Equal(-1.0, s.Sign);
        Assert.Equal(Math.Log(6), s.LogAbsDet, 12);
        var tri = Tensor.FromArray(new float[,] { { 2, 0, 0 }, { 5, -3, 0 }, { 1, 1, 0.5f } });
        Assert.Equal(-3f, Linalg.Det(tri), 5);
    }

    [Fact]
    public void SlogdetAvoidsOverflow()
    {
        int n = 200;
        var d = new double[n * n];
        for (int i = 0; i < n; i++) d[i * n + i] = 1e10;
        var a = Tensor.Wrap(d, n, n);
        Assert.True(double.IsPositiveInfinity(Linalg.Det(a)));
        var s = Linalg.Slogdet(a);
        Assert.Equal(1.0, s.Sign);
        Assert.True(Tolerance.Float64Decomposition.IsClose(s.LogAbsDet, n * Math.Log(1e10)));
    }

    [Fact]
    public void SingularMatrixGivesZeroDeterminantAndNamedPivot()
    {
        var a = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { 1, 0, 1 } });
        Assert.Equal(0.0, Linalg.Det(a));
        var s = Linalg.Slogdet(a);
        Assert.Equal(0.0, s.Sign);
        Assert.True(double.IsNegativeInfinity(s.LogAbsDet));
        var ex = Assert.Throws<SingularMatrixException>(() => Linalg.Solve(a, Tensor.Ones<double>(3)));
        Assert.Equal(2, ex.PivotIndex);
        Assert.Contains("pivot index 2", ex.Message);
        Assert.Throws<SingularMatrixException>(() => Linalg.Inverse(a));
        Assert.Equal(2, Linalg.Lu(a).FirstZeroPivot);
        var zero = Assert.Throws<SingularMatrixException>(() => Linalg.Inverse(Tensor.Zeros<float>(2, 2)));
        Assert.Equal(0, zero.PivotIndex);
    }

    [Fact]
    public void LuPivotsAndPermutationAgree()
    {
        var a = Random<double>(6, 6, seed: 2);
        var f = Linalg.Lu(a);
        var perm = LuKernel.RowOrder(f.Pivots);
        var p = ToDouble(f.P);
        for (int i = 0; i < 6; i++) Assert.Equal(1.0, p[i, perm[i]]);
        double det = f.PermutationSign;
        for (int i = 0; i < 6; i++) det *= f.U[i, i];
        Assert.True(Tolerance.Float64Decomposition.IsClose(Linalg.Det(a), det));
        for (int i = 0; i < 6; i++)
            for (int j = i; j < 6; j++) Assert.Equal(f.U[i, j], f.Packed[i, j]);
        var packed = Linalg.LuFactor(a);
        TensorAssert.Equal(f.Packed, packed.Packed);
        Assert.Equal(f.Pivots, packed.Pivots);
        Assert.Equal(-1, packed.FirstZeroPivot);
    }
}
