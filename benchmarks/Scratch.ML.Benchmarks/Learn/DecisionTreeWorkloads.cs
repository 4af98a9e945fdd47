using System.Globalization;
using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// Issue 5's single-tree benchmark: DecisionTreeClassifier with default options (gini, best splitter, all features,
/// full depth) fitted on the issue-4 data (make_classification 110 000 × 50, 10 informative, seed 0; rows 0…100 000
/// train, the last 10 000 held out), and its prediction on the held-out rows, against
/// <c>benchmarks/peers/learn_trees.py</c> on the same rows. A scikit-learn tree is single-threaded, and so is ours, so
/// the comparison runs at one thread. Run: <c>./build/peers.sh learn_trees</c>.
/// </summary>
internal sealed class DecisionTreeWorkloads(string name, string pythonArgs, Func<Action> setup, Func<string> note) : IPeerWorkload
{
    private const int Rows = 110_000, Features = 50, Test = 10_000, Train = Rows - Test;
    private Action run = null!;

    private static readonly Lazy<(Tensor<double> X, int[] Y)> Data = new(() =>
    {
        var (x, y) = Generators.MakeClassification(new Generator(0), nSamples: Rows, nFeatures: Features, nInformative: 10);
        NpyFile.Write("classification_x", x.AsSpan(), Rows, Features);
        NpyFile.Write("classification_y", Array.ConvertAll(y, v => (long)v), Rows);
        return (x, y);
    });

    private static Tensor<double> TestX => Data.Value.X.Narrow(0, Rows - Test, Test).Contiguous();

    /// <summary>The workloads (the peer runner looks for a static <c>All</c>).</summary>
    public static IEnumerable<IPeerWorkload> All
    {
        get
        {
            DecisionTreeClassifierModel<double>? last = null;
            yield return new DecisionTreeWorkloads("decision tree fit 100k×50", $"dt_fit {Train}", () =>
            {
                var x = Data.Value.X.Narrow(0, 0, Train).Contiguous();
                var y = Data.Value.Y[..Train];
                return () => last = new DecisionTreeClassifier().Fit(x, y);
            }, () =>
            {
                if (last is null) return "not fitted";
                double acc = ClassificationMetrics.Accuracy(Data.Value.Y[(Rows - Test)..], last.Predict(TestX).Ints!.ToArray());
                return $"held-out accuracy {acc.ToString("F4", CultureInfo.InvariantCulture)}, depth {last.Depth}, leaves {last.LeafCount}";
            });
            yield return new DecisionTreeWorkloads("decision tree predict 10k", $"dt_predict {Train}", () =>
            {
                var model = new DecisionTreeClassifier().Fit(Data.Value.X.Narrow(0, 0, Train).Contiguous(), Data.Value.Y[..Train]);
                var q = TestX;
                return () => model.Predict(q);
            }, () => "");
        }
    }

    public string Group => "learn_trees";
    public string Name { get; } = name;
    public int Threads => 1;
    public double WorkPerRun => 0;
    public string RateUnit => "";
    public string? PythonArgs { get; } = pythonArgs;
    public Action? MathNet => null;
    public string? Note => note();

    public void Setup() => run = setup();

    public void RunOurs() => run();
}
