using Scratch.ML.Learn;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.NaiveBayes.NbFixture;

namespace Scratch.ML.Tests.Learn.NaiveBayes;

/// <summary>MultinomialNB against scikit-learn 1.2 (tests/reference/sklearn_nb.py) and the conformance properties.</summary>
public class MultinomialNBTests
{
    private static MultinomialNB Options(string name) => name switch
    {
        "multinomial_plain" => new(),
        "multinomial_options" => new(Alpha: 0.3, FitPrior: false),
        "multinomial_prior" => new(Alpha: 2.0, ClassPrior: [0.2, 0.5, 0.3]),
        "multinomial_tiny_alpha" => new(Alpha: 1e-12),
        "multinomial_forced_alpha" => new(Alpha: 1e-12, ForceAlpha: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("multinomial_plain")]
    [InlineData("multinomial_options")]
    [InlineData("multinomial_prior")]
    [InlineData("multinomial_tiny_alpha")]
    [InlineData("multinomial_forced_alpha")]
    public void MatchesSklearn(string name)
    {
        foreach (bool weighted in new[] { false, true })
        {
            var c = Case(name + (weighted ? "_weighted" : ""));
            var m = Options(name).Fit(X, Y, weighted ? W : null);
            TensorAssert.Close(Matrix(c.GetProperty("feature_count")), m.FeatureCounts, VsSklearn);
            TensorAssert.Close(Matrix(c.GetProperty("feature_log_prob")), m.FeatureLogProb, VsSklearn);
            CheckCommon(c, m.ClassCount, m.ClassLogPrior, m.JointLogLikelihood(X), m, X);
        }
    }


    [Fact]
    public void PassesTheConformanceSuiteInItsInputDomain()
    {
        var checks = EstimatorConformance.CheckClassifier(new MultinomialNB(), MultinomialNBModel<double>.Load, MultinomialNBModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        EstimatorConformance.CheckClassifier(new MultinomialNB(Alpha: 0.5, FitPrior: false), MultinomialNBModel<double>.Load, MultinomialNBModel<float>.Load);
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultinomialNB(Alpha: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultinomialNB(Alpha: double.NaN));
        Assert.Throws<ArgumentException>(() => new MultinomialNB(ClassPrior: [0.5, -0.1]));
        var neg = Assert.Throws<ArgumentException>(() => new MultinomialNB().Fit(Tensor.FromArray([1.0, 2, -3, 4], 2, 2), new[] { 0, 1 }));
        Assert.Contains("x[1, 0] is -3", neg.Message);
        Assert.Contains("non-negative", neg.Message);
        Assert.Contains("3 classes", Assert.Throws<ArgumentException>(() => new MultinomialNB(ClassPrior: [0.5, 0.5]).Fit(X, Y)).Message);
        Assert.Contains("zero total weight", Assert.Throws<ArgumentException>(() => new MultinomialNB().Fit(Tensor.FromArray([1.0, 2, 3], 3, 1), new[] { 0, 1, 1 }, Tensor.FromArray([0.0, 1, 1], 3))).Message);
        var m = new MultinomialNB().Fit(X, Y);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => m.Predict(X * -1.0)).Message);
        Assert.Contains("fitted with 5", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.Ones<double>(2, 3))).Message);
    }

    [Fact]
    public void LoadingAnotherNaiveBayesFailsClearly()
    {
        using var stream = new MemoryStream();
        new MultinomialNB().Fit(X, Y).Save(stream);
        stream.Position = 0;
        Assert.Contains("Expected a saved ComplementNB", Assert.Throws<InvalidDataException>(() => ComplementNBModel<double>.Load(stream)).Message);
        stream.Position = 0;
        var back = MultinomialNBModel<double>.Load(stream);
        Assert.Equal(new MultinomialNB().ToString(), back.Options.ToString());
        stream.Position = 0;
        Assert.Contains("load it as that element type", Assert.Throws<InvalidDataException>(() => MultinomialNBModel<float>.Load(stream)).Message);
    }
}
