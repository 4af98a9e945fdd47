using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.LinearAlgebra.LinalgTestData;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Least squares, pseudo-inverse, rank, norms and condition numbers: defining properties.</summary>
public class LeastSquaresTests
{
    public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 5, 3 }, { 3, 5 }, { 20, 7 }, { 8, 8 }, { 60, 45 } };

    [Theory, MemberData(nameof(Shapes))]
    public void LstsqSatisfiesNormalEquations(int m, int n)
    {
        var a = Random<double>(m, n, seed: m * 7 + n);
        var b = Random<double>(m, 2, seed: 3);
        var r = Linalg.Lstsq(a, b);
        Assert.Equal(Math.Min(m, n), r.Rank);
        var ad = ToDouble(a);
        var x = ToDouble(r.Solution);
        var res = Mul(ad, x);
        var bd = ToDouble(b);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < 2; j++) res[i, j] = bd[i, j] - res[i, j];
        // Aᵀ(b − Ax) = 0 at the minimiser.
        AssertClose(new double[n, 2], Mul(Transpose(ad), res), Tolerance.Float64Decomposition, "Aᵀr = 0");
        if (m > n)
        {
            Assert.Equal([2], r.Residuals.ShapeArray());
            for (int j = 0; j < 2; j++)
            {
                double ss = 0;
                for (int i = 0; i < m; i++) ss += res[i, j] * res[i, j];
                Assert.True(Tolerance.Float64Decomposition.IsClose(r.Residuals[j], ss));
            }
            TensorAssert.Close(r.Solution, Linalg.LeastSquares(a, b), Tolerance.Float64Decomposition);
        }
        else Assert.Equal(0, r.Residuals.Length);
        if (m < n)
        {
            // Underdetermined: the minimum-norm solution lies in the row space, x = Aᵀy, so it equals A⁺b.
            AssertClose(Mul(ToDouble(Linalg.Pinv(a)), bd), x, Tolerance.Float64Decomposition, "x = A⁺b");
        }
    }

    [Fact]
    public void LstsqOfRankDeficientMatrixReportsRankAndMinimumNorm()
    {
        var a = Tensor.FromArray(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 } });
        var b = Tensor.FromArray(new double[] { 1, 2, 3 });
        var r = Linalg.Lstsq(a, b);
        Assert.Equal(1, r.Rank);
        Assert.Equal(0, r.Residuals.Length);
        Assert.True(Tolerance.Float64Decomposition.IsClose(r.Solution[0], 1.0));
        Assert.True(Tolerance.Float64Decomposition.IsClose(r.Solution[1], 1.0));
        Assert.Throws<SingularMatrixException>(() => Linalg.LeastSquares(a, b));
        Assert.Equal(1, Linalg.MatrixRank(a));
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(6, 3)]
    [InlineData(3, 6)]
    public void PinvSatisfiesPenroseConditions(int m, int n)
    {
        var a = ToDouble(Random<double>(m, n, seed: 1 + m));
        var p = ToDouble(Linalg.Pinv(Tensor.FromArray(a)));
        AssertClose(a, Mul(Mul(a, p), a), Tolerance.Float64Decomposition, "A A⁺ A = A");
        AssertClose(p, Mul(Mul(p, a), p), Tolerance.Float64Decomposition, "A⁺ A A⁺ = A⁺");
        var ap = Mul(a, p);
        AssertClose(ap, Transpose(ap), Tolerance.Float64Decomposition, "(A A⁺)ᵀ = A A⁺");
    }

    [Fact]
    public void NormsOfKnownMatrix()
    {
        var a = Tensor.FromArray(new double[,] { { 1, -2 }, { 3, 4 } });
        var tol = Tolerance.Float64Decomposition;
        Assert.True(tol.IsClose(Linalg.Norm(a), Math.Sqrt(30)));
        Assert.Equal(6.0, Linalg.Norm(a, MatrixNorm.One));
        Assert.Equal(4.0, Linalg.Norm(a, MatrixNorm.MinusOne));
        Assert.Equal(7.0, Linalg.Norm(a, MatrixNorm.Infinity));
        Assert.Equal(3.0, Linalg.Norm(a, MatrixNorm.MinusInfinity));
        // Singular values of [[1, −2], [3, 4]]: σ² are the roots of λ² − 30λ + 100.
        double s1 = Math.Sqrt(15 + Math.Sqrt(125)), s2 = Math.Sqrt(15 - Math.Sqrt(125));
        Assert.True(tol.IsClose(Linalg.Norm(a, MatrixNorm.Two), s1));
        Assert.True(tol.IsClose(Linalg.Norm(a, MatrixNorm.MinusTwo), s2));
        Assert.True(tol.IsClose(Linalg.Norm(a, MatrixNorm.Nuclear), s1 + s2));
        Assert.True(tol.IsClose(Linalg.Cond(a), s1 / s2));
        Assert.True(tol.IsClose(Linalg.Cond(a, MatrixNorm.One), 6.0 * 0.7)); // ‖A⁻¹‖₁ = 7/10
        Assert.True(double.IsPositiveInfinity(Linalg.Cond(Tensor.FromArray(new double[,] { { 1, 2 }, { 2, 4 } }), MatrixNorm.One)));
    }

    [Fact]
    public void VectorNorms()
    {
        var x = Tensor.FromArray(new float[] { 3, -4, 0 });
        Assert.Equal(5f, Linalg.VectorNorm(x));
        Assert.Equal(7f, Linalg.VectorNorm(x, 1));
        Assert.Equal(4f, Linalg.VectorNorm(x, double.PositiveInfinity));
        Assert.Equal(0f, Linalg.VectorNorm(x, double.NegativeInfinity));
        Assert.Equal(2f, Linalg.VectorNorm(x, 0));
        Assert.True(Tolerance.Float32Decomposition.IsClose(Linalg.VectorNorm(x, 3), Math.Cbrt(91)));
        Assert.Throws<ArgumentException>(() => Linalg.VectorNorm(Tensor.Ones<float>(2, 2)));
    }

    [Theory]
    [InlineData(20, 7)]
    [InlineData(7, 20)]
    public void LstsqFloatSatisfiesNormalEquations(int m, int n)
    {
        var a = Random<float>(m, n, seed: 5);
        var b = Random<float>(m, 1, seed: 6);
        var x = ToDouble(Linalg.Lstsq(a, b).Solution);
        var ad = ToDouble(a);
        var r = Mul(ad, x);
        var bd = ToDouble(b);
        for (int i = 0; i < m; i++) r[i, 0] = bd[i, 0] - r[i, 0];
        AssertClose(new double[n, 1], Mul(Transpose(ad), r), Tolerance.Float32Decomposition, "Aᵀr = 0 (float)");
        if (m > n) AssertClose(ToDouble(Linalg.LeastSquares(a, b)), x, Tolerance.Float32Decomposition, "QR vs SVD (float)");
    }

    [Fact]
    public void LstsqShapeMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Linalg.Lstsq(Tensor.Ones<double>(4, 2), Tensor.Ones<double>(3)));
        Assert.Contains("(4, 2)", ex.Message);
        Assert.Contains("(3", ex.Message);
        Assert.Throws<ArgumentException>(() => Linalg.LeastSquares(Tensor.Ones<double>(2, 4), Tensor.Ones<double>(2)));
        Assert.Throws<ArgumentException>(() => Linalg.Pinv(Tensor.FromArray(new double[,] { { double.NaN } })));
    }
}
