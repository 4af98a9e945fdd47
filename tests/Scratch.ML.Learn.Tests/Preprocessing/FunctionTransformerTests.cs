using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.PreprocessingFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>FunctionTransformer against scikit-learn 1.2 and the conformance suite.</summary>
public class FunctionTransformerTests
{
    private static Tensor<double> Map(Tensor<double> x, Func<double, double> f) =>
        Tensor.FromArray(x.ToArray().Select(f).ToArray(), x.Shape.ToArray());

    private static readonly FunctionTransformer Log1p = new(x => Map(x, double.LogP1), x => Map(x, double.ExpM1));

    [Fact]
    public void MatchesSklearn()
    {
        // .NET's LogP1/ExpM1 vs NumPy's log1p/expm1 on values ≥ 0.001: both within an ulp or two, so 1e-10 holds.
        var f = Preprocessing2Fixture.Root.GetProperty("function");
        var x = Matrix(f.GetProperty("x"));
        var m = Log1p.Fit(x);
        TensorAssert.Close(Matrix(f.GetProperty("transform")), m.Transform(x), VsSklearn);
        TensorAssert.Close(Matrix(f.GetProperty("inverse")), m.InverseTransform(m.Transform(x)), VsSklearn);
        Assert.True(f.GetProperty("bad_inverse_warns").GetBoolean());   // scikit-learn warns; we throw
        var bad = new FunctionTransformer(x => Map(x, double.LogP1), x => Map(x, double.LogP1));
        Assert.Contains("InverseFunc does not undo Func", Assert.Throws<ArgumentException>(() => bad.Fit(x)).Message);
        Assert.Equal(3, (bad with { CheckInverse = false }).Fit(x).FeatureCount);
    }

    [Fact]
    public void IdentityPassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new FunctionTransformer(), FunctionTransformerModel<double>.Load, FunctionTransformerModel<float>.Load);
        Assert.Contains("save and load round-trip exactly", checks);
        Assert.Contains("inverse transform undoes transform", checks);
    }

    [Fact]
    public void DelegatesFailOnlyTheSaveCheck()
    {
        // Delegates cannot be persisted: Save throws, so the suite's save/load check is the one (expected) failure.
        var cube = new FunctionTransformer(x => Map(x, v => v * v * v), x => Map(x, Math.Cbrt));
        var e = Assert.Throws<ConformanceException>(() => EstimatorConformance.CheckTransformer(cube, FunctionTransformerModel<double>.Load, FunctionTransformerModel<float>.Load));
        Assert.Contains("failed 1 conformance check(s)", e.Message);
        Assert.Contains("save and load round-trip exactly: NotSupportedException", e.Message);
        var m = cube.Fit(Tensor.FromArray([1.0, -2, 0.5, 3], 2, 2));
        Assert.Contains("delegates cannot be persisted", Assert.Throws<NotSupportedException>(() => m.Save(new MemoryStream())).Message);
    }

    [Fact]
    public void ColumnChangingFunctionsAndBadOutputs()
    {
        var x = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 3, 2);
        var first = new FunctionTransformer(t => t.Narrow(1, 0, 1).Contiguous(), CheckInverse: false).Fit(x);
        Assert.Equal(new[] { 1.0, 3, 5 }, first.Transform(x).ToArray());
        Assert.False(new FunctionTransformer(t => t).Capabilities.HasInverseTransform);
        var rowDropper = new FunctionTransformer(t => t.Narrow(0, 0, 1).Contiguous(), CheckInverse: false).Fit(x);
        Assert.Contains("must return an (3, k) matrix", Assert.Throws<ArgumentException>(() => rowDropper.Transform(x)).Message);
        Assert.Throws<ArgumentException>(() => first.Transform(Tensor.FromArray([1.0, 2, 3], 1, 3)));
        var fm = Log1p.Fit(x.Cast<float>());
        TensorAssert.Close(Log1p.Fit(x).Transform(x), fm.Transform(x.Cast<float>()).Cast<double>(), new Tolerance("FloatRoundTrip", 1e-6, 1e-6));   // float input rounds to 24 bits
    }
}
