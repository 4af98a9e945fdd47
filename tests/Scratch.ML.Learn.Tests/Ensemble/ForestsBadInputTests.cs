using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>Issue 5 item 7 for the forests: every bad input is a clear exception naming the argument.</summary>
public class ForestsBadInputTests
{
    private static readonly (Tensor<double> X, int[] Y) Data = ForestsData.Blobs(30, 3, seed: 3);
    private static readonly Tensor<double> Target = Tensor.FromArray(Enumerable.Range(0, 30).Select(i => i * 0.5).ToArray(), 30);

    private static void Throws<TException>(Action a, string mentions) where TException : ArgumentException
    {
        var e = Assert.Throws<TException>(a);
        Assert.Contains(mentions, e.Message + " " + e.ParamName, StringComparison.Ordinal);
    }

    private static Tensor<double> With(Tensor<double> x, int i, int j, double v)
    {
        var a = x.ToArray();
        a[i * x.Shape[1] + j] = v;
        return Tensor.FromArray(a, x.Shape[0], x.Shape[1]);
    }

    [Fact]
    public void InvalidOptionsAreRejectedAtConstruction()
    {
        Throws<ArgumentOutOfRangeException>(() => _ = new RandomForestClassifier(MaxDepth: 0), "MaxDepth");
        Throws<ArgumentOutOfRangeException>(() => _ = new RandomForestRegressor(0), "NEstimators");
        Throws<ArgumentOutOfRangeException>(() => _ = new ExtraTreesClassifier(MinSamplesSplit: 1), "MinSamplesSplit");
        Throws<ArgumentOutOfRangeException>(() => _ = new ExtraTreesRegressor(MinSamplesLeaf: 0), "MinSamplesLeaf");
        Throws<ArgumentOutOfRangeException>(() => _ = new RandomForestClassifier(MinWeightFractionLeaf: 0.6), "MinWeightFractionLeaf");
        Throws<ArgumentOutOfRangeException>(() => _ = new RandomForestClassifier(MaxLeafNodes: 1), "MaxLeafNodes");
        Throws<ArgumentOutOfRangeException>(() => _ = new RandomForestRegressor(MinImpurityDecrease: -1), "MinImpurityDecrease");
        Throws<ArgumentOutOfRangeException>(() => _ = new RandomForestRegressor(MinImpurityDecrease: double.NaN), "MinImpurityDecrease");
        Throws<ArgumentException>(() => _ = new ExtraTreesClassifier(OobScore: true), "Bootstrap");
        Throws<ArgumentException>(() => _ = new ExtraTreesRegressor(MaxSamples: 0.5), "MaxSamples");
        Throws<ArgumentException>(() => _ = new RandomForestRegressor(Criterion: SplitCriterion.Gini), "Criterion");
        Throws<ArgumentException>(() => _ = new RandomForestClassifier(Criterion: SplitCriterion.SquaredError), "Criterion");
        Throws<ArgumentOutOfRangeException>(() => _ = FeatureSubset.Fraction(0), "fraction");
        Throws<ArgumentOutOfRangeException>(() => _ = FeatureSubset.Fraction(1.5), "fraction");
        Throws<ArgumentOutOfRangeException>(() => _ = FeatureSubset.Count(0), "count");
        Throws<ArgumentOutOfRangeException>(() => _ = ForestMaxSamples.Fraction(-0.1), "fraction");
        Throws<ArgumentOutOfRangeException>(() => _ = ForestMaxSamples.Count(0), "count");
        Throws<ArgumentException>(() => _ = ForestClassWeights.Of(new Dictionary<int, double> { [0] = -1 }), "weight");
    }

