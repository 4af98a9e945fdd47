using Scratch.ML.LinearAlgebra;
using Xunit;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Every entry point rejects bad input with a specific exception that names what was wrong.</summary>
public class BadInputTests
{
    private static readonly Tensor<double> Wide = Tensor.Ones<double>(2, 3);

    public static TheoryData<string> SquareOps => ["Lu", "LuFactor", "Cholesky", "Inverse", "Det", "Slogdet", "Eigh", "Eigvals"];

    private static void Invoke(string op, Tensor<double> a)
    {
        switch (op)
        {
            case "Lu": Linalg.Lu(a); break;
            case "LuFactor": Linalg.LuFactor(a); break;
            case "Cholesky": Linalg.Cholesky(a); break;
            case "Inverse": Linalg.Inverse(a); break;
            case "Det": Linalg.Det(a); break;
            case "Slogdet": Linalg.Slogdet(a); break;
            case "Eigh": Linalg.Eigh(a); break;
            case "Eigvals": Linalg.Eigvals(a); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    [Theory, MemberData(nameof(SquareOps))]
    public void NonSquareIsRejectedWithShape(string op)
    {
        var ex = Assert.Throws<ArgumentException>(() => Invoke(op, Wide));
        Assert.Contains("square", ex.Message);
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains(op, ex.Message);
    }

    [Theory, MemberData(nameof(SquareOps))]
    public void NonFiniteIsRejected(string op)
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var a = Tensor.FromArray(new double[,] { { 4, 1 }, { 1, bad } });
            var ex = Assert.Throws<ArgumentException>(() => Invoke(op, a));
            Assert.Contains("finite", ex.Message);
            Assert.Contains("[1, 1]", ex.Message);
        }
    }

    [Fact]
    public void NotMatrixIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Linalg.Lu(Tensor.Ones<double>(3)));
        Assert.Contains("2-d", ex.Message);
        Assert.Throws<ArgumentException>(() => Linalg.Qr(Tensor.Ones<float>(2, 2, 2)));
    }

    [Fact]
    public void SolveShapeMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Eye<double>(3), Tensor.Ones<double>(4, 2)));
        Assert.Contains("(3, 3)", ex.Message);
        Assert.Contains("(4, 2)", ex.Message);
        var nan = Tensor.FromArray(new double[] { 1, double.NaN, 3 });
        Assert.Throws<ArgumentException>(() => Linalg.Solve(Tensor.Eye<double>(3), nan));
    }

    [Fact]
    public void CholeskyOfIndefiniteNamesThePivot()
    {
        var a = Tensor.FromArray(new double[,] { { 4, 2, 0 }, { 2, 1, 0 }, { 0, 0, 1 } }); // second leading minor is 0
        var ex = Assert.Throws<NotPositiveDefiniteException>(() => Linalg.Cholesky(a));
        Assert.Equal(1, ex.PivotIndex);
        Assert.Contains("index 1", ex.Message);
        var neg = Assert.Throws<NotPositiveDefiniteException>(() => Linalg.Cholesky(Tensor.FromArray(new float[,] { { -1 } })));
        Assert.Equal(0, neg.PivotIndex);
    }

    [Fact]
    public void EmptyMatricesAreHandled()
    {
        var e = Tensor.Zeros<double>(0, 0);
        Assert.Equal(1.0, Linalg.Det(e));
        Assert.Equal([0, 0], Linalg.Inverse(e).ShapeArray());
        Assert.Equal([0, 0], Linalg.Cholesky(e).ShapeArray());
        Assert.Equal(0, Linalg.Eigh(e).Values.Length);
        Assert.Equal(0, Linalg.Eigvals(e).Real.Length);
        var wide = Tensor.Zeros<double>(0, 3);
        var (u, s, vh) = Linalg.Svd(wide);
        Assert.Equal([0, 0], u.ShapeArray());
        Assert.Equal(0, s.Length);
        Assert.Equal([3, 3], vh.ShapeArray());
        Assert.Equal(0, Linalg.SvdValues(Tensor.Zeros<float>(4, 0)).Length);
        var (q, r) = Linalg.Qr(Tensor.Zeros<double>(3, 0), QrMode.Complete);
        Assert.Equal([3, 3], q.ShapeArray());
        Assert.Equal([3, 0], r.ShapeArray());
        Assert.Equal(0, Linalg.MatrixRank(Tensor.Zeros<double>(2, 2)));
        Assert.Equal(0.0, Linalg.Norm(e));
    }
}
