using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Trees;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.InspectionFixture;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>Partial dependence by tree recursion: vs scikit-learn's on exported trees, vs brute force where they must agree, vs a slow implementation.</summary>
public class PartialDependenceRecursionTests
{
    internal static TreeStructure FromSklearn(JsonElement t, int d)
    {
        var left = Ints(t.GetProperty("left"));
        int m = left.Length;
        return new TreeStructure(d, 1, left, Ints(t.GetProperty("right")), Ints(t.GetProperty("feature")), Doubles(t.GetProperty("threshold")),
            new bool[m], Doubles(t.GetProperty("impurity")), Ints(t.GetProperty("n")), Doubles(t.GetProperty("w")), Doubles(t.GetProperty("value")));
    }

    [Theory]
    [InlineData("diabetes_tree_recursion")]
    [InlineData("diabetes_tree_recursion_pair")]
    [InlineData("diabetes_gb_recursion")]
    public void SklearnTreesMatch(string name)
    {
        var c = Pdp(name);
        var trees = c.GetProperty("trees").EnumerateArray().Select(t => FromSklearn(t, 10)).ToArray();
        bool gb = c.TryGetProperty("learning_rate", out var lr);
        double init = gb ? c.GetProperty("init").GetDouble() : 0;
        var ensemble = new TreeEnsemble(trees, trees.Select(_ => gb ? lr.GetDouble() : 1.0).ToArray(), new int[trees.Length], [init]);
        var f = c.GetProperty("features")[0];
        int[] features = f.ValueKind == JsonValueKind.Array ? Ints(f) : [f.GetInt32()];
        var r = PartialDependence.ComputeRecursion(ensemble, Rows(Diabetes.Data, Range(60)), features,
            new PartialDependenceOptions { GridResolution = c.GetProperty("grid_resolution").GetInt32() });
        // sklearn leaves GradientBoosting's init_ out of recursion results; ours includes the base value.
        var shifted = r with { Average = r.Average!.Select(v => v - init).ToArray() };
        PartialDependenceTests.AssertMatches(c, shifted, name);
    }

    // Full factorial data: x0 ∈ {0..3}, x1 ∈ {0, 1, 2}, x2 ∈ {0, 1}. Every feature is independent of the others in
    // the sample, which is exactly when recursion (weights by training cover) equals brute force over the data.
    private static readonly double[] Factorial = Enumerable.Range(0, 24).SelectMany(i => new double[] { i / 6, i / 2 % 3, i % 2 }).ToArray();

    /// <summary>A tree with covers counted by routing <paramref name="data"/>: nodes given as (feature, threshold, left, right) or leaves (values).</summary>
    internal static TreeStructure Build(int[] left, int[] right, int[] feature, double[] threshold, double[] values, int width, double[] data, int d, double[]? rowWeight = null)
    {
        int m = left.Length, n = data.Length / d;
        var counts = new int[m];
        var cover = new double[m];
        for (int i = 0; i < n; i++)
        {
            int node = 0;
            while (true)
            {
                counts[node]++;
                cover[node] += rowWeight?[i] ?? 1;
                if (left[node] < 0) break;
                node = data[i * d + feature[node]] <= threshold[node] ? left[node] : right[node];
            }
        }
        return new TreeStructure(d, width, left, right, feature, threshold, new bool[m], new double[m], counts, cover, values);
    }

