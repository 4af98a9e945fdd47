using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>Conformance, staged/ensemble consistency, subsampling, early stopping, persistence and float32 for classic gradient boosting.</summary>
public class GradientBoostingBehaviourTests
{
    private static readonly GradientBoostingFixtures.Data Reg = GradientBoostingFixtures.Load("reg0");
    private static readonly GradientBoostingFixtures.Data Bin = GradientBoostingFixtures.Load("bin1");
    private static readonly GradientBoostingFixtures.Data Multi = GradientBoostingFixtures.Load("multi0");

    private static Tensor<double> Vec(double[] v) => Tensor.FromArray(v, v.Length);

    [Fact]
    public void RegressorPassesTheConformanceSuite()
    {
        Load<GradientBoostingRegressorModel<double>> ld = GradientBoostingRegressorModel<double>.Load;
        Load<GradientBoostingRegressorModel<float>> lf = GradientBoostingRegressorModel<float>.Load;
        var checks = EstimatorConformance.CheckRegressor(new GradientBoostingRegressor(NEstimators: 15), s => ld(s), s => lf(s));
        Assert.Contains("integer weights equal repeated rows", checks);
        // Subsampled trees with 1-sample leaves are not continuous in y: in a tiny node several features cut off the
        // same in-bag samples, their improvements tie up to rounding, and float32 targets pick another feature, which
        // routes the out-of-bag rows differently (0.1–0.5 changes on this data, in scikit-learn as here). Leaves of ≥ 5
        // samples remove those ties, so the float-vs-double check is meaningful.
        EstimatorConformance.CheckRegressor(new GradientBoostingRegressor(NEstimators: 12, Subsample: 0.7, MaxFeatures: GradientBoostingMaxFeatures.Fraction(0.6),
            MinSamplesLeaf: 5, MaxDepth: 2, Seed: 4), s => ld(s), s => lf(s));
        EstimatorConformance.CheckRegressor(new GradientBoostingRegressor(NEstimators: 12, MaxLeafNodes: 4, MaxDepth: null, Criterion: SplitCriterion.SquaredError),
            s => ld(s), s => lf(s));
    }

    [Fact]
    public void ClassifierPassesTheConformanceSuite()
    {
        Load<GradientBoostingClassifierModel<double>> ld = GradientBoostingClassifierModel<double>.Load;
        Load<GradientBoostingClassifierModel<float>> lf = GradientBoostingClassifierModel<float>.Load;
        var checks = EstimatorConformance.CheckClassifier(new GradientBoostingClassifier(NEstimators: 10), s => ld(s), s => lf(s));
        Assert.Contains("probabilities are consistent", checks);
        EstimatorConformance.CheckClassifier(new GradientBoostingClassifier(NEstimators: 8, Subsample: 0.8, MaxFeatures: GradientBoostingMaxFeatures.Sqrt, Seed: 5),
            s => ld(s), s => lf(s));
    }

    private delegate TModel Load<TModel>(Stream s);

    [Fact]
    public void StagedOutputsEndAtTheFinalPredictions()
    {
        var reg = new GradientBoostingRegressor(NEstimators: 12).Fit(Reg.XTrain, Vec(Reg.YTrain));
        var staged = reg.StagedPredict(Reg.XTest).ToList();
        Assert.Equal(12, staged.Count);
        TensorAssert.Close(reg.Predict(Reg.XTest), staged[^1], Tolerance.Exact);
        var clf = new GradientBoostingClassifier(NEstimators: 8).Fit(Multi.XTrain, Multi.LabelsTrain);
        var raw = clf.StagedDecisionFunction(Multi.XTest).ToList();
        Assert.Equal(8, raw.Count);
        TensorAssert.Close(clf.DecisionFunction(Multi.XTest), raw[^1], Tolerance.Exact);
        TensorAssert.Close(clf.PredictProba(Multi.XTest), clf.StagedPredictProba(Multi.XTest).Last(), Tolerance.Exact);
        Assert.Equal(clf.Predict(Multi.XTest).Ints!, clf.StagedPredict(Multi.XTest).Last().Ints!);
        // Training loss never increases for squared error without subsampling (each stage is a descent step).
        for (int m = 1; m < reg.TrainScore.Count; m++) Assert.True(reg.TrainScore[m] <= reg.TrainScore[m - 1] + 1e-12);
    }

