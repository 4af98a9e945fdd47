using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The fitted state shared by the boosting regressor and classifier: trees stage-major (K per stage, tree
/// m·K + k adds to output k), the initial raw prediction, the learning rate and the per-stage scores. The raw
/// prediction is <c>F(x)_k = init_k + Σ_m ν · value_{m,k}(leaf_{m,k}(x))</c>, summed in stage order exactly as
/// scikit-learn's <c>predict_stages</c> does; trees hold the unshrunk leaf updates and ν multiplies at prediction.
/// </summary>
internal sealed class GradientBoostingCore
{
    public GradientBoostingCore(GradientBoostingFit fit, double learningRate, int featureCount)
    {
        Trees = fit.Trees;
        Init = fit.Init;
        TreesPerStage = fit.TreesPerStage;
        TrainScore = fit.TrainScore;
        OobImprovement = fit.OobImprovement;
        LearningRate = learningRate;
        FeatureCount = featureCount;
        if (Trees.Length != TrainScore.Length * TreesPerStage)
            throw new InvalidDataException($"Gradient boosting: {Trees.Length} trees for {TrainScore.Length} stages of {TreesPerStage}.");
        if (OobImprovement is not null && OobImprovement.Length != TrainScore.Length)
            throw new InvalidDataException($"Gradient boosting: {OobImprovement.Length} out-of-bag improvements for {TrainScore.Length} stages.");
        foreach (var t in Trees)
            if (t.FeatureCount != featureCount || t.ValueWidth != 1)
                throw new InvalidDataException($"Gradient boosting: a tree routes {t.FeatureCount} features with {t.ValueWidth} values per node; expected {featureCount} and 1.");
    }

    public TreeStructure[] Trees { get; }

    /// <summary>The fitted start of the raw predictions.</summary>
    public BoostingInitModel Init { get; }

    /// <summary>The constant start (K).</summary>
    /// <exception cref="InvalidOperationException">The start is an estimator's per-row prediction.</exception>
    public double[] InitialRaw => Init.Constant ?? throw new InvalidOperationException(
        $"Gradient boosting: the initial raw predictions come from the init estimator {Init.Model!.GetType().Name} and differ per row; see InitModel.");

    /// <summary>The fitting state the stage loop resumes from (warm start).</summary>
    public GradientBoostingFit Fit => new(Trees, Init, TreesPerStage, TrainScore, OobImprovement);

    public int TreesPerStage { get; }

    public double[] TrainScore { get; }

    public double[]? OobImprovement { get; }

    public double LearningRate { get; }

    public int FeatureCount { get; }

    public int Stages => TrainScore.Length;

    /// <summary>Validated row-major float64 copy of x.</summary>
    public double[] Rows<T>(string model, Tensor<T> x, out int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(model, x, FeatureCount);
        n = xs.Shape[0];
        var span = xs.AsSpan();
        var rows = new double[span.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = double.CreateTruncating(span[i]);
        return rows;
    }

    /// <summary>The raw predictions (n, K) after the first <paramref name="stages"/> stages.</summary>
    public double[] Raw(double[] rows, int n, int stages)
    {
        int k = TreesPerStage, d = FeatureCount;
        var raw = Init.Raw(rows, n, d, k);
        Parallel.For(0, (n + 255) / 256, b =>
        {
            int end = Math.Min(n, (b + 1) * 256);
            for (int i = b * 256; i < end; i++)
            {
                var row = rows.AsSpan(i * d, d);
                var r = raw.AsSpan(i * k, k);
                for (int t = 0; t < stages * k; t++) r[t % k] += LearningRate * Trees[t].Value(Trees[t].Apply(row))[0];
            }
        });
        return raw;
    }

    /// <summary>The leaf (node index, scikit-learn's numbering) each row reaches in every tree: row-major (n, Stages, K).</summary>
    public int[] Apply(double[] rows, int n)
    {
        int k = TreesPerStage, stages = Stages;
        var result = new int[n * stages * k];
        for (int t = 0; t < Trees.Length; t++)
        {
            var leaves = GradientBoostingRouting.Apply(Trees[t], rows, FeatureCount);
            int m = t / k, c = t % k;
            for (int i = 0; i < n; i++) result[(i * stages + m) * k + c] = leaves[i];
        }
        return result;
    }

    /// <summary>The raw predictions (n, K) after each stage 1 … Stages, computed incrementally.</summary>
    public IEnumerable<double[]> StagedRaw(double[] rows, int n)
    {
        int k = TreesPerStage, d = FeatureCount;
        var raw = Init.Raw(rows, n, d, k);
        for (int m = 0; m < Stages; m++)
        {
            for (int c = 0; c < k; c++)
            {
                var tree = Trees[m * k + c];
                var leaves = GradientBoostingRouting.Apply(tree, rows, d);
                var values = tree.Values;
                for (int i = 0; i < n; i++) raw[i * k + c] += LearningRate * values[leaves[i]];
            }
            yield return (double[])raw.Clone();
        }
    }

    /// <summary>
    /// scikit-learn 1.2's <c>feature_importances_</c>: for each tree with more than one node, the unnormalised
    /// impurity decrease per feature Σ_nodes (W_n·i_n − W_l·i_l − W_r·i_r) / W_root; the mean over those trees,
    /// normalised to sum 1 (all zeros when every tree is a single leaf).
    /// </summary>
    public double[] FeatureImportances()
    {
        var total = new double[FeatureCount];
        int relevant = 0;
        foreach (var t in Trees)
        {
            if (t.NodeCount <= 1) continue;
            relevant++;
            var imp = new double[FeatureCount];
            var w = t.WeightedSampleCount;
            var impurity = t.Impurity;
            for (int node = 0; node < t.NodeCount; node++)
            {
                if (t.IsLeaf(node)) continue;
                int l = t.LeftChild[node], r = t.RightChild[node];
                imp[t.Feature[node]] += w[node] * impurity[node] - w[l] * impurity[l] - w[r] * impurity[r];
            }
            for (int f = 0; f < FeatureCount; f++) total[f] += imp[f] / w[0];
        }
        if (relevant == 0) return total;
        double sum = 0;
        for (int f = 0; f < FeatureCount; f++) sum += total[f] /= relevant;
        for (int f = 0; f < FeatureCount; f++) total[f] /= sum;
        return total;
    }

    /// <summary>The trees as an additive raw-output sum: base = init·scale, weight = ν·scale, offset = class index.</summary>
    /// <exception cref="NotSupportedException">The start is an init estimator's per-row prediction (no constant base).</exception>
    public TreeEnsemble Ensemble(RawOutputLink link, double scale)
    {
        if (Init.Constant is null)
            throw new NotSupportedException($"Gradient boosting: the tree-ensemble view needs a constant start, but the model starts from the init estimator {Init.Model!.GetType().Name}.");
        var weights = new double[Trees.Length];
        var offsets = new int[Trees.Length];
        for (int t = 0; t < Trees.Length; t++)
        {
            weights[t] = LearningRate * scale;
            offsets[t] = t % TreesPerStage;
        }
        return new TreeEnsemble(Trees, weights, offsets, InitialRaw.Select(v => v * scale).ToArray(), link);
    }

    /// <summary>Adds the learned state to a model file's tensors and metadata.</summary>
    /// <exception cref="NotSupportedException">The start is a fitted init estimator (only the prior and zero starts are saved).</exception>
    public void Write(Dictionary<string, SafeTensorValue> tensors, Dictionary<string, string> meta)
    {
        if (Init.Constant is null)
            throw new NotSupportedException($"Gradient boosting: a model started from the init estimator {Init.Model!.GetType().Name} cannot be saved; only Init = null (the loss's prior) and Init = Zero are.");
        tensors["init_raw"] = Tensor.FromArray(InitialRaw, InitialRaw.Length);
        tensors["train_score"] = Tensor.FromArray(TrainScore, TrainScore.Length);
        if (OobImprovement is not null) tensors["oob_improvement"] = Tensor.FromArray(OobImprovement, OobImprovement.Length);
        for (int t = 0; t < Trees.Length; t++) Trees[t].AddTo(tensors, $"tree{t}.");
        meta["trees_per_stage"] = TreesPerStage.ToString(CultureInfo.InvariantCulture);
        meta["stages"] = Stages.ToString(CultureInfo.InvariantCulture);
        meta["feature_count"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Reads what <see cref="Write"/> stored, validating counts and shapes.</summary>
    /// <exception cref="InvalidDataException">An entry is missing or inconsistent.</exception>
    public static GradientBoostingCore Read<T>(ModelFileContents<T> f, string kind, double learningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            int k = int.Parse(f.Option("trees_per_stage"), CultureInfo.InvariantCulture);
            int stages = int.Parse(f.Option("stages"), CultureInfo.InvariantCulture);
            int d = int.Parse(f.Option("feature_count"), CultureInfo.InvariantCulture);
            if (k < 1 || stages < 1 || d < 1) throw new InvalidDataException($"{kind}: invalid counts (K = {k}, stages = {stages}, features = {d}).");
            var init = Vector(f, "init_raw", k, kind);
            var score = Vector(f, "train_score", stages, kind);
            var oob = f.File.Contains("oob_improvement") ? Vector(f, "oob_improvement", stages, kind) : null;
            var trees = new TreeStructure[stages * k];
            for (int t = 0; t < trees.Length; t++) trees[t] = TreeStructure.Read(f.File, $"tree{t}.");
            return new GradientBoostingCore(new GradientBoostingFit(trees, new ConstantInit(init), k, score, oob), learningRate, d);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{kind}: invalid counts in the file ({e.Message}).", e);
        }
    }

    private static double[] Vector<T>(ModelFileContents<T> f, string name, int length, string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!f.File.Contains(name)) throw new InvalidDataException($"{kind}: the file has no tensor \"{name}\".");
        var v = f.File.Get<double>(name).ToArray();
        if (v.Length != length) throw new InvalidDataException($"{kind}: \"{name}\" holds {v.Length} values, expected {length}.");
        return v;
    }

    /// <summary>Casts float64 values to a tensor of T with the given shape.</summary>
    public static Tensor<T> Cast<T>(double[] v, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }
}
