using System.Text.Json;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>
/// Random trees and ensembles for the TreeSHAP and TreeStructure tests, the brute-force Shapley oracle, and the
/// scikit-learn tree fixtures (tests/reference/sklearn_treeshap.py).
/// </summary>
internal static class TreeShapTestTrees
{
    /// <summary>
    /// TreeSHAP against the 2^d-coalition oracle and efficiency: both are sums of a few hundred products of fractions in
    /// float64, so they agree to ~1e-14; 1e-10 is the brief's bound (and leaves room for deep, unbalanced trees).
    /// </summary>
    public static readonly Tolerance Shapley = new("TreeSHAP vs exact Shapley (float64 sums of path products)", 1e-10, 1e-10);

    /// <summary>
    /// A random tree with node ids in depth-first order: features repeat along paths (exercising UNWIND), some nodes
    /// are categorical (category sets over 0…5), NaN goes left or right at random, covers split the parent's at random
    /// and sometimes give a child zero cover.
    /// </summary>
    public static TreeStructure RandomTree(Random rng, int features, int maxDepth, int width = 1, double leafProbability = 0.2,
        bool categorical = true, bool zeroCovers = true)
    {
        var left = new List<int>(); var right = new List<int>(); var feature = new List<int>(); var threshold = new List<double>();
        var missing = new List<bool>(); var cover = new List<double>(); var offsets = new List<int>(); var words = new List<uint>();
        void Build(int depth, double w)
        {
            int id = left.Count;
            left.Add(-1); right.Add(-1); feature.Add(-2); threshold.Add(-2); missing.Add(false); cover.Add(w); offsets.Add(-1);
            if (depth == maxDepth || (depth > 0 && rng.NextDouble() < leafProbability)) return;
            feature[id] = rng.Next(features);
            missing[id] = rng.Next(2) == 0;
            if (categorical && rng.NextDouble() < 0.25)
            {
                offsets[id] = words.Count;
                words.Add((uint)rng.Next(1, 63));   // a random subset of categories 0…5
                for (int k = 1; k < 8; k++) words.Add(0);
            }
            else threshold[id] = Math.Round(rng.NextDouble() * 4 - 2, 1);
            double u = zeroCovers && rng.NextDouble() < 0.05 ? rng.Next(2) : 0.05 + 0.9 * rng.NextDouble();
            left[id] = left.Count;
            Build(depth + 1, w * u);
            right[id] = left.Count;
            Build(depth + 1, w * (1 - u));
        }
        Build(0, 10 + 90 * rng.NextDouble());
        int m = left.Count;
        var values = new double[m * width];
        for (int i = 0; i < values.Length; i++) values[i] = Math.Round(rng.NextDouble() * 20 - 10, 3);
        var samples = cover.Select(c => (int)Math.Ceiling(c)).ToArray();
        bool anyCat = offsets.Any(o => o >= 0);
        return new TreeStructure(features, width, [.. left], [.. right], [.. feature], [.. threshold], [.. missing], new double[m], samples,
            [.. cover], values, anyCat ? [.. words] : null, anyCat ? [.. offsets] : null);
    }

    /// <summary>An ensemble of <paramref name="trees"/> random trees writing at random offsets of <paramref name="outputs"/> outputs.</summary>
    public static TreeEnsemble RandomEnsemble(Random rng, int features, int trees, int maxDepth, int outputs)
    {
        var list = new List<TreeStructure>(); var weights = new List<double>(); var offsets = new List<int>();
        for (int t = 0; t < trees; t++)
        {
            int width = 1 + rng.Next(outputs);
            list.Add(RandomTree(rng, features, maxDepth, width));
            weights.Add(Math.Round(rng.NextDouble() * 2 - 0.5, 2));
            offsets.Add(rng.Next(outputs - width + 1));
        }
        var baseValue = Enumerable.Range(0, outputs).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        return new TreeEnsemble(list, weights, offsets, baseValue);
    }

