using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Ensemble.EnsembleFixture;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// AdaBoostClassifier (SAMME, SAMME.R) against scikit-learn 1.2 with a closed-form weighted base (GaussianNB), so
/// member weights, errors, decisions and probabilities must agree to rounding; AdaBoost.R2 within a stated margin
/// (its bootstrap draws are ours, not NumPy's); properties, bad input and conformance.
/// </summary>
public class AdaBoostTests
{
    private static readonly JsonElement Ada = Root.GetProperty("adaboost");

    private static (Tensor<double> X, int[] Y, Tensor<double> W) Data()
    {
        var d = Ada.GetProperty("data");
        return (Matrix(d.GetProperty("x")), Ints(d.GetProperty("y")), Vector(d.GetProperty("w")));
    }

    /// <summary>The binary subset: classes 0 and 1 (the first 100 rows), first three columns.</summary>
    private static (Tensor<double> X, int[] Y) Binary()
    {
        var (x, y, _) = Data();
        return (x.Narrow(0, 0, 100).Narrow(1, 0, 3).Contiguous(), y[..100]);
    }

    [Theory]
    [InlineData("gnb_samme", AdaBoostAlgorithm.Samme, 10, 0.5, false)]
    [InlineData("gnb_samme_weighted", AdaBoostAlgorithm.Samme, 10, 1.0, true)]
    [InlineData("gnb_samme_r", AdaBoostAlgorithm.SammeR, 10, 0.5, false)]
    public void MulticlassMatchesSklearn(string name, AdaBoostAlgorithm algorithm, int n, double rate, bool weighted)
    {
        var (x, y, w) = Data();
        var m = new AdaBoostClassifier(new GaussianNB(), n, rate, algorithm).Fit(x, y, weighted ? w : null);
        Check(Ada.GetProperty(name), m, x, binary: false);
    }

    [Fact]
    public void BinaryMatchesSklearn()
    {
        var (x, y) = Binary();
        var m = new AdaBoostClassifier(new GaussianNB(), 8).Fit(x, y);
        Check(Ada.GetProperty("gnb_samme_binary"), m, x, binary: true);
    }

    private static void Check(JsonElement c, AdaBoostClassifierModel<double> m, Tensor<double> x, bool binary)
    {
        Assert.Equal(c.GetProperty("n").GetInt32(), m.Estimators.Count);
        TensorAssert.Close(Doubles(c.GetProperty("weights")), m.EstimatorWeights.ToArray(), ClosedForm);
        TensorAssert.Close(Doubles(c.GetProperty("errors")), m.EstimatorErrors.ToArray(), ClosedForm);
        TensorAssert.Close(binary ? Vector(c.GetProperty("decision")) : Matrix(c.GetProperty("decision")), m.DecisionFunction(x), ClosedForm);
        TensorAssert.Close(Matrix(c.GetProperty("proba")), m.PredictProba(x), ClosedForm);
        Assert.Equal(Ints(c.GetProperty("pred")), m.Predict(x).Ints!.ToArray());
        if (c.GetProperty("importances").ValueKind == JsonValueKind.Array)
            TensorAssert.Close(Doubles(c.GetProperty("importances")), m.FeatureImportances.ToArray(), ClosedForm);
        else
            Assert.Throws<InvalidOperationException>(() => m.FeatureImportances);
    }

    [Fact]
    public void DefaultStumpsMatchSklearn()
    {
        // The data are float32-exact continuous values (no ties between candidate splits), so the stumps' splits, and
        // with them every member error and weight, are scikit-learn's whatever order the features are visited in.
        var (x, y, _) = Data();
        var multi = new AdaBoostClassifier(NEstimators: 20).Fit(x, y);
        Check(Ada.GetProperty("stump_samme"), multi, x, binary: false);
        var (xb, yb) = Binary();
        Check(Ada.GetProperty("stump_samme_binary"), new AdaBoostClassifier(NEstimators: 20).Fit(xb, yb), xb, binary: true);
        Assert.Equal(new DecisionTreeClassifier(MaxDepth: 1), new AdaBoostClassifier().Estimator);
        Assert.Equal(new DecisionTreeRegressor(MaxDepth: 3), new AdaBoostRegressor().Estimator);
    }

