using System.Globalization;
using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// Issue 5's random-forest comparison with scikit-learn 1.2 (<c>benchmarks/peers/learn_forests.py</c>):
/// make_classification(110 000 × 50, 10 informative, our generator, seed 0) written as <c>.npy</c> so both sides fit
/// identical rows; rows 0…100 000 train a 100-tree forest (sqrt features, bootstrap, seed 0 / random_state 0),
/// the last 10 000 rows are held out. Run: <c>./build/peers.sh learn_forests</c> (group <c>learn_forests</c>, found by
/// reflection like every <see cref="IPeerWorkload"/>).
/// </summary>
internal sealed class ForestPeerWorkload(string name, string pythonArgs, Func<Action> setup, Func<string>? note = null) : IPeerWorkload
{
    private Action run = null!;

    /// <summary>Every forest workload (the peer runner looks for a static <c>All</c>).</summary>
    public static IEnumerable<IPeerWorkload> All => ForestWorkloads.All();

    public string Group => "learn_forests";
    public string Name { get; } = name;
    public int Threads => 2;
    public double WorkPerRun => 0;
    public string RateUnit => "";
    public string? PythonArgs { get; } = pythonArgs;
    public Action? MathNet => null;
    public string? Note => note?.Invoke();

    public void Setup() => run = setup();

    public void RunOurs() => run();
}

/// <summary>The forest workloads and their shared data.</summary>
internal static class ForestWorkloads
{
    private const int Rows = 110_000, Features = 50, Test = 10_000, Train = Rows - Test;

    private static readonly Lazy<(Tensor<double> X, int[] Y)> Data = new(() =>
    {
        var (x, y) = Generators.MakeClassification(new Generator(0), nSamples: Rows, nFeatures: Features, nInformative: 10);
        NpyFile.Write("forests_x", x.AsSpan(), Rows, Features);
        NpyFile.Write("forests_y", Array.ConvertAll(y, v => (long)v), Rows);
        return (x, y);
    });

    private static Tensor<double> TrainX => Data.Value.X.Narrow(0, 0, Train).Contiguous();
    private static int[] TrainY => Data.Value.Y[..Train];
    private static Tensor<double> TestX => Data.Value.X.Narrow(0, Train, Test).Contiguous();
    private static int[] TestY => Data.Value.Y[Train..];

    private static string Acc(RandomForestClassifierModel<double> m) =>
        "held-out accuracy " + ClassificationMetrics.Accuracy(TestY, m.Predict(TestX).Ints!.ToArray()).ToString("F4", CultureInfo.InvariantCulture) +
        $", {m.Trees.Sum(t => t.NodeCount) / m.Trees.Count} nodes per tree, mean depth {m.Trees.Average(t => t.MaxDepth):F1}";

    public static IEnumerable<IPeerWorkload> All()
    {
        // One fit takes seconds: the runner times it once per round, and the note reports the accuracy of the last timed fit.
        RandomForestClassifierModel<double>? last = null;
        yield return new ForestPeerWorkload("random forest fit 100k×50 (100 trees)", "rf_fit", () =>
        {
            var x = TrainX;
            var y = TrainY;
            var est = new RandomForestClassifier(100, Seed: 0);
            return () => last = est.Fit(x, y);
        }, () => last is null ? "not fitted" : Acc(last));
        yield return new ForestPeerWorkload("random forest predict_proba 10k (100 trees)", "rf_predict", () =>
        {
            var model = new RandomForestClassifier(100, Seed: 0).Fit(TrainX, TrainY);
            var q = TestX;
            return () => model.PredictProba(q);
        });
    }
}
