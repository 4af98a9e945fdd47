using System.Text.Json;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>
/// The CART grower against scikit-learn 1.2 single trees on iris, breast cancer and diabetes (fixtures from
/// tests/reference/sklearn_trees.py). X is given as float32, like scikit-learn's internal copy, so thresholds
/// (midpoints of float32 values computed in float64) compare exactly.
/// </summary>
public class CartGrowerSklearnTests
{
    public static IEnumerable<object[]> AllCases() => TreeFixtures.Cases.Select(c => new object[] { c.GetProperty("name").GetString()! });

    internal static TreeStructure GrowCase(JsonElement c, bool float32 = true)
    {
        string name = c.GetProperty("name").GetString()!;
        var data = TreeFixtures.Data(name);
        var xs = data.Data.ToArray();
        TreeFeatures x = float32
            ? TreeFeatures.From(Tensor.FromArray(xs.Select(v => (float)v).ToArray(), data.Data.Shape[0], data.Data.Shape[1]))
            : TreeFeatures.From(data.Data);
        bool classifier = c.GetProperty("kind").GetString() == "classifier";
        var y = classifier
            ? new TreeTargets(data.Labels!.Select(l => (double)l).ToArray(), 1, [data.Labels!.Max() + 1])
            : new TreeTargets(data.Target.ToArray(), 1, null);
        var options = new TreeGrowthOptions(
            TreeFixtures.Criterion(c) switch
            {
                "gini" => SplitCriterion.Gini,
                "entropy" or "log_loss" => SplitCriterion.Entropy,
                "squared_error" => SplitCriterion.SquaredError,
                "friedman_mse" => SplitCriterion.FriedmanMse,
                "absolute_error" => SplitCriterion.AbsoluteError,
                "poisson" => SplitCriterion.Poisson,
                var s => throw new ArgumentException(s),
            },
            MaxDepth: (int)TreeFixtures.Param(c, "max_depth", int.MaxValue),
            MinSamplesSplit: (int)TreeFixtures.Param(c, "min_samples_split", 2),
            MinSamplesLeaf: (int)TreeFixtures.Param(c, "min_samples_leaf", 1),
            MinWeightLeaf: c.GetProperty("min_weight_leaf").GetDouble(),
            MaxLeafNodes: (int)TreeFixtures.Param(c, "max_leaf_nodes", int.MaxValue),
            MinImpurityDecrease: TreeFixtures.Param(c, "min_impurity_decrease", 0));
        var w = TreeFixtures.OptionalDoubles(c, "effective_weight");
        return CartGrower.Grow(x, y, w, options, new Generator(0), CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void GrowsScikitLearnsTree(string name)
    {
        var c = TreeFixtures.Case(name);
        var tree = GrowCase(c);
        bool complete = TreeFixtures.AssertSameTree(c, tree);
        bool tieFree = !c.GetProperty("divergent").EnumerateArray().Any(e => e.GetBoolean());
        Assert.True(complete || !tieFree, $"{name}: the fixture has no divergent tie, yet the comparison stopped.");
        if (!complete) return;
        // No divergent tie taken: the trees are the same, so every training sample reaches the same leaf.
        Assert.Equal(c.GetProperty("n_node_samples").GetArrayLength(), tree.NodeCount);
        var data = TreeFixtures.Data(name);
        var applied = tree.Apply(data.Data);
        var expected = TreeFixtures.Ints(c.GetProperty("apply"));
        var predicted = TreeFixtures.Doubles(c.GetProperty("predict"));
        bool classifier = c.GetProperty("kind").GetString() == "classifier";
        for (int i = 0; i < applied.Length; i++)
        {
            var v = tree.Value(applied[i]);
            double p = classifier ? ArgMax(v) : v[0];
            Assert.True(p == predicted[i] || (!classifier && TreeFixtures.Sums.IsClose(p, predicted[i])), $"{name}: sample {i} predicts {p}, sklearn {predicted[i]}.");
            Assert.Equal(expected[i], applied[i]);
        }
    }

    private static int ArgMax(ReadOnlySpan<double> v)
    {
        int best = 0;
        for (int j = 1; j < v.Length; j++) if (v[j] > v[best]) best = j;
        return best;
    }
}
