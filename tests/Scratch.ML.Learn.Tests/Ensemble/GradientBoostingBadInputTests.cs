using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>Issue item 7 for classic gradient boosting: every bad option or input is a clear exception naming the argument.</summary>
public class GradientBoostingBadInputTests
{
    private static readonly Tensor<double> X = Tensor.FromArray(Enumerable.Range(0, 40).Select(i => Math.Sin(i * 1.3) + i * 0.01).ToArray(), 20, 2);
    private static readonly int[] Y = Enumerable.Range(0, 20).Select(i => i % 2).ToArray();
    private static readonly Tensor<double> T = Tensor.FromArray(Enumerable.Range(0, 20).Select(i => i * 0.5).ToArray(), 20);

    private static void Throws<TException>(Action a, string name) where TException : ArgumentException
    {
        var e = Assert.ThrowsAny<TException>(a);
        Assert.Contains(name, e.Message + " " + e.ParamName);
    }

    [Fact]
    public void InvalidOptionsAreRejectedAtConstruction()
    {
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(MaxDepth: 0), "MaxDepth");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(LearningRate: -0.1), "LearningRate");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(NEstimators: 0), "NEstimators");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(Subsample: 0), "Subsample");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(Subsample: 1.5), "Subsample");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(Alpha: 1.0), "Alpha");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingRegressor(Criterion: SplitCriterion.Gini), "Criterion");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(MinSamplesSplit: 1), "MinSamplesSplit");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(MinSamplesLeaf: 0), "MinSamplesLeaf");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(MinWeightFractionLeaf: 0.6), "MinWeightFractionLeaf");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(MaxLeafNodes: 1), "MaxLeafNodes");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(ValidationFraction: 1.0), "ValidationFraction");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(NIterNoChange: 0), "NIterNoChange");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(Tol: double.NaN), "Tol");
        Throws<ArgumentOutOfRangeException>(() => _ = new GradientBoostingClassifier(MinImpurityDecrease: -1), "MinImpurityDecrease");
        Throws<ArgumentOutOfRangeException>(() => _ = GradientBoostingMaxFeatures.Count(0), "count");
        Throws<ArgumentOutOfRangeException>(() => _ = GradientBoostingMaxFeatures.Fraction(1.5), "fraction");
    }

    [Fact]
    public void BadDataIsRejectedAtFit()
    {
        var nan = X.Clone();
        nan[3, 1] = double.NaN;
        Throws<ArgumentException>(() => new GradientBoostingRegressor().Fit(nan, T), "x");
        Throws<ArgumentException>(() => new GradientBoostingClassifier().Fit(nan, Y), "x");
        Throws<ArgumentException>(() => new GradientBoostingRegressor().Fit(Tensor.Zeros<double>(0, 2), Tensor.Zeros<double>(0)), "x");
        var badT = T.Clone();
        badT[4] = double.PositiveInfinity;
        Throws<ArgumentException>(() => new GradientBoostingRegressor().Fit(X, badT), "y");
        Throws<ArgumentException>(() => new GradientBoostingClassifier().Fit(X, new int[20]), "y");
        Throws<ArgumentException>(() => new GradientBoostingClassifier().Fit(X, Y[..19]), "y");
        var negative = Tensor.Ones<double>(20);
        negative[2] = -1;
        Throws<ArgumentException>(() => new GradientBoostingRegressor().Fit(X, T, negative), "sampleWeight");
        // Weights that leave a single class with positive weight (scikit-learn's "trimmed classes" check).
        var oneClass = Tensor.FromArray(Y.Select(v => v == 0 ? 1.0 : 0.0).ToArray(), 20);
        Throws<ArgumentException>(() => new GradientBoostingClassifier().Fit(X, Y, oneClass), "sampleWeight");
        Throws<ArgumentException>(() => new GradientBoostingClassifier(GradientBoostingClassificationLoss.Exponential).Fit(X, Enumerable.Range(0, 20).Select(i => i % 3).ToArray()), "y");
        Throws<ArgumentException>(() => new GradientBoostingRegressor(MaxFeatures: GradientBoostingMaxFeatures.Count(3)).Fit(X, T), "MaxFeatures");
        // Early stopping on 3 rows: a validation row and two training rows of different classes cannot be stratified.
        Throws<ArgumentException>(() => new GradientBoostingClassifier(NIterNoChange: 2).Fit(X.Narrow(0, 0, 3), new[] { 0, 1, 0 }), "y");
        var model = new GradientBoostingRegressor(NEstimators: 3).Fit(X, T);
        Throws<ArgumentException>(() => model.Predict(Tensor.Zeros<double>(2, 3)), "x");
        Throws<ArgumentException>(() => model.Predict(nan), "x");
    }
}
