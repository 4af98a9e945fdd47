using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The learned state of a histogram gradient boosting model: Outputs trees per iteration (raw thresholds, values
/// already multiplied by the learning rate), the baseline raw prediction and the early-stopping scores.
/// raw(x)[k] = baseline[k] + Σ_iterations tree_{it,k}(x). It also keeps the bin thresholds of the fit, so that a warm
/// start can check that it bins its data the same way.
/// </summary>
internal sealed class HistBoostedTrees
{
    public HistBoostedTrees(TreeStructure[] trees, int outputs, double[] baseline, RawOutputLink link, double[] trainScore, double[] validationScore, int featureCount,
        double[][]? binThresholds)
    {
        BinThresholds = binThresholds;
        Trees = trees;
        Outputs = outputs;
        Baseline = baseline;
        Link = link;
        TrainScore = trainScore;
        ValidationScore = validationScore;
        FeatureCount = featureCount;
        var weights = new double[trees.Length];
        Array.Fill(weights, 1.0);
        var offsets = new int[trees.Length];
        for (int t = 0; t < trees.Length; t++) offsets[t] = t % outputs;
        Ensemble = new TreeEnsemble(trees, weights, offsets, baseline, link);
    }

    public TreeStructure[] Trees { get; }
    public int Outputs { get; }
    public double[] Baseline { get; }
    public RawOutputLink Link { get; }
    public double[] TrainScore { get; }
    public double[] ValidationScore { get; }
    public int FeatureCount { get; }
    public TreeEnsemble Ensemble { get; }

    /// <summary>Per feature the bin thresholds (or sorted categories) of the fit; null for a file written without them.</summary>
    public double[][]? BinThresholds { get; }
    public int Iterations => Trees.Length / Outputs;

    /// <summary>Validated row-major float64 copy of x (NaN allowed, ±∞ rejected) with the fitted feature count.</summary>
    public double[] Rows<T>(string model, Tensor<T> x, out int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = InputChecks.Features(model, x, FeatureCount, allowNaN: true);
        n = c.Shape[0];
        return Float64.From(c);
    }

    /// <summary>Rows per parallel work item of <see cref="Raw"/>: every block walks all trees, tree by tree.</summary>
    private const int BlockRows = 1024;

    /// <summary>
    /// Raw predictions after the first <paramref name="iterations"/> iterations: (n × Outputs) row-major. Blocks of rows
    /// run in parallel; inside a block the rows descend one tree at a time (its nodes stay in cache) through the
    /// tree's branch-light routing, and each row's sum runs in tree order, so the result does not depend on the
    /// thread count.
    /// </summary>
    public double[] Raw(double[] x, int n, int iterations)
    {
        int k = Outputs, trees = iterations * k;
        var raw = new double[(long)n * k];
        var leaves = new int[n];
        Parallelism.For((n + BlockRows - 1) / BlockRows, b =>
        {
            int start = b * BlockRows, end = Math.Min(n, start + BlockRows);
            for (int i = start; i < end; i++) Baseline.CopyTo(raw.AsSpan(i * k, k));
            for (int t = 0; t < trees; t++)
            {
                var tree = Trees[t];
                tree.ApplyRows<double>(x, start, end, leaves);
                var values = tree.Values;
                int o = t % k;
                for (int i = start; i < end; i++) raw[i * k + o] += values[leaves[i]];
            }
        });
        return raw;
    }

    /// <summary>Raw predictions after each iteration 1 … Iterations: (n × Outputs) row-major each.</summary>
    public IEnumerable<double[]> StagedRaw(double[] x, int n)
    {
        int k = Outputs;
        var raw = new double[(long)n * k];
        var leaves = new int[n];
        for (int i = 0; i < n; i++) Baseline.CopyTo(raw.AsSpan(i * k, k));
        for (int it = 0; it < Iterations; it++)
        {
            for (int j = 0; j < k; j++)
            {
                var tree = Trees[it * k + j];
                tree.ApplyRows<double>(x, 0, n, leaves);
                var values = tree.Values;
                for (int i = 0; i < n; i++) raw[i * k + j] += values[leaves[i]];
            }
            yield return (double[])raw.Clone();
        }
    }

    /// <summary>Adds the state to a model file's tensors and metadata.</summary>
    public void AddTo(IDictionary<string, SafeTensorValue> tensors, IDictionary<string, string> meta)
    {
        for (int t = 0; t < Trees.Length; t++) Trees[t].AddTo(tensors, $"tree{t}_");
        tensors["baseline"] = Tensor.FromArray(Baseline, Baseline.Length);
        tensors["train_score"] = Tensor.FromArray(TrainScore, TrainScore.Length);
        tensors["validation_score"] = Tensor.FromArray(ValidationScore, ValidationScore.Length);
        meta["tree_count"] = Trees.Length.ToString(CultureInfo.InvariantCulture);
        meta["outputs"] = Outputs.ToString(CultureInfo.InvariantCulture);
        meta["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
        meta["link"] = Link.ToString();
        if (BinThresholds is null) return;
        tensors["bin_threshold_counts"] = Tensor.FromArray(Array.ConvertAll(BinThresholds, t => (double)t.Length), BinThresholds.Length);
        var all = BinThresholds.SelectMany(t => t).ToArray();
        tensors["bin_thresholds"] = Tensor.FromArray(all, all.Length);
    }

    /// <summary>Reads the state written by <see cref="AddTo"/>, validating counts and shapes.</summary>
    /// <exception cref="InvalidDataException">An entry is missing or inconsistent.</exception>
    public static HistBoostedTrees Read(SafeTensorsFile file, string kind)
    {
        int Int(string key) => file.Metadata.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int r)
            ? r : throw new InvalidDataException($"{kind}: the file has no valid \"{key}\" entry.");
        int count = Int("tree_count"), outputs = Int("outputs"), d = Int("features");
        if (outputs < 1 || count < 0 || count % outputs != 0 || d < 1)
            throw new InvalidDataException($"{kind}: {count} trees do not form whole iterations of {outputs} outputs (features {d}).");
        if (!file.Metadata.TryGetValue("link", out var linkText) || !Enum.TryParse<RawOutputLink>(linkText, out var link))
            throw new InvalidDataException($"{kind}: the file has no valid link.");
        double[] Vec(string name)
        {
            if (!file.Contains(name)) throw new InvalidDataException($"{kind}: the file has no tensor \"{name}\".");
            try { return file.Get<double>(name).ToArray(); }
            catch (Exception e) when (e is ArgumentException or InvalidCastException) { throw new InvalidDataException($"{kind}: tensor \"{name}\" is not float64: {e.Message}", e); }
        }
        var baseline = Vec("baseline");
        if (baseline.Length != outputs) throw new InvalidDataException($"{kind}: baseline has {baseline.Length} values for {outputs} outputs.");
        var trees = new TreeStructure[count];
        for (int t = 0; t < count; t++)
        {
            trees[t] = TreeStructure.Read(file, $"tree{t}_");
            if (trees[t].FeatureCount != d || trees[t].ValueWidth != 1)
                throw new InvalidDataException($"{kind}: tree {t} routes {trees[t].FeatureCount} features with width {trees[t].ValueWidth}, expected {d} and 1.");
        }
        if (count == 0) throw new InvalidDataException($"{kind}: the file holds no trees.");
        double[][]? bins = null;
        if (file.Contains("bin_thresholds"))
        {
            // Files written before warm start have no thresholds: they load, but cannot add iterations.
            var counts = Vec("bin_threshold_counts");
            var all = Vec("bin_thresholds");
            if (counts.Length != d || counts.Any(c => c < 0 || c != Math.Floor(c)) || counts.Sum() != all.Length)
                throw new InvalidDataException($"{kind}: the bin thresholds ({all.Length} values, {counts.Length} counts) do not match {d} features.");
            bins = new double[d][];
            int at = 0;
            for (int f = 0; f < d; f++) { bins[f] = all[at..(at + (int)counts[f])]; at += (int)counts[f]; }
        }
        return new HistBoostedTrees(trees, outputs, baseline, link, Vec("train_score"), Vec("validation_score"), d, bins);
    }
}
