using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// GradientBoostingRegressor/Classifier against scikit-learn 1.2 (tests/reference/sklearn_gboost.py). Exact cases
/// (Subsample = 1, all features, tie-free data verified by the script) must reproduce scikit-learn's trees, leaf
/// updates and per-stage losses; score cases (random subsampling, feature draws, early stopping, tied splits) are
/// compared by held-out R² / accuracy.
/// </summary>
public class GradientBoostingSklearnTests
{
    // Same splits and the same leaf formulas; only the order of floating-point sums differs (NumPy sums pairwise,
    // we sum left to right), ~1e-16 relative per sum, carried through ≤ 30 stages: 1e-10 relative leaves ~10⁴ margin.
    // Absolute 1e-9 covers predictions and importances near zero.
    private static readonly Tolerance VsSklearn = new("GradientBoostingVsSklearn", 1e-9, 1e-10);

    public static TheoryData<string> RegressionCases() => Cases("r_");

    public static TheoryData<string> ClassificationCases() => Cases("c_");

    private static TheoryData<string> Cases(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var c in GradientBoostingFixtures.Root.GetProperty("exact").EnumerateObject())
            if (c.Name.StartsWith(prefix, StringComparison.Ordinal)) data.Add(c.Name);
        return data;
    }

    private static JsonElement Case(string name) => GradientBoostingFixtures.Root.GetProperty("exact").GetProperty(name);

    // Importances: in nodes of 2–5 samples several features often cut off the same samples, and the candidates'
    // improvements then differ only by rounding (scikit-learn computes the right child's sum as total − left sum, so
    // which feature wins depends on the summation order). The partition, the leaf values and every training
    // prediction are the same, but the (tiny) decrease of such a node is credited to another feature: 1e-3 absolute
    // covers it, while a wrong formula or a different tree would be off by orders of magnitude more.
    private static readonly Tolerance ImportanceVsSklearn = new("GradientBoostingImportanceVsSklearn", 1e-3, 0);

    private static void Close(double[] expected, IReadOnlyList<double> actual, string what, Tolerance? tolerance = null)
    {
        Assert.True(expected.Length == actual.Count, $"{what}: {actual.Count} values, expected {expected.Length}");
        try { TensorAssert.Close<double>(expected, actual.ToArray(), tolerance ?? VsSklearn); }
        catch (TensorAssertException e) { throw new TensorAssertException($"{what}: {e.Message}"); }
    }

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void RegressorReproducesScikitLearn(string name)
    {
        var c = Case(name);
        var data = GradientBoostingFixtures.Load(c.GetProperty("data").GetString()!);
        var w = c.GetProperty("weighted").GetBoolean() ? Tensor.FromArray(data.Weights, data.Weights.Length) : null;
        var model = GradientBoostingFixtures.Regressor(c.GetProperty("params")).Fit(data.XTrain, Tensor.FromArray(data.YTrain, data.YTrain.Length), w);
        Assert.Equal(c.GetProperty("n_estimators_").GetInt32(), model.NEstimatorsFitted);
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("init_raw")), [model.InitialPrediction], "init");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("train_score")), model.TrainScore, "train score");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("raw_train")), model.Predict(data.XTrain).ToArray(), "train predictions");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("raw_test")), model.Predict(data.XTest).ToArray(), "test predictions");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("stage9_test")), model.StagedPredict(data.XTest).ElementAt(9).ToArray(), "stage 10");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("importances")), model.FeatureImportances, "importances", ImportanceVsSklearn);
        Assert.Equal(c.GetProperty("leaves").GetInt32(), model.Trees.Sum(t => t.LeafCount));
    }

    [Theory]
    [MemberData(nameof(ClassificationCases))]
    public void ClassifierReproducesScikitLearn(string name)
    {
        var c = Case(name);
        var data = GradientBoostingFixtures.Load(c.GetProperty("data").GetString()!);
        var w = c.GetProperty("weighted").GetBoolean() ? Tensor.FromArray(data.Weights, data.Weights.Length) : null;
        var model = GradientBoostingFixtures.Classifier(c.GetProperty("params")).Fit(data.XTrain, data.LabelsTrain, w);
        Assert.Equal(c.GetProperty("n_estimators_").GetInt32(), model.NEstimatorsFitted);
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("init_raw")), model.InitialRaw, "init");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("train_score")), model.TrainScore, "train score");
        Close(GradientBoostingFixtures.Flat(c.GetProperty("raw_train")), model.DecisionFunction(data.XTrain).ToArray(), "train raw");
        Close(GradientBoostingFixtures.Flat(c.GetProperty("raw_test")), model.DecisionFunction(data.XTest).ToArray(), "test raw");
        Close(GradientBoostingFixtures.Flat(c.GetProperty("proba_test")), model.PredictProba(data.XTest).ToArray(), "probabilities");
        Close(GradientBoostingFixtures.Flat(c.GetProperty("stage9_test")), model.StagedDecisionFunction(data.XTest).ElementAt(9).ToArray(), "stage 10");
        Close(GradientBoostingFixtures.Doubles(c.GetProperty("importances")), model.FeatureImportances, "importances", ImportanceVsSklearn);
        Assert.Equal(c.GetProperty("predict_test").EnumerateArray().Select(v => v.GetInt32()), model.Predict(data.XTest).Ints!);
        Assert.Equal(c.GetProperty("leaves").GetInt32(), model.Trees.Sum(t => t.LeafCount));
    }

    public static TheoryData<string> ScoreCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in GradientBoostingFixtures.Root.GetProperty("scores").EnumerateObject()) data.Add(c.Name);
        return data;
    }

    /// <summary>
    /// Held-out score of our fit (mean over 2 seeds; 5 for early stopping, whose validation split makes single fits
    /// vary by ±0.03 on 50 test rows — our mean over 10 seeds is 0.918 against scikit-learn's 0.924) against
    /// scikit-learn's mean over 5 random_states. The margins are the seed-to-seed spread of these small problems (50–143 test rows): 0.03 in R² and 0.03 in accuracy
    /// (≈ 1.5–4 test rows), the same size as scikit-learn's own standard deviation over seeds on the noisier cases.
    /// Early-stopping cases also check that the number of stages lands in scikit-learn's range (±50 %).
    /// </summary>
    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void ScoresMatchScikitLearn(string name)
    {
        var c = GradientBoostingFixtures.Root.GetProperty("scores").GetProperty(name);
        var data = GradientBoostingFixtures.Load(c.GetProperty("data").GetString()!);
        double expected = c.GetProperty("score").GetDouble();
        var stages = c.GetProperty("n_estimators_").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var scores = new List<double>();
        var fitted = new List<int>();
        for (ulong seed = 0; seed < (ulong)(name.Contains("early_stop", StringComparison.Ordinal) ? 5 : 2); seed++)
        {
            if (name.StartsWith("r_", StringComparison.Ordinal))
            {
                var m = GradientBoostingFixtures.Regressor(c.GetProperty("params")) with { Seed = seed };
                var model = m.Fit(data.XTrain, Tensor.FromArray(data.YTrain, data.YTrain.Length));
                scores.Add(model.Score(data.XTest, Tensor.FromArray(data.YTest, data.YTest.Length)));
                fitted.Add(model.NEstimatorsFitted);
            }
            else
            {
                var m = GradientBoostingFixtures.Classifier(c.GetProperty("params")) with { Seed = seed };
                var model = m.Fit(data.XTrain, data.LabelsTrain);
                scores.Add(model.Score(data.XTest, data.LabelsTest));
                fitted.Add(model.NEstimatorsFitted);
            }
        }
        double ours = scores.Average();
        Assert.True(Math.Abs(ours - expected) <= 0.03, $"{name}: held-out score {ours:F4} vs scikit-learn {expected:F4}");
        Assert.True(fitted.Average() >= 0.5 * stages.Min() && fitted.Average() <= 1.5 * stages.Max(),
            $"{name}: {string.Join(", ", fitted)} stages vs scikit-learn {string.Join(", ", stages)}");
    }
}
