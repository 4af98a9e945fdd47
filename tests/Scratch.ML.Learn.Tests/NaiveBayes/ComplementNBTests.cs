using Scratch.ML.Learn;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.NaiveBayes.NbFixture;

namespace Scratch.ML.Tests.Learn.NaiveBayes;

/// <summary>ComplementNB against scikit-learn 1.2 (tests/reference/sklearn_nb.py) and the conformance properties.</summary>
public class ComplementNBTests
{
    [Theory]
    [InlineData("complement_plain")]
    [InlineData("complement_norm")]
    public void MatchesSklearn(string name)
    {
        foreach (bool weighted in new[] { false, true })
        {
            var c = Case(name + (weighted ? "_weighted" : ""));
            var m = (name == "complement_norm" ? new ComplementNB(Alpha: 0.7, Norm: true) : new ComplementNB()).Fit(X, Y, weighted ? W : null);
            TensorAssert.Close(Matrix(c.GetProperty("feature_count")), m.FeatureCounts, VsSklearn);
            TensorAssert.Close(Matrix(c.GetProperty("feature_log_prob")), m.FeatureLogProb, VsSklearn);
            CheckCommon(c, m.ClassCount, m.ClassLogPrior, m.JointLogLikelihood(X), m, X);
        }
    }


    [Fact]
    public void PassesTheConformanceSuiteInItsInputDomain()
    {
        var checks = EstimatorConformance.CheckClassifier(new ComplementNB(), ComplementNBModel<double>.Load, ComplementNBModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        EstimatorConformance.CheckClassifier(new ComplementNB(Alpha: 0.5, Norm: true), ComplementNBModel<double>.Load, ComplementNBModel<float>.Load);
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComplementNB(Alpha: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComplementNB(Alpha: double.NaN));
        Assert.Throws<ArgumentException>(() => new ComplementNB(ClassPrior: [0.5, -0.1]));
        var neg = Assert.Throws<ArgumentException>(() => new ComplementNB().Fit(Tensor.FromArray([1.0, 2, -3, 4], 2, 2), new[] { 0, 1 }));
        Assert.Contains("x[1, 0] is -3", neg.Message);
        Assert.Contains("non-negative", neg.Message);
        Assert.Contains("3 classes", Assert.Throws<ArgumentException>(() => new ComplementNB(ClassPrior: [0.5, 0.5]).Fit(X, Y)).Message);
        // The prior does not enter the score with two or more classes (as in scikit-learn).
        TensorAssert.Close(new ComplementNB().Fit(X, Y).PredictProba(X), new ComplementNB(ClassPrior: [0.9, 0.05, 0.05]).Fit(X, Y).PredictProba(X), Tolerance.Exact);
        Assert.Contains("zero total weight", Assert.Throws<ArgumentException>(() => new ComplementNB().Fit(Tensor.FromArray([1.0, 2, 3], 3, 1), new[] { 0, 1, 1 }, Tensor.FromArray([0.0, 1, 1], 3))).Message);
        var m = new ComplementNB().Fit(X, Y);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => m.Predict(X * -1.0)).Message);
        Assert.Contains("fitted with 5", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.Ones<double>(2, 3))).Message);
    }
}
