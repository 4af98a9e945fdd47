using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Layers;

/// <summary>
/// Properties of the fused normalisation kernels on random shapes, scales and offsets: every row of a layer-normalised
/// tensor has mean 0 and biased variance v/(v + eps); every RMS-normalised row has mean square m/(m + eps); and the
/// fused result equals the composite formula (its reference twin), including non-contiguous inputs.
/// </summary>
public class NormalizationProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(40);

    private static Arbitrary<(int Rows, int D, double Scale, double Offset, int Seed)> Cases =>
        (from rows in Gen.Choose(1, 40)
         from d in Gen.Choose(1, 300)
         from scale in Gen.Elements(1e-2, 1.0, 30.0)
         from offset in Gen.Elements(0.0, 3.0, -100.0)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select (rows, d, scale, offset, seed)).ToArbitrary();

    [Fact]
    public void LayerNormRowsAreStandardised()
        => Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var x = Tensor.Normal<double>(c.Offset, c.Scale, new Generator((ulong)c.Seed), c.D, c.Rows).MT; // (rows, d), non-contiguous
            const double eps = 1e-5;
            var y = x.LayerNorm([c.D], eps: eps);
            // x − μ cancels log10(|μ|/σ) digits in any evaluation order, so both sides carry that relative error.
            double k = 1 + Math.Abs(c.Offset) / c.Scale;
            var mean = y.Mean([1]).ToArray();
            var variance = y.Square().Mean([1]).ToArray();
            var v = x.Var([1]).ToArray();
            for (int r = 0; r < c.Rows; r++)
            {
                Assert.True(Math.Abs(mean[r]) < 1e-12 * k, $"row {r} mean {mean[r]}");
                double expected = v[r] / (v[r] + eps);
                Assert.True(Math.Abs(variance[r] - expected) < (1e-12 + 1e-10 * expected) * k, $"row {r} var {variance[r]} vs {expected}");
            }
            var xc = x - x.Mean([1], keepDims: true);
            TensorAssert.Close(xc / (xc.Square().Mean([1], keepDims: true) + eps).Sqrt(), y, Tolerance.Float64Reduction.Scaled(k, "cancellation in x − μ"));
        }));

    [Fact]
    public void RmsNormRowsHaveUnitMeanSquare()
        => Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var x = Tensor.Normal<double>(c.Offset, c.Scale, new Generator((ulong)c.Seed), c.Rows, c.D);
            const double eps = 1e-6;
            var y = x.RmsNorm([c.D], eps: eps);
            var ms = x.Square().Mean([1]).ToArray();
            var got = y.Square().Mean([1]).ToArray();
            for (int r = 0; r < c.Rows; r++)
                Assert.True(Math.Abs(got[r] - ms[r] / (ms[r] + eps)) < 1e-12, $"row {r}: {got[r]}");
            TensorAssert.Close(x / (x.Square().Mean([1], keepDims: true) + eps).Sqrt(), y, Tolerance.Float64Reduction);
        }));
}
