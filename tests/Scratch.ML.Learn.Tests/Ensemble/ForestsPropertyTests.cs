using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>Determinism, warm start, bootstrap/OOB bookkeeping, routing and the file form of the forests.</summary>
public class ForestsPropertyTests
{
    private static readonly (Tensor<double> X, int[] Y) Blobs = ForestsData.Blobs(150, 5, seed: 11);
    private static readonly (Tensor<double> X, Tensor<double> Y) Reg = ForestsData.Regression(150, 4, seed: 12);

    private static T AtThreads<T>(int threads, Func<T> f)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            return f();
        }
        finally { Parallelism.MaxThreads = saved; }
    }

    /// <summary>Two forests are the same when every tree has the same node arrays (bitwise).</summary>
    private static void SameTrees(IReadOnlyList<TreeStructure> a, IReadOnlyList<TreeStructure> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int t = 0; t < a.Count; t++)
        {
            Assert.True(a[t].Feature.SequenceEqual(b[t].Feature), $"tree {t}: split features differ");
            Assert.True(a[t].Threshold.SequenceEqual(b[t].Threshold), $"tree {t}: thresholds differ");
            Assert.True(a[t].LeftChild.SequenceEqual(b[t].LeftChild), $"tree {t}: children differ");
            Assert.True(a[t].Values.SequenceEqual(b[t].Values), $"tree {t}: node values differ");
            Assert.True(a[t].WeightedSampleCount.SequenceEqual(b[t].WeightedSampleCount), $"tree {t}: node weights differ");
        }
    }

    public static TheoryData<string> Kinds() => ["rfc", "etc", "rfr", "etr"];

    private static ForestModel<double> Fit(string kind, int trees, bool oob = true, ulong seed = 5) => kind switch
    {
        "rfc" => new RandomForestClassifier(trees, OobScore: oob, Seed: seed).Fit(Blobs.X, Blobs.Y),
        "etc" => new ExtraTreesClassifier(trees, Bootstrap: oob, OobScore: oob, Seed: seed).Fit(Blobs.X, Blobs.Y),
        "rfr" => new RandomForestRegressor(trees, OobScore: oob, MaxFeatures: 0.5, Seed: seed).Fit(Reg.X, Reg.Y),
        _ => new ExtraTreesRegressor(trees, Bootstrap: oob, OobScore: oob, Seed: seed).Fit(Reg.X, Reg.Y),
    };

    private static ForestModel<double> AddTrees(ForestModel<double> m, int count) => m switch
    {
        RandomForestClassifierModel<double> r => r.AddTrees(Blobs.X, Blobs.Y, count),
        ExtraTreesClassifierModel<double> e => e.AddTrees(Blobs.X, Blobs.Y, count),
        RandomForestRegressorModel<double> r => r.AddTrees(Reg.X, Reg.Y, count),
        ExtraTreesRegressorModel<double> e => e.AddTrees(Reg.X, Reg.Y, count),
        _ => throw new InvalidOperationException(),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SameForestAtOneAndTwoThreads(string kind)
    {
        var one = AtThreads(1, () => Fit(kind, 12));
        var two = AtThreads(2, () => Fit(kind, 12));
        SameTrees(one.Trees, two.Trees);
        Assert.Equal(one.OobScore, two.OobScore);
        Assert.Equal(one.OobPrediction!.ToArray(), two.OobPrediction!.ToArray());
        var x = kind.EndsWith('c') ? Blobs.X : Reg.X;
        Assert.Equal(AtThreads(1, () => one.Apply(x)).ToArray(), AtThreads(2, () => two.Apply(x)).ToArray());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WarmStartEqualsFittingAtOnce(string kind)
    {
        var small = Fit(kind, 7);
        var grown = AddTrees(small, 9);
        var once = Fit(kind, 16);
        Assert.Equal(7, small.Trees.Count);
        SameTrees(once.Trees, grown.Trees);
        Assert.Equal(once.OobScore, grown.OobScore);
        Assert.Equal(once.OobPrediction!.ToArray(), grown.OobPrediction!.ToArray());
        Assert.Equal(once.Settings, grown.Settings);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentForests()
    {
        var a = Fit("rfc", 5, seed: 1);
        var b = Fit("rfc", 5, seed: 2);
        Assert.False(a.Trees[0].Threshold.SequenceEqual(b.Trees[0].Threshold));
        Assert.False(a.Trees[0].Threshold.SequenceEqual(a.Trees[1].Threshold), "two trees of one forest share their random stream");
    }

    [Fact]
    public void BootstrapCountsAreUniformDrawsThatReplayExactly()
    {
        var counts = ForestTrainer.BootstrapCounts(ForestTrainer.TreeGenerator(3, 4), 20_000, 20_000);
        Assert.Equal(20_000, counts.Sum());
        Assert.Equal(counts, ForestTrainer.BootstrapCounts(ForestTrainer.TreeGenerator(3, 4), 20_000, 20_000));
        // P(a row is never drawn) = (1 − 1/n)^n ≈ e⁻¹; with n = 20 000 the fraction's standard deviation is 0.0034.
        double outOfBag = counts.Count(c => c == 0) / 20_000.0;
        Assert.InRange(outOfBag, Math.Exp(-1) - 0.015, Math.Exp(-1) + 0.015);
    }

    [Fact]
    public void OutOfBagPredictionAveragesExactlyTheTreesThatLeftEachRowOut()
    {
        var m = (RandomForestClassifierModel<double>)Fit("rfc", 9);
        int n = Blobs.X.Shape[0], c = 3;
        var x = Blobs.X.ToArray();
        var expected = new double[n * c];
        var count = new int[n];
        for (int t = 0; t < m.Trees.Count; t++)
        {
            var drawn = ForestTrainer.BootstrapCounts(ForestTrainer.TreeGenerator(5, t), n, n);
            for (int i = 0; i < n; i++)
            {
                if (drawn[i] > 0) continue;
                count[i]++;
                var v = m.Trees[t].Value(m.Trees[t].Apply(x.AsSpan(i * 5, 5)));
                for (int k = 0; k < c; k++) expected[i * c + k] += v[k];
            }
        }
        int correct = 0, scored = 0;
        var oob = m.OobPrediction!.ToArray();
        for (int i = 0; i < n; i++)
        {
            if (count[i] == 0) { Assert.True(double.IsNaN(oob[i * c])); continue; }
            int best = 0;
            for (int k = 0; k < c; k++)
            {
                Assert.Equal(expected[i * c + k] / count[i], oob[i * c + k], 14);
                if (expected[i * c + k] > expected[i * c + best]) best = k;
            }
            scored++;
            if (best == Blobs.Y[i]) correct++;
        }
        Assert.Equal((double)correct / scored, m.OobScore!.Value, 14);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PackedRouterMatchesTheReadableTwin(string kind)
    {
        var m = Fit(kind, 6, oob: false);
        var x = (kind.EndsWith('c') ? Blobs.X : Reg.X).Narrow(0, 0, 100).Contiguous();
        int n = 100, d = x.Shape[1], w = m.Trees[0].ValueWidth;
        var rows = x.ToArray();
        var leaves = m.Apply(x).ToArray();
        var mean = new double[n * w];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < m.Trees.Count; t++)
            {
                int leaf = m.Trees[t].Apply(rows.AsSpan(i * d, d));
                Assert.Equal(leaf, leaves[i * m.Trees.Count + t]);
                var v = m.Trees[t].Value(leaf);
                for (int j = 0; j < w; j++) mean[i * w + j] += v[j] / m.Trees.Count;
            }
        var predicted = m is ForestClassifierModel<double> cm ? cm.PredictProba(x) : ((ForestRegressorModel<double>)m).Predict(x).Reshape(n, 1);
        TensorAssert.Close(Tensor.FromArray(mean, n, w), predicted, new Tolerance("ForestMeanOrder", 1e-14, 1e-14));
        // The TreeSHAP view: base 0 + Σ (1/T)·value = the same mean.
        var raw = new double[w];
        m.Ensemble.Raw(rows.AsSpan(0, d), raw);
        for (int j = 0; j < w; j++) Assert.Equal(mean[j], raw[j], 14);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SaveLoadRoundTripsTreesOptionsAndOutOfBag(string kind)
    {
        var m = Fit(kind, 5);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        ForestModel<double> back = kind switch
        {
            "rfc" => RandomForestClassifierModel<double>.Load(s),
            "etc" => ExtraTreesClassifierModel<double>.Load(s),
            "rfr" => RandomForestRegressorModel<double>.Load(s),
            _ => ExtraTreesRegressorModel<double>.Load(s),
        };
        SameTrees(m.Trees, back.Trees);
        Assert.Equal(m.Settings, back.Settings);
        Assert.Equal(m.OobScore, back.OobScore);
        Assert.Equal(m.OobPrediction!.ToArray(), back.OobPrediction!.ToArray());
        Assert.Equal(m.FeatureImportances.ToArray(), back.FeatureImportances.ToArray());
    }

    [Fact]
    public void OptionsRoundTripThroughTheFileIncludingClassWeightsAndLimits()
    {
        var est = new RandomForestClassifier(4, SplitCriterion.Entropy, 5, 4, 2, 0.01, FeatureSubset.Log2, 20, 1e-4, true, false, 9,
            ForestClassWeights.Of(new Dictionary<int, double> { [1] = 2.5 }), ForestMaxSamples.Fraction(0.75));
        var m = est.Fit(Blobs.X, Blobs.Y);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = RandomForestClassifierModel<double>.Load(s);
        Assert.Equal(est.ToString(), back.Options.ToString());
        Assert.Equal(m.PredictProba(Blobs.X).ToArray(), back.PredictProba(Blobs.X).ToArray());
    }

    [Fact]
    public void MaxFeaturesAndMaxSamplesResolveLikeSklearn()
    {
        Assert.Equal(3, FeatureSubset.Sqrt.Resolve(10));   // the classifiers' default (null)
        Assert.Equal(10, FeatureSubset.All.Resolve(10));   // the regressors' default (null)
        Assert.Equal(3, FeatureSubset.Sqrt.Resolve(15));
        Assert.Equal(3, FeatureSubset.Log2.Resolve(15));
        Assert.Equal(1, FeatureSubset.Log2.Resolve(1));
        Assert.Equal(4, ((FeatureSubset)0.3).Resolve(15));
        Assert.Equal(1, ((FeatureSubset)0.01).Resolve(15));
        Assert.Equal(7, ((FeatureSubset)7).Resolve(15));
        Assert.Equal(15, FeatureSubset.All.Resolve(15));
        Assert.Equal(100, ForestMaxSamples.All.Resolve("t", 100));
        Assert.Equal(2, ((ForestMaxSamples)0.25).Resolve("t", 10));   // round(2.5) = 2 (half to even, Python's round)
        Assert.Equal(4, ((ForestMaxSamples)0.35).Resolve("t", 10));   // round(3.5) = 4
        Assert.Equal(1, ((ForestMaxSamples)0.01).Resolve("t", 10));
        Assert.Equal(10, ((ForestMaxSamples)10).Resolve("t", 10));
    }

    [Fact]
    public void MaxSamplesSetsEachTreesBootstrapWeight()
    {
        var m = new RandomForestClassifier(5, MaxSamples: 40, Seed: 2).Fit(Blobs.X, Blobs.Y);
        foreach (var t in m.Trees) Assert.Equal(40.0, t.WeightedSampleCount[0]);
        var e = new ExtraTreesClassifier(5, Seed: 2).Fit(Blobs.X, Blobs.Y);
        foreach (var t in e.Trees) Assert.Equal(150.0, t.WeightedSampleCount[0]);
    }

    [Fact]
    public void BalancedSubsampleWeighsEachBootstrapSampleItsOwnWay()
    {
        // Draws: class 0 drawn 3 times (rows 0, 1), class 1 once (row 2), class 2 never: m = 4, C' = 2.
        var w = new[] { 2.0, 1.0, 1.0, 0.0 };
        ForestTrainer.ApplySubsampleClassWeights(w, [2, 1, 1, 0], [0, 0, 1, 2], 3, 4);
        Assert.Equal([2 * 4 / 6.0, 4 / 6.0, 4 / 2.0, 0], w);
    }

    [Fact]
    public void BalancedClassWeightEqualsTheExplicitBalancedWeights()
    {
        int[] y = [.. Blobs.Y.Select((v, i) => i < 100 ? v : 0)];
        var counts = new[] { y.Count(v => v == 0), y.Count(v => v == 1), y.Count(v => v == 2) };
        var explicitWeights = ClassWeights.Of(Enumerable.Range(0, 3).ToDictionary(k => k, k => 150.0 / (3 * counts[k])));
        var a = new RandomForestClassifier(6, ClassWeight: ForestClassWeights.Balanced, Seed: 4).Fit(Blobs.X, y);
        var b = new RandomForestClassifier(6, ClassWeight: explicitWeights, Seed: 4).Fit(Blobs.X, y);
        Assert.Equal(a.PredictProba(Blobs.X).ToArray(), b.PredictProba(Blobs.X).ToArray());
    }

    [Fact]
    public void DuplicatedOutputsGiveTheSingleOutputForest()
    {
        var single = new RandomForestRegressor(5, Seed: 3).Fit(Reg.X, Reg.Y);
        var both = new RandomForestRegressor(5, Seed: 3).Fit(Reg.X, Tensor.Stack([Reg.Y, Reg.Y], 1));
        var p = both.Predict(Reg.X);
        Assert.Equal([150, 2], p.Shape.ToArray());
        TensorAssert.Close(single.Predict(Reg.X), p.Narrow(1, 0, 1).Reshape(150), new Tolerance("ForestTwoOutputs", 1e-12, 1e-12));
    }

    [Fact]
    public void FloatModelsAgreeWithDoubleModels()
    {
        var d = new RandomForestClassifier(20, Seed: 1).Fit(Blobs.X, Blobs.Y);
        var f = new RandomForestClassifier(20, Seed: 1).Fit(Blobs.X.Cast<float>(), Blobs.Y);
        var pd = d.PredictProba(Blobs.X).ToArray();
        var pf = f.PredictProba(Blobs.X.Cast<float>()).ToArray();
        // float32 rounding of the features can only move a threshold between the same two neighbours, so the
        // probabilities agree up to float32 rounding of the output.
        for (int i = 0; i < pd.Length; i++) Assert.Equal(pd[i], pf[i], 6);
        var r = new ExtraTreesRegressor(20, Seed: 1).Fit(Reg.X.Cast<float>(), Reg.Y.Cast<float>());
        Assert.True(r.Score(Reg.X.Cast<float>(), Reg.Y.Cast<float>()) > 0.95);
    }
}
