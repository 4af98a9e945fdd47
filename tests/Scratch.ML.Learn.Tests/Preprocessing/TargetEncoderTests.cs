using System.Text.Json;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.EncoderFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>TargetEncoder against a NumPy reference of scikit-learn 1.3 (unshuffled folds, so the folds are scikit-learn's).</summary>
public class TargetEncoderTests
{
    // Means, variances and shrinkage of a few dozen float64 values, summed in a different order than NumPy's pairwise
    // sums: agreement ~1e-15 relative.
    private static readonly Tolerance VsReference = new("TargetEncodingVsNumpy", 1e-12, 1e-12);

    private static CategoricalTable X(CategoricalTable t) => CategoricalTable.FromColumns(t[0], t[1], t[2]);

    [Theory]
    [InlineData("continuous_auto", "y_continuous", null)]
    [InlineData("continuous_smooth", "y_continuous", 3.0)]
    [InlineData("binary_auto", "y_binary", null)]
    public void MatchesTheReference(string tag, string target, double? smooth)
    {
        var c = Root.GetProperty("target").GetProperty(tag);
        var y = Tensor.FromArray(Doubles(Root.GetProperty("target").GetProperty(target)));
        var encoder = new TargetEncoder(Smooth: smooth, Shuffle: false);
        var (m, encoded) = encoder.FitTransform(X(Train), y);
        Assert.Equal(tag.StartsWith("binary", StringComparison.Ordinal) ? TargetKind.Binary : TargetKind.Continuous, m.TargetKind);
        Assert.Equal(c.GetProperty("target_mean").GetDouble(), m.TargetMean, 1e-12);
        int j = 0;
        foreach (var e in c.GetProperty("encodings").EnumerateArray())
            TensorAssert.Close(Tensor.FromArray(Doubles(e)), Tensor.FromArray([.. m.Encodings[j++]]), VsReference);
        TensorAssert.Close(Matrix(c.GetProperty("fit_transform")), encoded, VsReference);
        TensorAssert.Close(Matrix(c.GetProperty("transform_new")), m.Transform(X(New)), VsReference);
        // Full-data encodings differ from the cross-fitted ones: the training rows never see their own target.
        Assert.NotEqual(encoded.ToArray(), m.Transform(X(Train)).ToArray());
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        Assert.Equal(m.Transform(X(New)).ToArray(), TargetEncoderModel<double>.Load(s).Transform(X(New)).ToArray());
    }

    [Fact]
    public void CrossFittingDoesNotLeakTheTarget()
    {
        // Every row its own category, y pure noise: full-data encoding copies y (λ = 1: no within-category variance), cross-fitting gives
        // each row the mean of the other folds (its category is unseen there).
        int n = 50;
        var x = Tensor.FromArray([.. Enumerable.Range(0, n).Select(i => (double)i)], n, 1);
        var y = Tensor.Normal<double>(0, 1, new Scratch.ML.Rng.Generator(3), n);
        var (m, encoded) = new TargetEncoder(Seed: 11).FitTransform(x, y);
        TensorAssert.Close(y, m.Transform(x).Reshape(n), new Tolerance("SingletonCategoryKeepsItsTarget", 1e-14, 1e-14));
        var e = encoded.ToArray();
        var yv = y.ToArray();
        double corr = Enumerable.Range(0, n).Sum(i => (e[i] - e.Average()) * (yv[i] - yv.Average()));
        Assert.True(corr < 0, $"cross-fitted encodings should not track y (covariance {corr})");
        var (_, again) = new TargetEncoder(Seed: 11).FitTransform(x, y);
        Assert.Equal(e, again.ToArray());   // deterministic per seed
    }

    [Fact]
    public void BadTargetsFailClearly()
    {
        var x = Tensor.FromArray([0.0, 1, 0, 1, 2, 2], 6, 1);
        Assert.Contains("multiclass", Assert.Throws<ArgumentException>(() => new TargetEncoder().Fit(x, Tensor.FromArray([0.0, 1, 2, 0, 1, 2]))).Message);
        Assert.Contains("at most 2", Assert.Throws<ArgumentException>(() => new TargetEncoder(Target: TargetKind.Binary).Fit(x, Tensor.FromArray([0.5, 1, 2, 0, 1, 2]))).Message);
        Assert.Equal(TargetKind.Continuous, new TargetEncoder().Fit(x, Tensor.FromArray([0.5, 1, 2, 0, 1, 2])).TargetKind);
        Assert.Throws<ArgumentException>(() => new TargetEncoder().Fit(x, Tensor.FromArray([0.0, 1, double.NaN, 0, 1, 2])));
        Assert.Throws<ArgumentException>(() => new TargetEncoder().Fit(x, Tensor.FromArray([0.0, 1])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetEncoder(Cv: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetEncoder(Smooth: -1));
        var m = new TargetEncoder(Target: TargetKind.Continuous).Fit(x, Tensor.FromArray([0.0, 1, 2, 0, 1, 2]));
        Assert.Equal(1.0, m.Transform(Tensor.FromArray([9.0], 1, 1))[0, 0]);   // unknown → target mean
    }
}
