using Scratch.ML.Learn;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.NaiveBayes.NbFixture;

namespace Scratch.ML.Tests.Learn.NaiveBayes;

/// <summary>CategoricalNB against scikit-learn 1.2 (tests/reference/sklearn_nb.py) and the conformance properties.</summary>
public class CategoricalNBTests
{
    [Theory]
    [InlineData("categorical_plain")]
    [InlineData("categorical_options")]
    public void MatchesSklearn(string name)
    {
        foreach (bool weighted in new[] { false, true })
        {
            var c = Case(name + (weighted ? "_weighted" : ""));
            var options = name == "categorical_options" ? new CategoricalNB(Alpha: 0.5, MinCategories: 5, FitPrior: false) : new CategoricalNB();
            var m = options.Fit(Xc, Y, weighted ? W : null);
            Assert.Equal(c.GetProperty("n_categories").EnumerateArray().Select(v => v.GetInt32()), m.Categories);
            var counts = c.GetProperty("category_count").EnumerateArray().ToArray();
            var flp = c.GetProperty("feature_log_prob").EnumerateArray().ToArray();
            Assert.Equal(3, m.FeatureCount);
            for (int j = 0; j < 3; j++)
            {
                TensorAssert.Close(Matrix(counts[j]), m.CategoryCount[j], VsSklearn);
                TensorAssert.Close(Matrix(flp[j]), m.FeatureLogProb[j], VsSklearn);
            }
            CheckCommon(c, m.ClassCount, m.ClassLogPrior, m.JointLogLikelihood(Xc), m, Xc);
        }
    }


    [Fact]
    public void PassesTheConformanceSuiteInItsInputDomain()
    {
        var checks = EstimatorConformance.CheckClassifier(new CategoricalNB(), CategoricalNBModel<double>.Load, CategoricalNBModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        EstimatorConformance.CheckClassifier(new CategoricalNB(Alpha: 0.5, MinCategories: 6, ClassPrior: [0.2, 0.3, 0.5]), CategoricalNBModel<double>.Load, CategoricalNBModel<float>.Load);
    }

    [Fact]
    public void BadInputFailsClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalNB(Alpha: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalNB(MinCategories: 0));
        int[] y = [0, 1, 0, 1];
        Assert.Contains("x[2, 1] is 1.5", Assert.Throws<ArgumentException>(() => new CategoricalNB().Fit(Tensor.FromArray([0.0, 1, 1, 0, 2, 1.5, 0, 0], 4, 2), y)).Message);
        Assert.Contains("x[0, 0] is -1", Assert.Throws<ArgumentException>(() => new CategoricalNB().Fit(Tensor.FromArray([-1.0, 1, 1, 0, 2, 1, 0, 0], 4, 2), y)).Message);
        Assert.Contains("integer category codes", Assert.Throws<ArgumentException>(() => new CategoricalNB().Fit(Tensor.FromArray([1e9, 1, 1, 0, 2, 1, 0, 0], 4, 2), y)).Message);
        var m = new CategoricalNB().Fit(Tensor.FromArray([0.0, 1, 1, 0, 2, 1, 0, 0], 4, 2), y);
        Assert.Equal([3, 2], m.Categories);
        Assert.Contains("feature 1 has 2 categories", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.FromArray([0.0, 2], 1, 2))).Message);
        Assert.Contains("fitted with 2", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.Ones<double>(2, 3))).Message);
        // MinCategories widens the tables so that an unseen code is allowed and gets the smoothed probability.
        var wide = new CategoricalNB(MinCategories: 4).Fit(Tensor.FromArray([0.0, 1, 1, 0, 2, 1, 0, 0], 4, 2), y);
        Assert.Equal([4, 4], wide.Categories);
        Assert.Equal(1, wide.Predict(Tensor.FromArray([3.0, 3], 1, 2)).Length);
    }
}