    [Theory]
    [InlineData("reg")]
    [InlineData("bin")]
    [InlineData("exp")]
    [InlineData("multi")]
    public void EnsembleViewReproducesTheRawOutput(string which)
    {
        ITreeEnsembleModel model;
        Tensor<double> x, expected;
        switch (which)
        {
            case "reg":
                var r = new GradientBoostingRegressor(NEstimators: 10, LearningRate: 0.3).Fit(Reg.XTrain, Vec(Reg.YTrain));
                (model, x, expected) = (r, Reg.XTest, r.Predict(Reg.XTest).Reshape(-1, 1));
                break;
            case "multi":
                var m = new GradientBoostingClassifier(NEstimators: 6).Fit(Multi.XTrain, Multi.LabelsTrain);
                (model, x, expected) = (m, Multi.XTest, m.DecisionFunction(Multi.XTest));
                Assert.Equal(RawOutputLink.Softmax, m.Ensemble.Link);
                break;
            default:
                var loss = which == "exp" ? GradientBoostingClassificationLoss.Exponential : GradientBoostingClassificationLoss.LogLoss;
                var b = new GradientBoostingClassifier(loss, NEstimators: 10).Fit(Bin.XTrain, Bin.LabelsTrain);
                // The ensemble's raw output is the log-odds: F for log-loss, 2F for the exponential loss.
                (model, x, expected) = (b, Bin.XTest, b.DecisionFunction(Bin.XTest).Reshape(-1, 1) * (which == "exp" ? 2.0 : 1.0));
                var p = b.PredictProba(Bin.XTest).ToArray();
                var e = expected.ToArray();
                for (int i = 0; i < e.Length; i++) Assert.Equal(1 / (1 + Math.Exp(-e[i])), p[i * 2 + 1], 12);
                break;
        }
        var ens = model.Ensemble;
        int n = x.Shape[0], d = x.Shape[1], k = ens.OutputCount;
        var rows = x.ToArray();
        var got = new double[n * k];
        for (int i = 0; i < n; i++) ens.Raw(rows.AsSpan(i * d, d), got.AsSpan(i * k, k));
        TensorAssert.Close<double>(expected.ToArray(), got, new Tolerance("EnsembleSumOrder", 1e-12, 1e-12));
    }

    [Fact]
    public void SubsamplingIsSeededAndReportsOutOfBagImprovement()
    {
        var est = new GradientBoostingClassifier(NEstimators: 25, Subsample: 0.5, Seed: 11);
        var a = est.Fit(Bin.XTrain, Bin.LabelsTrain);
        var b = est.Fit(Bin.XTrain, Bin.LabelsTrain);
        var c = (est with { Seed = 12 }).Fit(Bin.XTrain, Bin.LabelsTrain);
        TensorAssert.Close(a.DecisionFunction(Bin.XTest), b.DecisionFunction(Bin.XTest), Tolerance.Exact);
        Assert.NotEqual(a.DecisionFunction(Bin.XTest).ToArray(), c.DecisionFunction(Bin.XTest).ToArray());
        Assert.NotNull(a.OobImprovement);
        Assert.Equal(25, a.OobImprovement!.Count);
        Assert.True(a.OobImprovement.Take(5).Sum() > 0, "the first stages improve the out-of-bag loss");
        Assert.Null(new GradientBoostingClassifier(NEstimators: 3).Fit(Bin.XTrain, Bin.LabelsTrain).OobImprovement);
        // The in-bag mask holds exactly ⌊Subsample·n⌋ rows (scikit-learn's selection sampling).
        var mask = new bool[200];
        GradientBoostingTrainer.SampleMask(new Scratch.ML.Rng.Generator(4), 100, mask);
        Assert.Equal(100, mask.Count(v => v));
    }

    [Fact]
    public void EarlyStoppingStopsAndKeepsTheStageThatFailedToImprove()
    {
        var clf = new GradientBoostingClassifier(NEstimators: 500, NIterNoChange: 3, ValidationFraction: 0.2, Seed: 1).Fit(Multi.XTrain, Multi.LabelsTrain);
        Assert.InRange(clf.NEstimatorsFitted, 4, 499);
        Assert.Equal(clf.NEstimatorsFitted, clf.TrainScore.Count);
        Assert.Equal(clf.NEstimatorsFitted * 3, clf.Trees.Count);
        // With an unreachable tolerance the history (initially +∞) accepts the first NIterNoChange stages; the next
        // stage cannot beat any recorded loss by 1e9, stops the fit and is kept (scikit-learn returns i + 1).
        var reg = new GradientBoostingRegressor(NEstimators: 1000, NIterNoChange: 2, Tol: 1e9).Fit(Reg.XTrain, Vec(Reg.YTrain));
        Assert.Equal(3, reg.NEstimatorsFitted);
    }

