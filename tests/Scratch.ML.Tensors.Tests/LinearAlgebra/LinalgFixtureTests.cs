using System.Text.Json;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.LinearAlgebra.LinalgTestData;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>
/// Agreement with NumPy 1.24 / SciPy 1.10 (LAPACK) on fixtures written by tests/reference/linalg_fixtures.py.
/// Vectors that are only defined up to sign are sign-aligned column by column before comparison.
/// </summary>
public class LinalgFixtureTests
{
    private static readonly Tolerance Tol = Tolerance.Float64Decomposition;

    private static JsonElement[] Cases(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "linalg", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.StartsWith("1.24", doc.RootElement.GetProperty("numpy").GetString());
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static Tensor<double> Matrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
        int m = rows.Length, n = m == 0 ? 0 : rows[0].Length;
        return Tensor.Wrap(rows.SelectMany(r => r).ToArray(), m, n);
    }

    private static Tensor<double> Vector(JsonElement e) => Tensor.FromArray(e.EnumerateArray().Select(x => x.GetDouble()).ToArray());

    private static double Num(JsonElement c, string name) => c.GetProperty(name).GetDouble();

    private static void Close(double expected, double actual, string what)
        => Assert.True(Tol.IsClose(actual, expected), $"{what}: expected {expected:R}, actual {actual:R}");

    [Fact]
    public void SquareMatricesMatchNumPy()
    {
        foreach (var c in Cases("square"))
        {
            var a = Matrix(c.GetProperty("a"));
            var b = Matrix(c.GetProperty("b"));
            Close(Num(c, "det"), Linalg.Det(a), "det");
            var s = Linalg.Slogdet(a);
            Assert.Equal(Num(c, "slogdet_sign"), s.Sign);
            Close(Num(c, "slogdet_log"), s.LogAbsDet, "slogdet");
            TensorAssert.Close(Matrix(c.GetProperty("inv")), Linalg.Inverse(a), Tol);
            TensorAssert.Close(Matrix(c.GetProperty("solve")), Linalg.Solve(a, b), Tol);
            Close(Num(c, "cond"), Linalg.Cond(a), "cond");
            Close(Num(c, "cond_1"), Linalg.Cond(a, MatrixNorm.One), "cond 1");
            // Eigenvalues as a multiset: sort both by (real, imaginary).
            var expected = Pairs(Vector(c.GetProperty("eigvals_real")), Vector(c.GetProperty("eigvals_imag")));
            var e = Linalg.Eigvals(a);
            var actual = Pairs(e.Real, e.Imaginary);
            for (int i = 0; i < expected.Length; i++)
            {
                Close(expected[i].Re, actual[i].Re, $"eigvals[{i}].re");
                Close(expected[i].Im, actual[i].Im, $"eigvals[{i}].im");
            }
        }
    }

    private static (double Re, double Im)[] Pairs(Tensor<double> re, Tensor<double> im)
        => re.ToArray().Zip(im.ToArray()).Select(p => (Math.Round(p.First, 9), p.Second)).OrderBy(p => p.Item1).ThenBy(p => p.Second)
            .Select(p => (p.Item1, p.Second)).ToArray();

