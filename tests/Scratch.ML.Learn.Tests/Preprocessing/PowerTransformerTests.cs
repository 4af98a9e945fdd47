using System.Globalization;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.PreprocessingFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>PowerTransformer (Yeo–Johnson) against scikit-learn 1.2 / SciPy 1.10 and the conformance suite.</summary>
public class PowerTransformerTests
{
    // λ comes from a Brent minimisation on both sides (SciPy's brent, tol 1.48e-8, vs BrentMinimizer, rtol √ε) with
    // different iterates, so each stops somewhere within ~1e-8·|λ| of the optimum: λ and the outputs (which depend on λ
    // smoothly) agree to ~1e-8 relative here (measured 1.5e-8 for the first λ); 1e-6 leaves margin. The transform at a
    // fixed λ is checked at 1e-10.
    private static readonly Tolerance OptimisedLambda = new("BrentLambdaVsScipy", 1e-6, 1e-6);

    [Theory]
    [InlineData("standardize", true)]
    [InlineData("plain", false)]
    public void MatchesSklearn(string tag, bool standardize)
    {
        var f = Root.GetProperty("power");
        var x = Matrix(f.GetProperty("x"));
        var m = new PowerTransformer(standardize).Fit(x);
        TensorAssert.Close(Vector(f.GetProperty(tag).GetProperty("lambdas")), m.Lambdas, OptimisedLambda);
        var z = m.Transform(x);
        TensorAssert.Close(Matrix(f.GetProperty(tag).GetProperty("transform")), z, OptimisedLambda);
        TensorAssert.Close(x, m.InverseTransform(z), new Tolerance("PowRoundTrip", 1e-10, 1e-10));
        if (standardize)
        {
            TensorAssert.Close(Tensor.Zeros<double>(3), z.Mean(0), new Tolerance("CentredColumns", 1e-12, 0));
            TensorAssert.Close(Tensor.Ones<double>(3), (z * z).Mean(0), new Tolerance("UnitVariance", 1e-12, 1e-12));
        }
    }

    [Fact]
    public void IgnoresNaNLikeSklearn()
    {
        var f = Root.GetProperty("power").GetProperty("nan");
        var x = Matrix(f.GetProperty("x"));
        var m = new PowerTransformer().Fit(x);
        TensorAssert.Close(Vector(f.GetProperty("lambdas")), m.Lambdas, OptimisedLambda);
        var expected = Matrix(f.GetProperty("transform")).ToArray();
        var actual = m.Transform(x).ToArray();
        for (int i = 0; i < expected.Length; i++)
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"element {i} should be NaN");
            else Assert.Equal(expected[i], actual[i], 1e-6 * Math.Max(1, Math.Abs(expected[i])));
        Assert.Contains("column 0 of x is all NaN", Assert.Throws<ArgumentException>(() => new PowerTransformer().Fit(Tensor.FromArray([double.NaN, 1, double.NaN, 2], 2, 2))).Message);
    }

    [Fact]
    public void TransformAtFixedLambdaMatchesScipy()
    {
        var f = Root.GetProperty("power");
        var grid = f.GetProperty("grid").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        foreach (var p in f.GetProperty("fixed").EnumerateObject())
        {
            double lambda = double.Parse(p.Name, CultureInfo.InvariantCulture);
            var expected = p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (int i = 0; i < grid.Length; i++)
            {
                double y = PowerTransformer.YeoJohnson(grid[i], lambda);
                Assert.Equal(expected[i], y, 1e-10 * Math.Max(1, Math.Abs(expected[i])));
                Assert.Equal(grid[i], PowerTransformer.InverseYeoJohnson(y, lambda), 1e-10 * Math.Max(1, Math.Abs(grid[i])));
            }
        }
        Assert.Equal(0.75, PowerTransformer.YeoJohnson(0.75, 1.0), 1e-15);   // λ = 1 is the identity
        Assert.Equal(-0.75, PowerTransformer.YeoJohnson(-0.75, 1.0), 1e-15);
    }

    [Fact]
    public void ConstantColumnGetsTheIdentity()
    {
        var x = Tensor.FromArray([3.0, 1, 3, 2, 3, 4], 3, 2);
        var m = new PowerTransformer().Fit(x);
        Assert.Equal(1.0, m.Lambdas[0]);
        Assert.Equal(1.0, m.Scale[0]);
        Assert.All(m.Transform(x).ToArray().Where((_, i) => i % 2 == 0), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new PowerTransformer(), PowerTransformerModel<double>.Load, PowerTransformerModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        Assert.DoesNotContain("NaN features are rejected", checks);   // HandlesMissingValues
        EstimatorConformance.CheckTransformer(new PowerTransformer(false), PowerTransformerModel<double>.Load, PowerTransformerModel<float>.Load);
    }

    [Fact]
    public void BadInputsFailClearly()
    {
        var m = new PowerTransformer().Fit(Tensor.FromArray([1.0, 2, 5, 3], 4, 1));
        Assert.Contains("fitted with 1", Assert.Throws<ArgumentException>(() => m.Transform(Tensor.Ones<double>(2, 2))).Message);
        Assert.Throws<ArgumentException>(() => new PowerTransformer().Fit(Tensor.FromArray([1.0, double.PositiveInfinity], 2, 1)));
    }
}
