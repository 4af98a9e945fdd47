using System.Globalization;
using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// Issue 5's histogram gradient boosting benchmark: HistGradientBoostingClassifier with default options (early stopping
/// "auto" → on for 100 000 rows) on the issue-4 data (make_classification 110 000 × 50, 10 informative, seed 0; rows
/// 0…100 000 train, the last 10 000 held out), against <c>benchmarks/peers/learn_histgb.py</c> on the same rows.
/// Discovered by the peer runner through <see cref="All"/>: <c>./build/peers.sh learn_histgb</c>.
/// </summary>
internal sealed class HistGradientBoostingWorkloads(string name, string pythonArgs, Func<Action> setup, Func<string> note) : IPeerWorkload
{
    private const int Rows = 110_000, Features = 50, Test = 10_000;
    private Action run = null!;

    private static readonly Lazy<(Tensor<double> X, int[] Y)> Data = new(() =>
    {
        var (x, y) = Generators.MakeClassification(new Generator(0), nSamples: Rows, nFeatures: Features, nInformative: 10);
        NpyFile.Write("classification_x", x.AsSpan(), Rows, Features);
        NpyFile.Write("classification_y", Array.ConvertAll(y, v => (long)v), Rows);
        return (x, y);
    });

    /// <summary>The workloads (the peer runner looks for a static <c>All</c>).</summary>
    public static IEnumerable<IPeerWorkload> All
    {
        get
        {
            const int n = 100_000;
            HistGradientBoostingClassifierModel<double>? last = null;
            yield return new HistGradientBoostingWorkloads("hist gradient boosting fit 100k×50", $"histgb_fit {n}", () =>
            {
                var x = Data.Value.X.Narrow(0, 0, n).Contiguous();
                var y = Data.Value.Y[..n];
                return () => last = new HistGradientBoostingClassifier().Fit(x, y);
            }, () =>
            {
                if (last is null) return "not fitted";
                var testX = Data.Value.X.Narrow(0, Rows - Test, Test).Contiguous();
                double acc = ClassificationMetrics.Accuracy(Data.Value.Y[(Rows - Test)..], last.Predict(testX).Ints!.ToArray());
                return $"held-out accuracy {acc.ToString("F4", CultureInfo.InvariantCulture)}, n_iter {last.NIter}";
            });
            yield return new HistGradientBoostingWorkloads("hist gradient boosting predict_proba 10k", $"histgb_predict {n}", () =>
            {
                var model = new HistGradientBoostingClassifier().Fit(Data.Value.X.Narrow(0, 0, n).Contiguous(), Data.Value.Y[..n]);
                var q = Data.Value.X.Narrow(0, Rows - Test, Test).Contiguous();
                return () => model.PredictProba(q);
            }, () => "");
        }
    }

    public string Group => "learn_histgb";
    public string Name { get; } = name;
    public int Threads => 2;
    public double WorkPerRun => 0;
    public string RateUnit => "";
    public string? PythonArgs { get; } = pythonArgs;
    public Action? MathNet => null;
    public string? Note => note() is { Length: > 0 } text ? text : null;

    public void Setup() => run = setup();

    public void RunOurs() => run();
}
