using Scratch.ML.Learn;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.NaiveBayes.NbFixture;

namespace Scratch.ML.Tests.Learn.NaiveBayes;

/// <summary>BernoulliNB against scikit-learn 1.2 (tests/reference/sklearn_nb.py) and the conformance properties.</summary>
public class BernoulliNBTests
{
    [Theory]
    [InlineData("bernoulli_plain")]
    [InlineData("bernoulli_threshold")]
    public void MatchesSklearn(string name)
    {
        foreach (bool weighted in new[] { false, true })
        {
            var c = Case(name + (weighted ? "_weighted" : ""));
            var m = (name == "bernoulli_threshold" ? new BernoulliNB(Alpha: 0.5, Binarize: 1.5) : new BernoulliNB()).Fit(X, Y, weighted ? W : null);
            TensorAssert.Close(Matrix(c.GetProperty("feature_count")), m.FeatureCounts, VsSklearn);
            TensorAssert.Close(Matrix(c.GetProperty("feature_log_prob")), m.FeatureLogProb, VsSklearn);
            CheckCommon(c, m.ClassCount, m.ClassLogPrior, m.JointLogLikelihood(X), m, X);
        }
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        // Binarising at 0 makes the suite's (negative) blobs valid input.
        var checks = EstimatorConformance.CheckClassifier(new BernoulliNB(), BernoulliNBModel<double>.Load, BernoulliNBModel<float>.Load);
        Assert.Contains("probabilities are consistent", checks);
        Assert.Contains("integer weights equal repeated rows", checks);
        Assert.Contains("string labels behave like integer labels", checks);
                EstimatorConformance.CheckClassifier(new BernoulliNB(Alpha: 0.5, Binarize: 0.5, FitPrior: false), BernoulliNBModel<double>.Load, BernoulliNBModel<float>.Load);
    }

    [Fact]
    public void BinarizeNullRequiresZeroOrOne()
    {
        var x01 = Tensor.FromArray([1.0, 0, 0, 1, 1, 1, 0, 0], 4, 2);
        var m = new BernoulliNB(Binarize: null).Fit(x01, new[] { 0, 1, 0, 1 });
        TensorAssert.Close(new BernoulliNB().Fit(x01, new[] { 0, 1, 0, 1 }).PredictProba(x01), m.PredictProba(x01), Tolerance.Exact);
        var ex = Assert.Throws<ArgumentException>(() => new BernoulliNB(Binarize: null).Fit(X, Y));
        Assert.Contains("must be 0 or 1", ex.Message);
        Assert.Contains("must be 0 or 1", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.FromArray([0.5, 1], 1, 2))).Message);
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BernoulliNB(Alpha: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BernoulliNB(Alpha: double.NaN));
        Assert.Throws<ArgumentException>(() => new BernoulliNB(ClassPrior: [0.5, -0.1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BernoulliNB(Binarize: double.PositiveInfinity));
        Assert.Contains("3 classes", Assert.Throws<ArgumentException>(() => new BernoulliNB(ClassPrior: [0.5, 0.5]).Fit(X, Y)).Message);
        Assert.Contains("zero total weight", Assert.Throws<ArgumentException>(() => new BernoulliNB().Fit(Tensor.FromArray([1.0, 2, 3], 3, 1), new[] { 0, 1, 1 }, Tensor.FromArray([0.0, 1, 1], 3))).Message);
        var m = new BernoulliNB().Fit(X, Y);
        Assert.Contains("fitted with 5", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.Ones<double>(2, 3))).Message);
    }
}
