using System.Globalization;
using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// Issue 5's classic gradient-boosting comparison: GradientBoostingClassifier with scikit-learn's defaults (log-loss,
/// 100 stages, depth 3, ν = 0.1) on make_classification(30 000 × 50, seed 0, scikit-learn's default 2 informative +
/// 2 redundant features) from our generator; rows 0 … 20 000 train, the last 10 000 are held out. The rows are written
/// as .npy for <c>benchmarks/peers/learn_gboost.py</c> so both sides fit identical data. Run:
/// <c>./build/peers.sh learn_gboost</c> (the runner discovers this type by reflection).
/// </summary>
internal sealed class GradientBoostingWorkloads(string name, string pythonArgs, Func<Action> setup, Func<string>? note = null) : IPeerWorkload
{
    private const int Rows = 30_000, Train = 20_000, Test = 10_000;
    private Action run = null!;

    private static readonly Lazy<(Tensor<double> X, int[] Y)> Data = new(() =>
    {
        var (x, y) = Generators.MakeClassification(new Generator(0), nSamples: Rows, nFeatures: 50);
        NpyFile.Write("gboost_x", x.AsSpan(), Rows, 50);
        NpyFile.Write("gboost_y", Array.ConvertAll(y, v => (long)v), Rows);
        return (x, y);
    });

    /// <summary>The workloads (the peer runner looks for a static <c>All</c>).</summary>
    public static IEnumerable<IPeerWorkload> All
    {
        get
        {
            string fitNote = "";
            yield return new GradientBoostingWorkloads("gradient boosting fit 20k×50 (100 stages, depth 3)", "gb_fit", () =>
            {
                var (x, y) = Split();
                var est = new GradientBoostingClassifier();
                var (xt, yt) = HeldOut();
                fitNote = "held-out accuracy " + ClassificationMetrics.Accuracy(yt, est.Fit(x, y).Predict(xt).Ints!.ToArray()).ToString("F4", CultureInfo.InvariantCulture);
                return () => est.Fit(x, y);
            }, () => fitNote);
            yield return new GradientBoostingWorkloads("gradient boosting predict_proba 10k (fit on 20k×50)", "gb_predict", () =>
            {
                var (x, y) = Split();
                var model = new GradientBoostingClassifier().Fit(x, y);
                var (xt, _) = HeldOut();
                return () => model.PredictProba(xt);
            });
        }
    }

    private static (Tensor<double> X, int[] Y) Split() => (Data.Value.X.Narrow(0, 0, Train).Contiguous(), Data.Value.Y[..Train]);

    private static (Tensor<double> X, int[] Y) HeldOut() => (Data.Value.X.Narrow(0, Rows - Test, Test).Contiguous(), Data.Value.Y[(Rows - Test)..]);

    public string Group => "learn_gboost";

    public string Name { get; } = name;

    /// <summary>scikit-learn's GradientBoosting is single-threaded (no n_jobs); ours uses 2 threads for routing and the grower's parallel loops.</summary>
    public int Threads => 2;

    public double WorkPerRun => 0;

    public string RateUnit => "";

    public string? PythonArgs { get; } = pythonArgs;

    public Action? MathNet => null;

    /// <summary>Our held-out accuracy after Setup, printed beside the timing line.</summary>
    public string? Note => note?.Invoke();

    public void Setup() => run = setup();

    public void RunOurs() => run();
}
