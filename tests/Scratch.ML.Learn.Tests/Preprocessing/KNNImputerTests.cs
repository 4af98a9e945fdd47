using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.EncoderFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>KNNImputer against scikit-learn 1.2 on the diabetes data with injected NaN, and the conformance suite.</summary>
public class KNNImputerTests
{
    // scikit-learn computes nan_euclidean distances by the ‖a‖² − 2a·b + ‖b‖² expansion, we sum squared differences
    // directly: distances differ by ~1e-16·‖a‖²/dist (relative ~1e-14 here). The neighbour sets are the same, so uniform
    // averages agree to ~1e-17 and distance-weighted ones to ~1e-14; 1e-10 leaves margin.
    private const double Tol = 1e-10;

    [Theory]
    [InlineData("uniform5", 5, NeighborWeights.Uniform, false)]
    [InlineData("distance3", 3, NeighborWeights.Distance, false)]
    [InlineData("indicator", 4, NeighborWeights.Uniform, true)]
    public void MatchesSklearnOnDiabetes(string tag, int k, NeighborWeights weights, bool indicator)
    {
        var f = Root.GetProperty("knn");
        var m = new KNNImputer(k, weights, indicator).Fit(Matrix(f.GetProperty("x_fit")));
        SameWithNaN(Matrix(f.GetProperty(tag).GetProperty("new")), m.Transform(Matrix(f.GetProperty("x_new"))), Tol);
        if (f.GetProperty(tag).TryGetProperty("fit", out var fit))
            SameWithNaN(Matrix(fit), m.Transform(Matrix(f.GetProperty("x_fit"))), Tol);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        Assert.Equal(m.Transform(Matrix(f.GetProperty("x_new"))).ToArray(), KNNImputerModel<double>.Load(s).Transform(Matrix(f.GetProperty("x_new"))).ToArray());
    }

    [Fact]
    public void AllMissingColumnsAreDroppedLikeSklearn12()
    {
        var f = Root.GetProperty("knn").GetProperty("empty");
        var x = Matrix(f.GetProperty("x_fit"));
        var m = new KNNImputer(2).Fit(x);
        Assert.Equal(3, m.OutputCount);
        SameWithNaN(Matrix(f.GetProperty("fit")), m.Transform(x), Tol);
        var kept = new KNNImputer(2, KeepEmptyFeatures: true).Fit(x).Transform(x);
        Assert.Equal(4, kept.Shape[1]);
        Assert.All(Enumerable.Range(0, x.Shape[0]), i => Assert.Equal(0.0, kept[i, 2]));
    }

    [Fact]
    public void NanEuclideanScalesByPresentCoordinates()
    {
        // d = 3 features, 2 present in both: √(3/2 · (1² + 2²)).
        Assert.Equal(Math.Sqrt(1.5 * 5), KNNImputerModel<double>.NanEuclidean([1, double.NaN, 3], [0, 7, 1]), 1e-15);
        Assert.True(double.IsNaN(KNNImputerModel<double>.NanEuclidean([double.NaN, 1], [2, double.NaN])));
        // A row sharing no coordinate with any donor gets the column mean.
        var m = new KNNImputer(1).Fit(Tensor.FromArray([1.0, double.NaN, 3, double.NaN], 2, 2));
        Assert.Equal(2.0, m.Transform(Tensor.FromArray([double.NaN, 5.0], 1, 2))[0, 0]);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new KNNImputer(), KNNImputerModel<double>.Load, KNNImputerModel<float>.Load);
        Assert.DoesNotContain("NaN features are rejected", checks);
        EstimatorConformance.CheckTransformer(new KNNImputer(3, NeighborWeights.Distance, AddIndicator: true), KNNImputerModel<double>.Load, KNNImputerModel<float>.Load);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNNImputer(0));
    }
}
