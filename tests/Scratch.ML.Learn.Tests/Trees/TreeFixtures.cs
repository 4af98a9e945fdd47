using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>The scikit-learn 1.2 tree fixtures (tests/reference/sklearn_trees.py) and a tie-aware tree comparison.</summary>
internal static class TreeFixtures
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "trees", "trees.json"))).RootElement;

    /// <summary>
    /// Node impurities and weighted counts are float64 sums over the same samples in another order (scikit-learn's
    /// introsort leaves equal values in an unspecified order), so they agree to rounding: 1e-12 relative.
    /// Counts, partitions and classification values from integer counts are exact.
    /// </summary>
    public static readonly Tolerance Sums = Tolerance.Float64Reduction;

    public static IEnumerable<JsonElement> Cases => Root.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string name) => Cases.First(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<object[]> CaseNames(string kind) =>
        Cases.Where(c => c.GetProperty("kind").GetString() == kind).Select(c => new object[] { c.GetProperty("name").GetString()! });

    /// <summary>The dataset of a case (by its name prefix): X (n, d) float64 and y.</summary>
    public static Dataset Data(string caseName) => caseName.Split('_')[0] switch
    {
        "iris" => SmallDatasets.LoadIris(),
        "bc" => SmallDatasets.LoadBreastCancer(),
        "dia" or "dia2" => SmallDatasets.LoadDiabetes(),
        var p => throw new ArgumentException($"Unknown dataset prefix {p}."),
    };

    /// <summary>Regression targets of a case, row-major (n, k): diabetes, or for "dia2" (y, 10·√y) as in the script.</summary>
    public static (double[] Y, int Outputs) RegressionTargets(string caseName)
    {
        var y = Data(caseName).Target.ToArray();
        if (!caseName.StartsWith("dia2", StringComparison.Ordinal)) return (y, 1);
        var y2 = new double[y.Length * 2];
        for (int i = 0; i < y.Length; i++) { y2[2 * i] = y[i]; y2[2 * i + 1] = Math.Sqrt(y[i]) * 10; }
        return (y2, 2);
    }

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    /// <summary>A number array or an array of number arrays, flattened row-major.</summary>
    public static double[] Flat(JsonElement e) => e.EnumerateArray()
        .SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(u => u.GetDouble()) : [v.GetDouble()]).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
    public static double[]? OptionalDoubles(JsonElement c, string name) =>
        c.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Array ? Doubles(e) : null;

    /// <summary>Parameter <paramref name="name"/> of a case, or <paramref name="fallback"/>.</summary>
    public static double Param(JsonElement c, string name, double fallback) =>
        c.GetProperty("params").TryGetProperty(name, out var e) ? e.GetDouble() : fallback;

    public static string Criterion(JsonElement c) =>
        c.GetProperty("params").TryGetProperty("criterion", out var e) ? e.GetString()!
            : c.GetProperty("kind").GetString() == "classifier" ? "gini" : "squared_error";

    /// <summary>Asserts node-for-node identity with scikit-learn's tree (ids, splits, counts; sums to <see cref="Sums"/>).</summary>
    public static void AssertIdenticalTree(JsonElement c, TreeStructure ours, Tolerance? sums = null)
    {
        var tol = sums ?? Sums;
        string name = c.GetProperty("name").GetString()!;
        var left = Ints(c.GetProperty("children_left"));
        Assert.True(left.Length == ours.NodeCount, $"{name}: {ours.NodeCount} nodes, sklearn {left.Length}.");
        Assert.Equal(left, ours.LeftChild.ToArray());
        Assert.Equal(Ints(c.GetProperty("children_right")), ours.RightChild.ToArray());
        Assert.Equal(Ints(c.GetProperty("feature")), ours.Feature.ToArray());
        Assert.Equal(Doubles(c.GetProperty("threshold")), ours.Threshold.ToArray());
        Assert.Equal(Ints(c.GetProperty("n_node_samples")), ours.SampleCount.ToArray());
        var weighted = Doubles(c.GetProperty("weighted_n_node_samples"));
        var impurity = Doubles(c.GetProperty("impurity"));
        var values = c.GetProperty("value").EnumerateArray().Select(Doubles).ToArray();
        for (int n = 0; n < left.Length; n++)
        {
            Assert.True(tol.IsClose(ours.WeightedSampleCount[n], weighted[n]), $"{name} node {n}: weight {ours.WeightedSampleCount[n]:R} vs {weighted[n]:R}.");
            Assert.True(tol.IsClose(ours.Impurity[n], impurity[n]), $"{name} node {n}: impurity {ours.Impurity[n]:R} vs {impurity[n]:R}.");
            var v = ours.Value(n);
            for (int j = 0; j < v.Length; j++)
                Assert.True(tol.IsClose(v[j], values[n][j]), $"{name} node {n}: value[{j}] {v[j]:R} vs {values[n][j]:R}.");
        }
    }

    /// <summary>
    /// Compares our tree with scikit-learn's top-down. At each internal node our (feature, threshold) must be one of
    /// the splits the fixture found tied with scikit-learn's choice; when it is a tie with the same partition the
    /// subtrees are compared, when it is a tie with another partition the comparison stops there (counted). Returns
    /// whether the whole tree was compared (no divergent tie was taken).
    /// </summary>
    public static bool AssertSameTree(JsonElement c, TreeStructure ours, int outputs = 1)
    {
        var left = Ints(c.GetProperty("children_left"));
        var right = Ints(c.GetProperty("children_right"));
        var samples = Ints(c.GetProperty("n_node_samples"));
        var weighted = Doubles(c.GetProperty("weighted_n_node_samples"));
        var impurity = Doubles(c.GetProperty("impurity"));
        var values = c.GetProperty("value").EnumerateArray().Select(Doubles).ToArray();
        var alternatives = c.GetProperty("alternatives").EnumerateArray().ToArray();
        string name = c.GetProperty("name").GetString()!;
        bool complete = true;
        var stack = new Stack<(int Ours, int Theirs)>();
        stack.Push((0, 0));
        while (stack.Count > 0)
        {
            var (o, t) = stack.Pop();
            string at = $"{name}: our node {o} / sklearn node {t}";
            Assert.True(samples[t] == ours.SampleCount[o], $"{at}: {ours.SampleCount[o]} samples, sklearn {samples[t]}.");
            Assert.True(Sums.IsClose(ours.WeightedSampleCount[o], weighted[t]), $"{at}: weight {ours.WeightedSampleCount[o]} vs {weighted[t]}.");
            Assert.True(Sums.IsClose(ours.Impurity[o], impurity[t]), $"{at}: impurity {ours.Impurity[o]:R} vs {impurity[t]:R}.");
            var v = ours.Value(o);
            for (int j = 0; j < v.Length; j++)
                Assert.True(Sums.IsClose(v[j], values[t][j]), $"{at}: value[{j}] {v[j]:R} vs {values[t][j]:R}.");
            if (left[t] == -1)
            {
                Assert.True(ours.IsLeaf(o), $"{at}: sklearn has a leaf, we split on feature {ours.Feature[o]}.");
                continue;
            }
            Assert.False(ours.IsLeaf(o), $"{at}: sklearn splits, we have a leaf.");
            int match = -1;
            var alts = alternatives[t].EnumerateArray().ToArray();
            for (int a = 0; a < alts.Length; a++)
                if (alts[a][0].GetInt32() == ours.Feature[o] && alts[a][1].GetDouble() == ours.Threshold[o]) match = a;
            Assert.True(match >= 0, $"{at}: our split (feature {ours.Feature[o]}, threshold {ours.Threshold[o]:R}) is not among sklearn's optima " +
                string.Join(", ", alts.Select(a => $"({a[0]}, {a[1]})")));
            if (alts[match][2].GetInt32() == 0) { complete = false; continue; }
            stack.Push((ours.LeftChild[o], left[t]));
            stack.Push((ours.RightChild[o], right[t]));
        }
        return complete;
    }
}
