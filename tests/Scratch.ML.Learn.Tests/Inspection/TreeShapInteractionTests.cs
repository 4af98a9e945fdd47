using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>SHAP interaction values against their brute-force definition and their sum rules.</summary>
public class TreeShapInteractionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(2, 1, 3, 1)]
    [InlineData(4, 3, 5, 2)]
    [InlineData(6, 4, 6, 3)]
    public void MatchTheBruteForceDefinition(int features, int trees, int depth, int outputs)
    {
        var rng = new Random(features * 7 + trees);
        var e = RandomEnsemble(rng, features, trees, depth, outputs);
        var x = RandomRows(rng, 5, features);
        var r = TreeShap.Interactions(e, Tensor.FromArray(x, 5, features), cancellationToken: Ct);
        int block = features * features * outputs;
        for (int i = 0; i < 5; i++)
            TensorAssert.Close<double>(InteractionOracle(e, x[(i * features)..((i + 1) * features)]), r.Values.AsSpan(i * block, block), Shapley);
    }

    [Fact]
    public void AreSymmetricAndRowsSumToTheShapValues()
    {
        var rng = new Random(21);
        const int d = 9, n = 6;
        var e = RandomEnsemble(rng, d, 5, 7, 2);
        var x = Tensor.FromArray(RandomRows(rng, n, d), n, d);
        var r = TreeShap.Interactions(e, x, cancellationToken: Ct);
        var s = TreeShap.Explain(e, x, cancellationToken: Ct);
        Assert.Equal(s.ExpectedValue, r.ExpectedValue);
        for (int i = 0; i < n; i++)
            for (int o = 0; o < 2; o++)
                for (int a = 0; a < d; a++)
                {
                    double sum = 0;
                    for (int b = 0; b < d; b++)
                    {
                        sum += r[i, a, b, o];
                        Assert.True(Shapley.IsClose(r[i, a, b, o], r[i, b, a, o]), $"Φ[{a},{b}] = {r[i, a, b, o]} vs Φ[{b},{a}] = {r[i, b, a, o]}");
                    }
                    Assert.True(Shapley.IsClose(sum, s[i, a, o]), $"row {i} feature {a}: Σ_b Φ = {sum} vs φ = {s[i, a, o]}");
                }
    }

    [Fact]
    public void AnAdditiveModelHasNoInteractions()
    {
        // Two stumps on different features: f = g(x0) + h(x1) has Φ[0,1] = 0 and Φ[i,i] = φ_i.
        static TreeStructure Stump(int f) => new(2, 1, [1, -1, -1], [2, -1, -1], [f, -2, -2], [0, -2, -2], new bool[3], new double[3], [3, 1, 2], [3, 1, 2], [0, 1, 4]);
        var e = new TreeEnsemble([Stump(0), Stump(1)], [1.0, 2.0], [0, 0], [0.5]);
        var r = TreeShap.Interactions(e, Tensor.FromArray([1.0, -1.0], 1, 2), ["a", "b"], Ct);
        Assert.Equal(0.0, r[0, 0, 1], 15);
        Assert.Equal(4 - 3.0, r[0, 0, 0], 14);
        Assert.Equal(2 * (1 - 3.0), r[0, 1, 1], 14);
        Assert.Equal(["a", "b"], r.FeatureNames);
        Assert.Throws<ArgumentException>(() => new ShapInteractionValues(new double[3], 1, 2, [0.0]));
    }
}