    [Fact]
    public void BadTrainingDataIsRejected()
    {
        var rf = new RandomForestClassifier(3);
        Throws<ArgumentException>(() => rf.Fit(With(Data.X, 4, 1, double.NaN), Data.Y), "NaN");
        Throws<ArgumentException>(() => rf.Fit(With(Data.X, 4, 1, double.PositiveInfinity), Data.Y), "x[4, 1]");
        Throws<ArgumentException>(() => rf.Fit(Tensor.Zeros<double>(0, 3), Array.Empty<int>()), "at least one sample");
        Throws<ArgumentException>(() => rf.Fit(Data.X, new int[30]), "at least 2 classes");
        Throws<ArgumentException>(() => rf.Fit(Data.X, Data.Y[..29]), "29 labels");
        Throws<ArgumentException>(() => rf.Fit(Data.X, Data.Y, Tensor.FromArray(Enumerable.Range(0, 30).Select(i => i == 7 ? -1.0 : 1).ToArray(), 30)), "sampleWeight[7]");
        Throws<ArgumentException>(() => new RandomForestClassifier(3, MaxFeatures: 4).Fit(Data.X, Data.Y), "MaxFeatures");
        Throws<ArgumentException>(() => new RandomForestClassifier(3, MaxSamples: 31).Fit(Data.X, Data.Y), "MaxSamples");
        Throws<ArgumentException>(() => new RandomForestClassifier(3, ClassWeight: ForestClassWeights.Of(new Dictionary<int, double> { [9] = 2 })).Fit(Data.X, Data.Y), "class 9");
        var rr = new RandomForestRegressor(3);
        Throws<ArgumentException>(() => rr.Fit(Data.X, Tensor.FromArray(Enumerable.Range(0, 30).Select(i => i == 3 ? double.NaN : i).ToArray(), 30)), "y[3, 0]");
        Throws<ArgumentException>(() => new RandomForestRegressor(3, SplitCriterion.Poisson).Fit(Data.X, Target - 1.0), "y ≥ 0");
        Throws<ArgumentException>(() => rr.Fit(Data.X, Target.Narrow(0, 0, 20)), "y must have shape");
    }

    [Fact]
    public void BadPredictionInputIsRejected()
    {
        var m = new ExtraTreesClassifier(3).Fit(Data.X, Data.Y);
        Throws<ArgumentException>(() => m.Predict(Tensor.Zeros<double>(4, 2)), "fitted with 3");
        Throws<ArgumentException>(() => m.PredictProba(With(Data.X, 0, 0, double.NaN)), "NaN");
        Throws<ArgumentException>(() => m.Apply(Tensor.Zeros<double>(5)), "2-d");
        var r = new ExtraTreesRegressor(3).Fit(Data.X, Target);
        Throws<ArgumentException>(() => r.Predict(Tensor.Zeros<double>(4, 5)), "fitted with 3");
    }

    [Fact]
    public void WarmStartRejectsOtherDataShapes()
    {
        var m = new RandomForestClassifier(3).Fit(Data.X, Data.Y);
        Throws<ArgumentOutOfRangeException>(() => m.AddTrees(Data.X, Data.Y, -1), "count");
        Throws<ArgumentException>(() => m.AddTrees(Data.X, Data.Y.Select(v => v == 2 ? 7 : v).ToArray(), 2), "classes");
        Throws<ArgumentException>(() => m.AddTrees(Data.X.Narrow(1, 0, 2).Contiguous(), Data.Y, 2), "features");
        var r = new RandomForestRegressor(3).Fit(Data.X, Target);
        Throws<ArgumentException>(() => r.AddTrees(Data.X, Tensor.Stack([Target, Target], 1), 2), "outputs");
    }

    [Fact]
    public void LoadingAnotherKindIsRejected()
    {
        var m = new RandomForestClassifier(2).Fit(Data.X, Data.Y);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => ExtraTreesClassifierModel<double>.Load(s));
        Assert.Contains("RandomForestClassifier", e.Message, StringComparison.Ordinal);
        s.Position = 0;
        Assert.Throws<InvalidDataException>(() => RandomForestClassifierModel<float>.Load(s));
    }
}
