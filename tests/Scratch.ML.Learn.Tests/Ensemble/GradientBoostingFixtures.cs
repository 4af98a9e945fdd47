using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>The scikit-learn fixtures of tests/reference/sklearn_gboost.py and the option mapping from its keyword arguments.</summary>
internal static class GradientBoostingFixtures
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "gboost", "gboost.json"))).RootElement;

    /// <summary>One generated data set: the first Train rows fit, the rest are held out; weights cover the training rows.</summary>
    public sealed record Data(Tensor<double> XTrain, Tensor<double> XTest, double[] YTrain, double[] YTest, double[] Weights)
    {
        public int[] LabelsTrain => Array.ConvertAll(YTrain, v => (int)v);

        public int[] LabelsTest => Array.ConvertAll(YTest, v => (int)v);
    }

    public static Data Load(string key)
    {
        if (key is "breast_cancer" or "diabetes")
        {
            var ds = key == "breast_cancer" ? SmallDatasets.LoadBreastCancer() : SmallDatasets.LoadDiabetes();
            int n = ds.Data.Shape[0], d = ds.Data.Shape[1];
            var train = Enumerable.Range(0, n).Where(i => i % 4 != 0).ToArray();
            var test = Enumerable.Range(0, n).Where(i => i % 4 == 0).ToArray();
            var t = ds.Target.ToArray();
            return new(Rows(ds.Data, train), Rows(ds.Data, test), train.Select(i => t[i]).ToArray(), test.Select(i => t[i]).ToArray(), []);
        }
        var e = Root.GetProperty("data").GetProperty(key);
        int nTrain = e.GetProperty("train").GetInt32();
        // x holds float32 values written as float32's shortest text: read as float, widen exactly.
        var rows = e.GetProperty("x").EnumerateArray().Select(r => r.EnumerateArray().Select(v => (double)v.GetSingle()).ToArray()).ToArray();
        var y = e.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        int dd = rows[0].Length, all = rows.Length;
        var flat = rows.SelectMany(r => r).ToArray();
        var x = Tensor.FromArray(flat, all, dd);
        return new(x.Narrow(0, 0, nTrain).Contiguous(), x.Narrow(0, nTrain, all - nTrain).Contiguous(), y[..nTrain], y[nTrain..],
            e.GetProperty("w").EnumerateArray().Select(v => v.GetDouble()).ToArray());
    }

    private static Tensor<double> Rows(Tensor<double> x, int[] idx) =>
        x.IndexSelect(0, Tensor.FromArray(Array.ConvertAll(idx, i => (long)i), idx.Length)).Contiguous();

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Row-major values of a vector or matrix.</summary>
    public static double[] Flat(JsonElement e) => e.EnumerateArray()
        .SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(u => u.GetDouble()) : [v.GetDouble()]).ToArray();

    public static GradientBoostingRegressor Regressor(JsonElement p) => new(
        Str(p, "loss", "squared_error") switch
        {
            "absolute_error" => GradientBoostingRegressionLoss.AbsoluteError,
            "huber" => GradientBoostingRegressionLoss.Huber,
            "quantile" => GradientBoostingRegressionLoss.Quantile,
            _ => GradientBoostingRegressionLoss.SquaredError,
        },
        Num(p, "learning_rate", 0.1), (int)Num(p, "n_estimators", 100), Num(p, "subsample", 1.0), Criterion(p), (int)Num(p, "min_samples_split", 2),
        (int)Num(p, "min_samples_leaf", 1), Num(p, "min_weight_fraction_leaf", 0), Int(p, "max_depth", 3), Num(p, "min_impurity_decrease", 0), MaxFeatures(p),
        Num(p, "alpha", 0.9), Int(p, "max_leaf_nodes", null), Num(p, "validation_fraction", 0.1), Int(p, "n_iter_no_change", null), Num(p, "tol", 1e-4));

    public static GradientBoostingClassifier Classifier(JsonElement p) => new(
        Str(p, "loss", "log_loss") == "exponential" ? GradientBoostingClassificationLoss.Exponential : GradientBoostingClassificationLoss.LogLoss,
        Num(p, "learning_rate", 0.1), (int)Num(p, "n_estimators", 100), Num(p, "subsample", 1.0), Criterion(p), (int)Num(p, "min_samples_split", 2),
        (int)Num(p, "min_samples_leaf", 1), Num(p, "min_weight_fraction_leaf", 0), Int(p, "max_depth", 3), Num(p, "min_impurity_decrease", 0), MaxFeatures(p),
        Int(p, "max_leaf_nodes", null), Num(p, "validation_fraction", 0.1), Int(p, "n_iter_no_change", null), Num(p, "tol", 1e-4));

    private static string Str(JsonElement p, string name, string fallback) => p.TryGetProperty(name, out var v) ? v.GetString()! : fallback;

    private static double Num(JsonElement p, string name, double fallback) => p.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;

    private static int? Int(JsonElement p, string name, int? fallback) =>
        p.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.Null ? null : v.GetInt32()) : fallback;

    private static SplitCriterion Criterion(JsonElement p) => Str(p, "criterion", "friedman_mse") == "squared_error" ? SplitCriterion.SquaredError : SplitCriterion.FriedmanMse;

    private static GradientBoostingMaxFeatures MaxFeatures(JsonElement p) => !p.TryGetProperty("max_features", out var v) ? GradientBoostingMaxFeatures.All
        : v.ValueKind == JsonValueKind.String ? GradientBoostingMaxFeatures.Parse(v.GetString()!) : GradientBoostingMaxFeatures.Count(v.GetInt32());
}