    /// <summary>Rows mixing small integers (category codes), reals and NaN: (n, d) row-major.</summary>
    public static double[] RandomRows(Random rng, int n, int d, double nanRate = 0.1)
    {
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            double u = rng.NextDouble();
            x[i] = u < nanRate ? double.NaN : u < 0.5 ? rng.Next(-1, 7) : Math.Round(rng.NextDouble() * 6 - 3, 2);
        }
        return x;
    }

    /// <summary>
    /// The definition, by brute force: φ_i = Σ_{S ⊆ N∖{i}} |S|!(d−|S|−1)!/d! · (v(S ∪ {i}) − v(S)) with
    /// v(S) = base + Σ_t w_t E_t[f | x_S], E_t by the tree recursion (follow x at features in S, cover-weighted average
    /// of both children otherwise). Returns φ (d × outputs, row-major) and v(∅) (outputs).
    /// </summary>
    public static (double[] Phi, double[] Expected) Oracle(TreeEnsemble e, double[] x)
    {
        var v = Coalitions(e, x);
        return (ShapleySum(v, e.FeatureCount, e.OutputCount), v[0]);
    }

    /// <summary>φ (d × outputs, row-major) from v(S) of every coalition S (bit mask) by the Shapley sum.</summary>
    public static double[] ShapleySum(double[][] v, int d, int outputs)
    {
        var fact = Factorials(d);
        var phi = new double[d * outputs];
        for (int i = 0; i < d; i++)
            for (int s = 0; s < 1 << d; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)s);
                double weight = fact[size] * fact[d - size - 1] / fact[d];
                for (int o = 0; o < outputs; o++) phi[i * outputs + o] += weight * (v[s | (1 << i)][o] - v[s][o]);
            }
        return phi;
    }

    /// <summary>v(S) for every coalition S (bit mask): (2^d)[outputs].</summary>
    private static double[][] Coalitions(TreeEnsemble e, double[] x)
    {
        var v = new double[1 << e.FeatureCount][];
        for (int s = 0; s < v.Length; s++)
        {
            var raw = e.BaseValue.ToArray();
            for (int t = 0; t < e.Trees.Count; t++)
            {
                var c = Conditional(e.Trees[t], 0, x, s);
                for (int j = 0; j < c.Length; j++) raw[e.OutputOffsets[t] + j] += e.Weights[t] * c[j];
            }
            v[s] = raw;
        }
        return v;
    }

    private static double[] Factorials(int d)
    {
        var fact = new double[d + 1];
        fact[0] = 1;
        for (int k = 1; k <= d; k++) fact[k] = fact[k - 1] * k;
        return fact;
    }

    /// <summary>
    /// SHAP interaction values by their definition: Φ_ij = Σ_{S ⊆ N∖{i,j}} |S|!(d−|S|−2)!/(2(d−1)!) ·
    /// (v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S)) for i ≠ j, Φ_ii = φ_i − Σ_{j≠i} Φ_ij: (d, d, outputs) row-major.
    /// </summary>
    public static double[] InteractionOracle(TreeEnsemble e, double[] x)
    {
        int d = e.FeatureCount, outputs = e.OutputCount;
        var v = Coalitions(e, x);
        var fact = Factorials(d);
        var (phi, _) = Oracle(e, x);
        var r = new double[d * d * outputs];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (i == j) continue;
                int bi = 1 << i, bj = 1 << j;
                for (int s = 0; s < v.Length; s++)
                {
                    if ((s & (bi | bj)) != 0) continue;
                    int size = System.Numerics.BitOperations.PopCount((uint)s);
                    double weight = fact[size] * fact[d - size - 2] / (2 * fact[d - 1]);
                    for (int o = 0; o < outputs; o++)
                        r[(i * d + j) * outputs + o] += weight * (v[s | bi | bj][o] - v[s | bi][o] - v[s | bj][o] + v[s][o]);
                }
            }
            for (int o = 0; o < outputs; o++)
            {
                double off = 0;
                for (int j = 0; j < d; j++) if (j != i) off += r[(i * d + j) * outputs + o];
                r[(i * d + i) * outputs + o] = phi[i * outputs + o] - off;
            }
        }
        return r;
    }

    private static double[] Conditional(TreeStructure tree, int node, double[] x, int mask)
    {
        if (tree.IsLeaf(node)) return tree.Value(node).ToArray();
        int f = tree.Feature[node];
        if ((mask & (1 << f)) != 0) return Conditional(tree, tree.Next(node, x), x, mask);
        int l = tree.LeftChild[node], r = tree.RightChild[node];
        double w = tree.WeightedSampleCount[node];
        double fl = w > 0 ? tree.WeightedSampleCount[l] / w : 0.5, fr = w > 0 ? tree.WeightedSampleCount[r] / w : 0.5;
        var a = Conditional(tree, l, x, mask);
        var b = Conditional(tree, r, x, mask);
        for (int j = 0; j < a.Length; j++) a[j] = fl * a[j] + fr * b[j];
        return a;
    }

    /// <summary>The JSON root of a fixture under fixtures/learn/treeshap.</summary>
    public static JsonElement Fixture(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "treeshap", file))).RootElement;

    /// <summary>A TreeStructure from a fixture's tree_ arrays (classifier values already probabilities).</summary>
    public static TreeStructure TreeFrom(JsonElement t)
    {
        int[] Ints(string n) => t.GetProperty(n).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        double[] Doubles(string n) => t.GetProperty(n).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var left = Ints("left");
        return new TreeStructure(t.GetProperty("n_features").GetInt32(), t.GetProperty("width").GetInt32(), left, Ints("right"),
            Ints("feature"), Doubles("threshold"), new bool[left.Length], Doubles("impurity"), Ints("samples"), Doubles("weighted"), Doubles("values"));
    }

    /// <summary>A rectangular JSON array as a row-major array and its column count.</summary>
    public static (double[] Data, int Columns) Matrix(JsonElement a)
    {
        var rows = a.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (rows.SelectMany(r => r).ToArray(), rows[0].Length);
    }
}