    [Fact]
    public void NormsRankAndPinvMatchNumPy()
    {
        foreach (var c in Cases("norms"))
        {
            var a = Matrix(c.GetProperty("a"));
            Close(Num(c, "fro"), Linalg.Norm(a), "fro");
            Close(Num(c, "nuc"), Linalg.Norm(a, MatrixNorm.Nuclear), "nuc");
            Close(Num(c, "one"), Linalg.Norm(a, MatrixNorm.One), "1");
            Close(Num(c, "minus_one"), Linalg.Norm(a, MatrixNorm.MinusOne), "-1");
            Close(Num(c, "inf"), Linalg.Norm(a, MatrixNorm.Infinity), "inf");
            Close(Num(c, "minus_inf"), Linalg.Norm(a, MatrixNorm.MinusInfinity), "-inf");
            Close(Num(c, "two"), Linalg.Norm(a, MatrixNorm.Two), "2");
            Close(Num(c, "minus_two"), Linalg.Norm(a, MatrixNorm.MinusTwo), "-2");
            Assert.Equal(c.GetProperty("rank").GetInt32(), Linalg.MatrixRank(a));
            TensorAssert.Close(Matrix(c.GetProperty("pinv")), Linalg.Pinv(a), Tol);
        }
        var v = Cases("vector_norms")[0];
        var x = Vector(v.GetProperty("x"));
        Close(Num(v, "p1"), Linalg.VectorNorm(x, 1), "p1");
        Close(Num(v, "p2"), Linalg.VectorNorm(x, 2), "p2");
        Close(Num(v, "p3"), Linalg.VectorNorm(x, 3), "p3");
        Close(Num(v, "p0.5"), Linalg.VectorNorm(x, 0.5), "p0.5");
        Close(Num(v, "pinf"), Linalg.VectorNorm(x, double.PositiveInfinity), "pinf");
    }

    [Fact]
    public void LstsqMatchesNumPy()
    {
        foreach (var c in Cases("lstsq"))
        {
            var a = Matrix(c.GetProperty("a"));
            var b = Matrix(c.GetProperty("b"));
            var r = Linalg.Lstsq(a, b);
            Assert.Equal(c.GetProperty("rank").GetInt32(), r.Rank);
            TensorAssert.Close(Matrix(c.GetProperty("x")), r.Solution, Tol);
            TensorAssert.Close(Vector(c.GetProperty("residuals")), r.Residuals, Tol);
            TensorAssert.Close(Vector(c.GetProperty("s")), r.SingularValues, Tol);
            Assert.Equal(c.GetProperty("matrix_rank").GetInt32(), Linalg.MatrixRank(a));
            TensorAssert.Close(Matrix(c.GetProperty("pinv")), Linalg.Pinv(a), Tol);
        }
    }

    [Fact]
    public void EighMatchesNumPyUpToSign()
    {
        foreach (var c in Cases("eigh"))
        {
            var a = Matrix(c.GetProperty("a"));
            var (w, v) = Linalg.Eigh(a);
            TensorAssert.Close(Vector(c.GetProperty("w")), w, Tol);
            AssertColumnsEqualUpToSign(ToDouble(Matrix(c.GetProperty("v"))), ToDouble(v), "eigenvectors");
        }
    }

    [Fact]
    public void SvdMatchesNumPyUpToSign()
    {
        foreach (var c in Cases("svd"))
        {
            var a = Matrix(c.GetProperty("a"));
            var (u, s, vh) = Linalg.Svd(a, fullMatrices: false);
            TensorAssert.Close(Vector(c.GetProperty("s")), s, Tol);
            TensorAssert.Close(Vector(c.GetProperty("s")), Linalg.SvdValues(a), Tol);
            var ue = ToDouble(Matrix(c.GetProperty("u")));
            var ua = ToDouble(u);
            var ve = Transpose(ToDouble(Matrix(c.GetProperty("vh"))));
            var va = Transpose(ToDouble(vh));
            // U and V columns flip sign together: align by U, then V must follow with the same signs.
            var signs = AssertColumnsEqualUpToSign(ue, ua, "U");
            for (int j = 0; j < signs.Length; j++)
                for (int i = 0; i < ve.GetLength(0); i++) Close(ve[i, j], signs[j] * va[i, j], $"V[{i}, {j}]");
        }
    }

    private static double[] AssertColumnsEqualUpToSign(double[,] expected, double[,] actual, string what)
    {
        int m = expected.GetLength(0), n = expected.GetLength(1);
        var signs = new double[n];
        for (int j = 0; j < n; j++)
        {
            double dot = 0;
            for (int i = 0; i < m; i++) dot += expected[i, j] * actual[i, j];
            signs[j] = dot < 0 ? -1 : 1;
            for (int i = 0; i < m; i++) Close(expected[i, j], signs[j] * actual[i, j], $"{what}[{i}, {j}]");
        }
        return signs;
    }
}