    [Fact]
    public void DefaultTreesScoreWithinMarginOfSklearn()
    {
        var (x, y) = Cancer();
        var perm = Ints(Root.GetProperty("resampling").GetProperty("perm_cancer"));
        int[] train = perm[..400], test = perm[400..];
        var (xt, xs) = (CrossValidation.Rows(x, train), CrossValidation.Rows(x, test));
        var (yt, ys) = (train.Select(i => y[i]).ToArray(), test.Select(i => y[i]).ToArray());
        // scikit-learn's 50 stumps score 0.970 on all five seeds; one test row is 0.006; allow ±0.02 (three rows).
        double sk = Doubles(Root.GetProperty("resampling").GetProperty("adaboost_stump_cancer")).Average();
        Assert.InRange(new AdaBoostClassifier().Fit(xt, yt).Score(xs, ys) - sk, -0.02, 0.02);

        var (xd, yd) = Diabetes();
        var pd = Ints(Root.GetProperty("resampling").GetProperty("perm_diabetes"));
        var (dt, ds) = (CrossValidation.Rows(xd, pd[..330]), CrossValidation.Rows(xd, pd[330..]));
        var (ydt, yds) = (CrossValidation.Rows(yd, pd[..330]), CrossValidation.Rows(yd, pd[330..]));
        foreach (var (loss, key) in new[] { (AdaBoostLoss.Linear, "linear"), (AdaBoostLoss.Square, "square"), (AdaBoostLoss.Exponential, "exponential") })
        {
            // scikit-learn's per-seed R² spread is ≈0.02 (0.36–0.42); the mean of five seeds is known to ≈0.01, so ±0.04.
            double ours = Enumerable.Range(0, 5).Average(s => new AdaBoostRegressor(Loss: loss, Seed: (ulong)s).Fit(dt, ydt).Score(ds, yds));
            double skr = Doubles(Root.GetProperty("resampling").GetProperty("adaboost_r2_tree_diabetes").GetProperty(key)).Average();
            Assert.InRange(ours - skr, -0.04, 0.04);
        }
    }

    // Only the classifier: with DecisionTreeRegressor members the float-vs-double check fails, because a single
    // DecisionTreeRegressor fitted with some zero sample weights (bagging's out-of-bag rows; AdaBoost.R2's resampling is
    // moreover driven by float-rounded errors) already differs between float32 and float64 input on the conformance data
    // (a tree issue, reported to the trees helper). The regressors' own machinery is checked with Ridge members below.
    [Fact]
    public void DefaultTreeEnsemblesConform()
    {
        RegisterKinds();
        EstimatorConformance.CheckClassifier(new AdaBoostClassifier(NEstimators: 10), s => AdaBoostClassifierModel<double>.Load(s), s => AdaBoostClassifierModel<float>.Load(s));
    }

    [Fact]
    public void PerfectFirstMemberStopsBoosting()
    {
        var x = Tensor.FromArray(new double[] { 0, 0.1, 0.2, 10, 10.1, 10.2 }, 6, 1);
        int[] y = [0, 0, 0, 1, 1, 1];
        var m = new AdaBoostClassifier(new GaussianNB(), 20).Fit(x, y);
        Assert.Single(m.Estimators);
        Assert.Equal([1.0], m.EstimatorWeights);
        Assert.Equal([0.0], m.EstimatorErrors);
        Assert.Equal(y, m.Predict(x).Ints!.ToArray());
    }

    [Fact]
    public void SammeDecisionIsTheNormalisedWeightedVote()
    {
        // Reference twin: Σₘ αₘ·[ŷₘ = k] / Σ α from the members themselves.
        var (x, y, _) = Data();
        var m = new AdaBoostClassifier(new GaussianNB(), 6, 0.7).Fit(x, y);
        var expected = new double[150 * 3];
        double total = m.EstimatorWeights.Sum();
        for (int j = 0; j < m.Estimators.Count; j++)
        {
            var p = m.Estimators[j].Predict(x).Ints!;
            for (int i = 0; i < 150; i++) expected[i * 3 + p[i]] += m.EstimatorWeights[j] / total;
        }
        TensorAssert.Close(Tensor.FromArray(expected, 150, 3), m.DecisionFunction(x), Tolerance.Float64Reduction);
        var proba = m.PredictProba(x).ToArray();
        for (int i = 0; i < 150; i++)
        {
            double z = Enumerable.Range(0, 3).Sum(k => Math.Exp(expected[i * 3 + k] / 2));
            Assert.Equal(Math.Exp(expected[i * 3] / 2) / z, proba[i * 3], 1e-12);
        }
    }

    [Fact]
    public void RegressorR2IsWithinMarginOfSklearnAndPredictsTheWeightedMedian()
    {
        var (x, y) = Diabetes();
        var perm = Ints(Root.GetProperty("resampling").GetProperty("perm_diabetes"));
        int[] train = perm[..330], test = perm[330..];
        var (xt, yt, xs, ys) = (CrossValidation.Rows(x, train), CrossValidation.Rows(y, train), CrossValidation.Rows(x, test), CrossValidation.Rows(y, test));
        var models = Enumerable.Range(0, 5).Select(s => new AdaBoostRegressor(new KNeighborsRegressor(5), 10, Seed: (ulong)s).Fit(xt, yt)).ToArray();
        // scikit-learn's five seeds give R² 0.329–0.348 (mean 0.336); ours come from other bootstrap draws. The mean of five
        // seeds has noise ≈0.004; 0.03 allows for that and for AdaBoost.R2's early stopping changing the member count.
        double sk = Doubles(Root.GetProperty("resampling").GetProperty("adaboost_r2_knn_diabetes")).Average();
        Assert.InRange(models.Average(m => m.Score(xs, ys)) - sk, -0.03, 0.03);

        // Reference twin of the weighted median: sort each row's member predictions, first with cumulative weight ≥ half.
        var m0 = models[0];
        var preds = m0.Estimators.Select(e => e.Predict(xs).ToArray()).ToArray();
        var expected = new double[ys.Shape[0]];
        for (int i = 0; i < expected.Length; i++)
        {
            var order = Enumerable.Range(0, preds.Length).OrderBy(j => preds[j][i]).ToArray();
            double half = 0.5 * m0.EstimatorWeights.Sum(), cum = 0;
            foreach (int j in order) { cum += m0.EstimatorWeights[j]; if (cum >= half) { expected[i] = preds[j][i]; break; } }
        }
        TensorAssert.Close(Tensor.FromArray(expected, expected.Length), m0.Predict(xs), Tolerance.Exact);
    }