    [Fact]
    public void SaveAndLoadRoundTripEveryPart()
    {
        var clf = new GradientBoostingClassifier(NEstimators: 6, Subsample: 0.8, Seed: 2).Fit(Multi.XTrain, Multi.LabelsTrain);
        using var s = new MemoryStream();
        clf.Save(s);
        s.Position = 0;
        var back = GradientBoostingClassifierModel<double>.Load(s);
        Assert.Equal(clf.Options, back.Options);
        TensorAssert.Close(clf.PredictProba(Multi.XTest), back.PredictProba(Multi.XTest), Tolerance.Exact);
        Assert.Equal(clf.TrainScore, back.TrainScore);
        Assert.Equal(clf.OobImprovement!, back.OobImprovement!);
        Assert.Equal(clf.FeatureImportances, back.FeatureImportances);
        s.Position = 0;
        Assert.Throws<InvalidDataException>(() => GradientBoostingRegressorModel<double>.Load(s));
        s.Position = 0;
        Assert.Throws<InvalidDataException>(() => GradientBoostingClassifierModel<float>.Load(s));
        var bytes = s.ToArray();
        Assert.ThrowsAny<Exception>(() => GradientBoostingClassifierModel<double>.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));
    }

    [Fact]
    public void Float32InputReproducesScikitLearn()
    {
        // bin1's features are float32 values, so a float model routes exactly like scikit-learn's float32 trees;
        // outputs are rounded to float32 at the end (relative 6e-8).
        var c = GradientBoostingFixtures.Root.GetProperty("exact").GetProperty("c_bin_exponential");
        var model = GradientBoostingFixtures.Classifier(c.GetProperty("params")).Fit(Bin.XTrain.Cast<float>(), Bin.LabelsTrain);
        TensorAssert.Close<double>(GradientBoostingFixtures.Doubles(c.GetProperty("raw_test")), model.DecisionFunction(Bin.XTest.Cast<float>()).Cast<double>().ToArray(),
            new Tolerance("Float32Output", 1e-6, 1e-6));
        Assert.Equal(c.GetProperty("predict_test").EnumerateArray().Select(v => v.GetInt32()), model.Predict(Bin.XTest.Cast<float>()).Ints!);
    }

    [Fact]
    public void ImportancesAreNormalisedAndFavourTheInformativeFeatures()
    {
        var imp = new GradientBoostingRegressor(NEstimators: 20).Fit(Reg.XTrain, Vec(Reg.YTrain)).FeatureImportances;
        Assert.Equal(1.0, imp.Sum(), 12);
        Assert.All(imp, v => Assert.True(v >= 0));
        // A constant target gives single-leaf trees: all importances are zero (scikit-learn's degenerate case).
        var flat = new GradientBoostingRegressor(NEstimators: 3).Fit(Reg.XTrain, Tensor.Full(2.5, 200));
        Assert.All(flat.FeatureImportances, v => Assert.Equal(0.0, v));
        TensorAssert.Close(Tensor.Full(2.5, 50), flat.Predict(Reg.XTest), Tolerance.Exact);
    }

    [Fact]
    public void PercentilesFollowNumPyAndScikitLearn()
    {
        // np.percentile([3, 1, 2, 10], 50) = 2.5; np.percentile(..., 30) = 1.9 (virtual index 0.9).
        Assert.Equal(2.5, BoostingLossPercentile.Linear([3, 1, 2, 10], 50), 15);
        Assert.Equal(1.9, BoostingLossPercentile.Linear([3, 1, 2, 10], 30), 14);
        // _weighted_percentile: lower weighted median, no interpolation; leading zero weights skipped at 0.
        Assert.Equal(2.0, BoostingLossPercentile.Weighted([3, 1, 2, 10], [1, 1, 1, 1], 50));
        Assert.Equal(10.0, BoostingLossPercentile.Weighted([3, 1, 2, 10], [1, 1, 1, 5], 50));
        Assert.Equal(2.0, BoostingLossPercentile.Weighted([3, 1, 2, 10], [1, 0, 1, 1], 0));
    }
}