    private static TreeEnsemble TwoTrees(double[] data, double[]? rowWeight = null)
    {
        //        0: x1 ≤ 0.5            1: x0 ≤ 1.5 → 3 | 4: x2 ≤ 0.5 → 5 | 6      2: x0 ≤ 2.5 → 7: x2 ≤ 0.5 → 9 | 10 ; 8
        var a = Build([1, 3, 7, -1, 5, -1, -1, 9, -1, -1, -1], [2, 4, 8, -1, 6, -1, -1, 10, -1, -1, -1],
            [1, 0, 0, -2, 2, -2, -2, 2, -2, -2, -2], [0.5, 1.5, 2.5, 0, 0.5, 0, 0, 0.5, 0, 0, 0],
            [0, 0, 0, 0, 0, 0, 1, -1, 0, 0, 2, 5, 3, 1, 0, 0, 6, 2, 4, 4, 5, -3], 2, data, 3, rowWeight);
        //        0: x2 ≤ 0.5 → 1: x0 ≤ 0.5 → 3 | 4 ; 2: x1 ≤ 1.5 → 5 | 6
        var b = Build([1, 3, 5, -1, -1, -1, -1], [2, 4, 6, -1, -1, -1, -1], [2, 0, 1, -2, -2, -2, -2], [0.5, 0.5, 1.5, 0, 0, 0, 0],
            [0, 0, 0, 7, -2, 1, 0.5], 1, data, 3, rowWeight);
        return new TreeEnsemble([a, b], [1.0, 0.5], [0, 1], [1.0, -1.0]);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 2, 1 })]
    public void EqualsBruteForceWhenFeaturesAreIndependentInTheTrainingData(int[] features)
    {
        var ensemble = TwoTrees(Factorial);
        var x = Tensor.FromArray(Factorial, 24, 3);
        var rec = PartialDependence.ComputeRecursion(ensemble, x, features);
        var brute = PartialDependence.Compute(t => Raw(ensemble, t), x, features, new PartialDependenceOptions { Method = PartialDependenceMethod.Brute });
        Assert.Equal(2, rec.Outputs);
        Assert.Equal(brute.Average!.Length, rec.Average!.Length);
        for (int i = 0; i < rec.Average.Length; i++) Assert.Equal(brute.Average[i], rec.Average[i], 1e-12);
    }

    [Fact]
    public void DiffersFromBruteForceOnCorrelatedDataButMatchesASlowLeafEnumeration()
    {
        // Weighted rows make x0 and x1 dependent: recursion follows the weighted cover, brute force the rows of x.
        var w = Enumerable.Range(0, 24).Select(i => 1.0 + (i / 6 < i / 2 % 3 ? 5 : 0)).ToArray();
        var ensemble = TwoTrees(Factorial, w);
        var x = Tensor.FromArray(Factorial, 24, 3);
        foreach (int[] features in new[] { new[] { 0 }, new[] { 1 }, new[] { 0, 2 }, new[] { 1, 0 } })
        {
            var rec = PartialDependence.ComputeRecursion(ensemble, x, features);
            var pts = PartialDependence.Cartesian(rec.GridValues.ToArray());
            int g = rec.GridSize, s = features.Length;
            for (int p = 0; p < g; p++)
            {
                var slow = Slow(ensemble, features, pts.AsSpan(p * s, s).ToArray());
                for (int o = 0; o < 2; o++) Assert.Equal(slow[o], rec.Average![o * g + p], 1e-12);
            }
        }
        var r0 = PartialDependence.ComputeRecursion(ensemble, x, [0]);
        var b0 = PartialDependence.Compute(t => Raw(ensemble, t), x, [0], new PartialDependenceOptions { Method = PartialDependenceMethod.Brute });
        Assert.Contains(r0.Average!.Zip(b0.Average!), p => Math.Abs(p.First - p.Second) > 1e-3);
    }

    [Fact]
    public void AutoMethodPicksRecursionForTreeRegressorsOnlyForTheAverage()
    {
        var ensemble = TwoTrees(Factorial);
        var model = new TreeStub(ensemble);
        var x = Tensor.FromArray(Factorial, 24, 3);
        var auto = PartialDependence.Compute(model, x, [1]);
        Assert.Equal(PartialDependence.ComputeRecursion(ensemble, x, [1]).Average, auto.Average);
        var both = PartialDependence.Compute(model, x, [1], new PartialDependenceOptions { Kind = PartialDependenceKind.Both });
        Assert.NotNull(both.Individual);
        Assert.Equal(24, both.Samples);
        Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [1], new PartialDependenceOptions { Method = PartialDependenceMethod.Recursion, Kind = PartialDependenceKind.Individual }));
        Assert.Throws<ArgumentException>(() => PartialDependence.ComputeRecursion(ensemble, Tensor.Zeros<double>(5, 4), [1]));
    }

    private static Tensor<double> Raw(TreeEnsemble e, Tensor<double> x)
    {
        int n = x.Shape[0], d = x.Shape[1], k = e.OutputCount;
        var a = x.ToArray();
        var r = new double[n * k];
        for (int i = 0; i < n; i++) e.Raw(a.AsSpan(i * d, d), r.AsSpan(i * k, k));
        return Tensor.FromArray(r, n, k);
    }

    /// <summary>Independent formulation: Σ over leaves of value × Π over the path (target split: 1 if the point takes it, else 0; other split: child cover / parent cover).</summary>
    private static double[] Slow(TreeEnsemble e, int[] features, double[] point)
    {
        var result = e.BaseValue.ToArray();
        for (int t = 0; t < e.Trees.Count; t++)
        {
            var tree = e.Trees[t];
            var parent = new int[tree.NodeCount];
            parent[0] = -1;
            for (int node = 0; node < tree.NodeCount; node++)
                if (!tree.IsLeaf(node)) { parent[tree.LeftChild[node]] = node; parent[tree.RightChild[node]] = node; }
            for (int leaf = 0; leaf < tree.NodeCount; leaf++)
            {
                if (!tree.IsLeaf(leaf)) continue;
                double weight = 1;
                for (int child = leaf, up = parent[leaf]; up >= 0; child = up, up = parent[up])
                {
                    int f = Array.IndexOf(features, tree.Feature[up]);
                    bool isLeft = tree.LeftChild[up] == child;
                    weight *= f >= 0 ? ((point[f] <= tree.Threshold[up]) == isLeft ? 1 : 0) : tree.WeightedSampleCount[child] / tree.WeightedSampleCount[up];
                }
                var v = tree.Value(leaf);
                for (int j = 0; j < v.Length; j++) result[e.OutputOffsets[t] + j] += e.Weights[t] * weight * v[j];
            }
        }
        return result;
    }
}

/// <summary>A regressor made of a tree ensemble (identity link), for the method dispatch.</summary>
internal sealed class TreeStub(TreeEnsemble ensemble) : IRegressionModel<double>, ITreeEnsembleModel
{
    public TreeEnsemble Ensemble => ensemble;

    public int FeatureCount => ensemble.FeatureCount;

    public Tensor<double> Predict(Tensor<double> x)
    {
        int n = x.Shape[0], d = x.Shape[1], k = ensemble.OutputCount;
        var a = x.ToArray();
        var r = new double[n * k];
        for (int i = 0; i < n; i++) ensemble.Raw(a.AsSpan(i * d, d), r.AsSpan(i * k, k));
        return Tensor.FromArray(r, n, k);
    }

    public void Save(Stream stream) => throw new NotSupportedException();
}