    [Fact]
    public void RegressorLossesAndWeightsFollowR2()
    {
        var (x, y) = Diabetes();
        foreach (var loss in new[] { AdaBoostLoss.Linear, AdaBoostLoss.Square, AdaBoostLoss.Exponential })
        {
            var m = new AdaBoostRegressor(new Ridge(0.1), 8, 0.5, loss, Seed: 3).Fit(x, y);
            for (int j = 0; j < m.Estimators.Count; j++)
            {
                double err = m.EstimatorErrors[j];
                Assert.InRange(err, 0, 0.5);
                Assert.Equal(0.5 * Math.Log((1 - err) / err), m.EstimatorWeights[j], 12);   // η·log(1/β)
            }
            Assert.True(m.Score(x, y) > 0.3, $"{loss}: R² {m.Score(x, y)}");
        }
    }

    [Fact]
    public void BadInputIsRejectedByName()
    {
        var (x, y, _) = Data();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaBoostClassifier(new GaussianNB(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaBoostClassifier(new GaussianNB(), LearningRate: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaBoostRegressor(new Ridge(), LearningRate: double.NaN));
        Assert.Contains("sample weights", Assert.Throws<ArgumentException>(() => new AdaBoostClassifier(new KNeighborsClassifier())).Message);
        Assert.Throws<ArgumentException>(() => new AdaBoostClassifier(new GaussianNB()).Fit(x, new int[y.Length]));
        Assert.Contains("SAMME.R", Assert.Throws<InvalidOperationException>(() => new AdaBoostClassifier(new SVC(), 3, Algorithm: AdaBoostAlgorithm.SammeR).Fit(x, y)).Message);
        var bad = x.Clone();
        bad[1, 1] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new AdaBoostClassifier(new GaussianNB()).Fit(bad, y)).Message);
        var w = Tensor.Ones<double>(y.Length);
        w[0] = -0.5;
        Assert.Contains("sampleWeight", Assert.Throws<ArgumentException>(() => new AdaBoostRegressor(new Ridge()).Fit(x, Tensor.Zeros<double>(y.Length), w)).Message);
    }

    [Fact]
    public void SavedModelsLoadExactlyAndParametersReachTheBase()
    {
        var (x, y, _) = Data();
        var m = new AdaBoostClassifier(new GaussianNB(), 5, Algorithm: AdaBoostAlgorithm.SammeR).Fit(x, y);
        var back = RoundTrip(m, AdaBoostClassifierModel<double>.Load);
        TensorAssert.Close(m.PredictProba(x), back.PredictProba(x), Tolerance.Exact);
        Assert.Equal(m.EstimatorErrors, back.EstimatorErrors);
        var a = new AdaBoostClassifier(new GaussianNB(), 5);
        Assert.Equal(1e-9, EstimatorParameters.Get(a)["Estimator.VarSmoothing"]);
        Assert.Equal(new AdaBoostClassifier(new GaussianNB(VarSmoothing: 1e-6), 5), EstimatorParameters.With(a, "Estimator.VarSmoothing", 1e-6));
        Assert.Equal(a, EstimatorParameters.Clone(a));
    }

    [Fact]
    public void ClassifiersConform()
    {
        EstimatorConformance.CheckClassifier(new AdaBoostClassifier(new GaussianNB(), 8, 0.5), s => AdaBoostClassifierModel<double>.Load(s), s => AdaBoostClassifierModel<float>.Load(s));
        EstimatorConformance.CheckClassifier(new AdaBoostClassifier(new GaussianNB(), 8, Algorithm: AdaBoostAlgorithm.SammeR), s => AdaBoostClassifierModel<double>.Load(s), s => AdaBoostClassifierModel<float>.Load(s));
    }

    [Fact]
    public void RegressorConforms() =>
        EstimatorConformance.CheckRegressor(new AdaBoostRegressor(new Ridge(0.1), 6, Seed: 5), s => AdaBoostRegressorModel<double>.Load(s), s => AdaBoostRegressorModel<float>.Load(s));
}
