using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>Interventional TreeSHAP against the brute-force Shapley definition with the background-mean value function.</summary>
public class TreeShapInterventionalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// φ_i = Σ_{S ⊆ N∖{i}} |S|!(d−|S|−1)!/d! · (v(S ∪ {i}) − v(S)), v(S) = mean over background rows r of raw(x_S, r_S̄):
    /// (d × outputs) row-major, and v(∅).
    /// </summary>
    private static (double[] Phi, double[] Expected) Oracle(TreeEnsemble e, double[] x, double[] background)
    {
        int d = e.FeatureCount, outputs = e.OutputCount, k = background.Length / d, masks = 1 << d;
        var v = new double[masks][];
        var z = new double[d];
        var raw = new double[outputs];
        for (int s = 0; s < masks; s++)
        {
            v[s] = new double[outputs];
            for (int r = 0; r < k; r++)
            {
                for (int j = 0; j < d; j++) z[j] = (s & (1 << j)) != 0 ? x[j] : background[r * d + j];
                e.Raw(z, raw);
                for (int o = 0; o < outputs; o++) v[s][o] += raw[o] / k;
            }
        }
        var phi = ShapleySum(v, d, outputs);
        return (phi, v[0]);
    }

    private static void AgreesWithOracle(TreeEnsemble e, double[] x, double[] background)
    {
        int d = e.FeatureCount, n = x.Length / d, outputs = e.OutputCount;
        var shap = TreeShap.ExplainInterventional(e, Tensor.FromArray(x, n, d), Tensor.FromArray(background, background.Length / d, d), cancellationToken: Ct);
        for (int i = 0; i < n; i++)
        {
            var (phi, expected) = Oracle(e, x[(i * d)..((i + 1) * d)], background);
            TensorAssert.Close<double>(phi, shap.Values.AsSpan(i * d * outputs, d * outputs), Shapley);
            TensorAssert.Close<double>(expected, shap.ExpectedValue, Shapley);
        }
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(3, 4, 5)]
    [InlineData(5, 6, 3)]
    [InlineData(8, 7, 4)]
    public void SingleTreesMatchTheBruteForceOracle(int features, int depth, int backgroundRows)
    {
        var rng = new Random(300 + features);
        for (int rep = 0; rep < 5; rep++)
        {
            var tree = RandomTree(rng, features, depth, width: 1 + rep % 3);
            var e = new TreeEnsemble([tree], [1.0], [0], new double[tree.ValueWidth]);
            AgreesWithOracle(e, RandomRows(rng, 5, features), RandomRows(rng, backgroundRows, features));
        }
    }

    [Theory]
    [InlineData(4, 3, 5, 1)]
    [InlineData(6, 8, 4, 3)]
    public void EnsemblesWithOffsetsWeightsAndBaseMatchTheOracle(int features, int trees, int depth, int outputs)
    {
        var rng = new Random(features * 17 + trees);
        var e = RandomEnsemble(rng, features, trees, depth, outputs);
        AgreesWithOracle(e, RandomRows(rng, 6, features), RandomRows(rng, 7, features));
    }

    [Fact]
    public void FittedBoostingSumsToTheRawPredictionAndEqualsExactKernelShap()
    {
        var data = SmallDatasets.LoadDiabetes();
        var x = data.Data;
        var model = new GradientBoostingRegressor(NEstimators: 30, MaxDepth: 3).Fit(x, data.Target);
        var rows = x.Narrow(0, 0, 12).Contiguous();
        var background = x.Narrow(0, 100, 20).Contiguous();
        var shap = TreeShap.ExplainInterventional(model, rows, background, cancellationToken: Ct);
        var pred = model.Predict(rows).ToArray();
        for (int i = 0; i < 12; i++)
        {
            double sum = shap.ExpectedValue[0];
            for (int j = 0; j < 10; j++) sum += shap[i, j];
            Assert.Equal(pred[i], sum, 1e-9);
        }
        Assert.Equal(model.Predict(background).ToArray().Average(), shap.ExpectedValue[0], 1e-9);
        // KernelSHAP enumerating all 2^10 − 2 coalitions on the same background is the same Shapley value.
        var kernel = KernelShap.Explain(model, background, rows, nSamples: (1 << 10) - 2, seed: 0);
        TensorAssert.Close<double>(kernel.Values, shap.Values, new Tolerance("interventional TreeSHAP vs exact KernelSHAP (weighted least squares)", 1e-7, 1e-7));
    }

    [Fact]
    public void SameValuesWhateverTheThreadCount()
    {
        var rng = new Random(9);
        var e = RandomEnsemble(rng, 6, 10, 5, 2);
        var x = Tensor.FromArray(RandomRows(rng, 40, 6), 40, 6);
        var bg = Tensor.FromArray(RandomRows(rng, 9, 6), 9, 6);
        var many = TreeShap.ExplainInterventional(e, x, bg, cancellationToken: Ct);
        int saved = Parallelism.MaxThreads;
        ShapValues one;
        try { Parallelism.MaxThreads = 1; one = TreeShap.ExplainInterventional(e, x, bg, cancellationToken: Ct); }
        finally { Parallelism.MaxThreads = saved; }
        Assert.Equal(one.Values, many.Values);
    }

    [Fact]
    public void BadBackgroundIsRejected()
    {
        var rng = new Random(1);
        var e = RandomEnsemble(rng, 4, 2, 3, 1);
        var x = Tensor.FromArray(RandomRows(rng, 2, 4), 2, 4);
        var ex = Assert.Throws<ArgumentException>(() => TreeShap.ExplainInterventional(e, x, Tensor.FromArray(new double[6], 2, 3), cancellationToken: Ct));
        Assert.Contains("4", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TreeShap.ExplainInterventional(e, x, Tensor.FromArray(new double[] { 0, 1, double.PositiveInfinity, 2 }, 1, 4), cancellationToken: Ct));
    }
}
