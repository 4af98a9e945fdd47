using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// What every fitted forest has, classifier or regressor: its trees, leaf indices (<see cref="Apply"/>), feature
/// importances, the out-of-bag score and the <see cref="TreeEnsemble"/> view (weights 1/T, offsets 0, base 0,
/// identity link) used by TreeSHAP and partial dependence.
/// </summary>
/// <typeparam name="T">float or double (trees route and average in float64).</typeparam>
public abstract class ForestModel<T> : IFittedModel, ITreeEnsembleModel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TreeStructure[] trees;
    private readonly Lazy<ForestRouter> router;
    private readonly Lazy<TreeEnsemble> ensemble;
    private readonly Lazy<Tensor<T>> importances;

    private protected ForestModel(ForestSettings settings, TreeStructure[] trees, double? oobScore, Tensor<T>? oobPrediction)
    {
        Settings = settings;
        this.trees = trees;
        OobScore = oobScore;
        OobPrediction = oobPrediction;
        router = new(() => new ForestRouter(trees));
        ensemble = new(() => new TreeEnsemble(trees, Enumerable.Repeat(1.0 / trees.Length, trees.Length).ToArray(),
            new int[trees.Length], new double[trees[0].ValueWidth]));
        importances = new(() =>
        {
            var imp = ForestFitting.Importances(trees);
            return Tensor.FromArray(Array.ConvertAll(imp, v => T.CreateTruncating(v)), imp.Length);
        });
    }

    internal ForestSettings Settings { get; }

    /// <summary>The trees as the array the fitting code extends (never handed out).</summary>
    private protected TreeStructure[] TreeArray => trees;

    /// <summary>The fitted trees, in seed order (tree t grew from Philox stream t of the seed).</summary>
    public IReadOnlyList<TreeStructure> Trees => trees;

    /// <summary>Features seen at fit time.</summary>
    public int FeatureCount => trees[0].FeatureCount;

    /// <summary>
    /// Out-of-bag score when fitted with <c>OobScore = true</c> (accuracy for classifiers, R² for regressors,
    /// computed over the samples at least one tree left out), else null.
    /// </summary>
    public double? OobScore { get; }

    /// <summary>
    /// Out-of-bag predictions when fitted with <c>OobScore = true</c>: classifiers (n, C) mean probabilities
    /// (scikit-learn's <c>oob_decision_function_</c>), regressors (n) or (n, k) (<c>oob_prediction_</c>); a sample
    /// that every tree drew has NaN. Null otherwise.
    /// </summary>
    public Tensor<T>? OobPrediction { get; }

    /// <summary>Mean decrease in impurity per feature, averaged over trees and normalised to sum 1: (d).</summary>
    public Tensor<T> FeatureImportances => importances.Value;

    /// <inheritdoc />
    public TreeEnsemble Ensemble => ensemble.Value;

    /// <inheritdoc />
    public abstract void Save(Stream stream);

    /// <summary>The leaf id (node index within each tree) that each row of x (n, d) reaches in each tree: (n, trees).</summary>
    /// <exception cref="ArgumentException">x is not (n, <see cref="FeatureCount"/>) or holds NaN/∞.</exception>
    public Tensor<int> Apply(Tensor<T> x)
    {
        var (rows, n) = Rows(x);
        return Tensor.FromArray(router.Value.Apply(rows, n, FeatureCount, Parallelism.MaxThreads), n, trees.Length);
    }

    /// <summary>Σ over trees of the leaf values, divided by the tree count: (n, width) row-major float64.</summary>
    private protected double[] Mean(Tensor<T> x, out int n)
    {
        var (rows, count) = Rows(x);
        n = count;
        var sum = router.Value.Sum(rows, n, FeatureCount, Parallelism.MaxThreads);
        double t = trees.Length;
        for (int i = 0; i < sum.Length; i++) sum[i] /= t;
        return sum;
    }

    private (double[] Rows, int N) Rows(Tensor<T> x)
    {
        var xs = InputChecks.Features(Settings.Name + "Model", x, FeatureCount);
        return (Float64.From(xs), xs.Shape[0]);
    }

    /// <summary>Writes the trees (prefix <c>tree{i}.</c>), the OOB prediction and the options.</summary>
    private protected void Write(Stream stream, string kind, Dictionary<string, string> extra)
    {
        var tensors = new Dictionary<string, SafeTensorValue>();
        for (int t = 0; t < trees.Length; t++) trees[t].AddTo(tensors, $"tree{t}.");
        if (OobPrediction is not null) tensors["oob_prediction"] = SafeTensorValue.From(OobPrediction);
        var meta = Settings.ToMetadata();
        foreach (var (k, v) in extra) meta[k] = v;
        meta["tree_count"] = trees.Length.ToString(CultureInfo.InvariantCulture);
        meta["feature_count"] = FeatureCount.ToString(CultureInfo.InvariantCulture);
        if (OobScore is { } s) meta["oob_score_value"] = s.ToString("R", CultureInfo.InvariantCulture);
        ModelFile.Write<T>(stream, kind, tensors, meta);
    }

    /// <summary>The parts of a saved forest, validated: trees agree on features and value width, no categorical splits.</summary>
    private protected static (ForestSettings Settings, TreeStructure[] Trees, double? OobScore, Tensor<T>? OobPrediction, ModelFileContents<T> File) ReadParts(
        Stream stream, string kind, bool classifier, SplitStrategy splitter, Func<ModelFileContents<T>, int> valueWidthOf)
    {
        var f = ModelFile.Read<T>(stream, kind);
        int valueWidth = valueWidthOf(f);
        var settings = ForestSettings.Read(f, kind, classifier, splitter);
        int count = int.Parse(f.Option("tree_count"), CultureInfo.InvariantCulture);
        int d = int.Parse(f.Option("feature_count"), CultureInfo.InvariantCulture);
        if (count < 1 || count != settings.NEstimators)
            throw new InvalidDataException($"{kind}: the file holds {count} trees but NEstimators = {settings.NEstimators}.");
        var trees = new TreeStructure[count];
        for (int t = 0; t < count; t++)
        {
            trees[t] = TreeStructure.Read(f.File, $"tree{t}.");
            if (trees[t].FeatureCount != d || trees[t].ValueWidth != valueWidth || trees[t].HasCategoricalSplits)
                throw new InvalidDataException($"{kind}: tree {t} routes {trees[t].FeatureCount} features with {trees[t].ValueWidth} values per node" +
                    $"{(trees[t].HasCategoricalSplits ? " and categorical splits" : "")}; expected {d} features, {valueWidth} values and numeric splits.");
        }
        double? score = f.File.Metadata.TryGetValue("oob_score_value", out var s) ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
        Tensor<T>? oob = f.File.Contains("oob_prediction") ? f.File.Get<T>("oob_prediction") : null;
        return (settings, trees, score, oob, f);
    }
}
