using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>TreeSHAP against the brute-force Shapley definition, its axioms, and routing of missing values and categories.</summary>
public class TreeShapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ShapValues Explain(TreeEnsemble e, double[] x) => TreeShap.Explain(e, Tensor.FromArray(x, x.Length / e.FeatureCount, e.FeatureCount), cancellationToken: Ct);

    private static void AgreesWithOracle(TreeEnsemble e, double[] x)
    {
        int d = e.FeatureCount, n = x.Length / d;
        var shap = Explain(e, x);
        for (int i = 0; i < n; i++)
        {
            var (phi, expected) = Oracle(e, x[(i * d)..((i + 1) * d)]);
            TensorAssert.Close<double>(phi, shap.Values.AsSpan(i * d * e.OutputCount, d * e.OutputCount), Shapley);
            TensorAssert.Close<double>(expected, shap.ExpectedValue, Shapley);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(5, 6)]
    [InlineData(8, 7)]
    public void SingleTreesMatchTheBruteForceOracle(int features, int depth)
    {
        var rng = new Random(100 + features);
        for (int rep = 0; rep < 6; rep++)
        {
            var tree = RandomTree(rng, features, depth, width: 1 + rep % 3);
            var e = new TreeEnsemble([tree], [1.0], [0], new double[tree.ValueWidth]);
            AgreesWithOracle(e, RandomRows(rng, 6, features));
        }
    }

    [Theory]
    [InlineData(4, 3, 5, 1)]
    [InlineData(6, 8, 4, 3)]
    [InlineData(8, 5, 6, 4)]
    public void EnsemblesWithOffsetsWeightsAndBaseMatchTheOracle(int features, int trees, int depth, int outputs)
    {
        var rng = new Random(features * 31 + trees);
        var e = RandomEnsemble(rng, features, trees, depth, outputs);
        AgreesWithOracle(e, RandomRows(rng, 8, features));
    }

    [Fact]
    public void ValuesAddUpToTheRawPrediction()
    {
        var rng = new Random(7);
        const int d = 20, n = 40;
        var e = RandomEnsemble(rng, d, 12, 10, 3);
        var x = RandomRows(rng, n, d, nanRate: 0.2);
        var shap = Explain(e, x);
        var raw = new double[e.OutputCount];
        for (int i = 0; i < n; i++)
        {
            e.Raw(x.AsSpan(i * d, d), raw);
            for (int o = 0; o < e.OutputCount; o++) Assert.True(Shapley.IsClose(shap.Reconstruct(i, o), raw[o]), $"row {i} output {o}: {shap.Reconstruct(i, o)} vs {raw[o]}");
        }
    }

    [Fact]
    public void AFeatureNoTreeUsesGetsExactlyZero()
    {
        var rng = new Random(11);
        var trees = Enumerable.Range(0, 5).Select(_ => RandomTree(rng, 3, 6)).ToList();
        // Widen to 5 features: features 3 and 4 appear in no split.
        var wide = trees.Select(t => new TreeStructure(5, 1, t.LeftChild.ToArray(), t.RightChild.ToArray(), t.Feature.ToArray(), t.Threshold.ToArray(),
            t.MissingGoesLeft.ToArray(), t.Impurity.ToArray(), t.SampleCount.ToArray(), t.WeightedSampleCount.ToArray(), t.Values.ToArray())).ToList();
        var e = new TreeEnsemble(wide, [0.2, 0.2, 0.2, 0.2, 0.2], [0, 0, 0, 0, 0], [0.0]);
        var shap = Explain(e, RandomRows(rng, 10, 5));
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(0.0, shap[i, 3]);
            Assert.Equal(0.0, shap[i, 4]);
        }
    }

    /// <summary>AND of x0 &gt; 0 and x1 &gt; 0 with equal covers: the two features are exchangeable, so their φ agree, whichever is split first.</summary>
    [Fact]
    public void SymmetricFeaturesGetEqualValues()
    {
        static TreeStructure And(int first, int second) => new(3, 1, [1, 2, -1, -1, 5, -1, -1], [4, 3, -1, -1, 6, -1, -1], [first, second, -2, -2, second, -2, -2],
            [0, 0, -2, -2, 0, -2, -2], new bool[7], new double[7], [4, 2, 1, 1, 2, 1, 1], [4, 2, 1, 1, 2, 1, 1], [0.25, 0, 0, 0, 0.5, 0, 1]);
        var x = new[] { 1.0, 1.0, 5.0, 1.0, -1.0, 5.0, -1.0, -1.0, 5.0 };
        var a = Explain(new TreeEnsemble([And(0, 1)], [1.0], [0], [0.0]), x);
        var b = Explain(new TreeEnsemble([And(1, 0)], [1.0], [0], [0.0]), x);
        Assert.Equal(0.375, a[0, 0], 15);
        Assert.Equal(0.375, a[0, 1], 15);
        Assert.Equal(a[2, 0], a[2, 1], 15);
        TensorAssert.Close<double>(a.Values, b.Values, Tolerance.Float64Kernel);
        Assert.Equal(0.25, a.ExpectedValue[0]);
    }

    [Theory]
    [InlineData(true, 7.0)]
    [InlineData(false, -3.0)]
    public void MissingValuesFollowTheirBranch(bool missingLeft, double leafReached)
    {
        // A stump on x1 (covers 3 : 1): φ1 = value reached − E; φ0 = 0.
        var stump = new TreeStructure(2, 1, [1, -1, -1], [2, -1, -1], [1, -2, -2], [0.5, -2, -2], [missingLeft, false, false], new double[3],
            [4, 3, 1], [4, 3, 1], [0, 7, -3]);
        var shap = Explain(new TreeEnsemble([stump], [1.0], [0], [0.0]), [2.0, double.NaN]);
        double expected = 0.75 * 7 + 0.25 * -3;
        Assert.Equal(expected, shap.ExpectedValue[0], 14);
        Assert.Equal(leafReached - expected, shap[0, 1], 14);
        Assert.Equal(0.0, shap[0, 0]);
    }

    [Fact]
    public void CategoricalSplitsFollowTheirCategorySet()
    {
        var words = new uint[8];
        words[0] = 0b1010;   // categories 1 and 3 go left
        var stump = new TreeStructure(1, 1, [1, -1, -1], [2, -1, -1], [0, -2, -2], [0, -2, -2], [false, false, false], new double[3],
            [2, 1, 1], [2, 1, 1], [0, 4, 10], words, [0, -1, -1]);
        var shap = Explain(new TreeEnsemble([stump], [1.0], [0], [0.0]), [3.0, 2.0, 0.0, 1.0]);
        Assert.Equal([-3.0, 3.0, 3.0, -3.0], Enumerable.Range(0, 4).Select(i => shap[i, 0]));
    }

    [Fact]
    public void Float32InputGivesTheSameValuesAsFloat64()
    {
        var rng = new Random(3);
        var e = RandomEnsemble(rng, 6, 4, 6, 2);
        var x = RandomRows(rng, 20, 6).Select(v => (double)(float)v).ToArray();
        var a = TreeShap.Explain(e, Tensor.FromArray(x, 20, 6), cancellationToken: Ct);
        var b = TreeShap.Explain(e, Tensor.FromArray(x.Select(v => (float)v).ToArray(), 20, 6), cancellationToken: Ct);
        Assert.Equal(a.Values, b.Values);
    }

    [Fact]
    public void RowsAreExplainedIndependentlyOfBatchingAndThreads()
    {
        var rng = new Random(5);
        const int d = 7, n = 37;
        var e = RandomEnsemble(rng, d, 6, 7, 2);
        var x = RandomRows(rng, n, d);
        var all = Explain(e, x);
        Assert.Equal(all.Values, Explain(e, x).Values);
        for (int i = 0; i < n; i += 9)
            Assert.Equal(all.Values.AsSpan(i * d * 2, d * 2).ToArray(), Explain(e, x[(i * d)..((i + 1) * d)]).Values);
    }

    [Fact]
    public void ModelOverloadUsesTheModelsEnsembleAndNames()
    {
        var rng = new Random(9);
        var model = new FakeModel(RandomEnsemble(rng, 3, 2, 4, 1));
        var shap = TreeShap.Explain(model, Tensor.FromArray(RandomRows(rng, 2, 3), 2, 3), ["a", "b", "c"], cancellationToken: Ct);
        Assert.Equal(["a", "b", "c"], shap.FeatureNames);
        Assert.Equal(TreeShap.ExpectedValue(model.Ensemble), shap.ExpectedValue);
    }

    private sealed class FakeModel(TreeEnsemble e) : ITreeEnsembleModel
    {
        public TreeEnsemble Ensemble => e;
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        var e = RandomEnsemble(new Random(1), 3, 2, 3, 1);
        Assert.Contains("fitted with 3", Assert.Throws<ArgumentException>(() => TreeShap.Explain(e, Tensor.Ones<double>(2, 4), cancellationToken: Ct)).Message);
        Assert.Contains("2-d", Assert.Throws<ArgumentException>(() => TreeShap.Explain(e, Tensor.Ones<double>(3), cancellationToken: Ct)).Message);
        Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => TreeShap.Explain(e, Tensor.FromArray([1.0, double.PositiveInfinity, 0], 1, 3), cancellationToken: Ct)).Message);
        Assert.Throws<ArgumentNullException>(() => TreeShap.Explain(e, (Tensor<double>)null!, cancellationToken: Ct));
        Assert.Throws<ArgumentNullException>(() => TreeShap.Explain((ITreeEnsembleModel)null!, Tensor.Ones<double>(1, 3), cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => TreeShap.Explain(e, Tensor.Ones<double>(1, 3), ["only one"], cancellationToken: Ct));
    }
}
