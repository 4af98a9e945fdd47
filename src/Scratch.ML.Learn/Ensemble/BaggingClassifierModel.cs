using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>A fitted <see cref="BaggingClassifier"/>: the members and the feature columns each one sees.</summary>
/// <remarks>Saved as one composite file: member i under <c>"{i}/"</c> (named <c>estimator_{i}</c>), its feature
/// columns in the option <c>bag.{i}.features</c>, plus <c>classes</c>, <c>features</c> and <c>bag.oob_score</c>
/// (the out-of-bag decision function is training diagnostics and is not saved).
/// <para>When every member is a tree model (the default base, forests, …) the model is the subclass
/// <see cref="BaggingClassifierTreeModel{T}"/>, which adds the <see cref="Trees.ITreeEnsembleModel"/> view for TreeSHAP and
/// partial dependence (see <see cref="TryGetTreeEnsemble"/>); fitting and loading choose the type, and no other subclass
/// can exist (the constructor is internal).</para></remarks>
/// <typeparam name="T">float or double.</typeparam>
public class BaggingClassifierModel<T> : IProbabilisticModel<T>, ILoadableModel<BaggingClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "BaggingClassifier";
    private readonly int[][] features;

    /// <summary>The fitted model: a <see cref="BaggingClassifierTreeModel{T}"/> when every member is a tree model, else this type.</summary>
    internal static BaggingClassifierModel<T> Create(ClassLabels classes, int featureCount, IClassificationModel<T>[] members, int[][] features, double? oobScore, Tensor<T>? oobDecision) =>
        BaggingTrees.Qualify(members, j => members[j].Classes.Count)
            ? new BaggingClassifierTreeModel<T>(classes, featureCount, members, features, oobScore, oobDecision)
            : new BaggingClassifierModel<T>(classes, featureCount, members, features, oobScore, oobDecision);

    internal BaggingClassifierModel(ClassLabels classes, int featureCount, IClassificationModel<T>[] members, int[][] features, double? oobScore, Tensor<T>? oobDecision)
    {
        Classes = classes;
        FeatureCount = featureCount;
        Estimators = members;
        this.features = features;
        OobScore = oobScore;
        OobDecisionFunction = oobDecision;
    }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted members, in draw order.</summary>
    public IReadOnlyList<IClassificationModel<T>> Estimators { get; }

    /// <summary>The feature columns member i sees (sorted; repeats under feature bootstrap).</summary>
    public IReadOnlyList<IReadOnlyList<int>> EstimatorFeatures => features;

    /// <summary>
    /// The members' trees as one averaged <see cref="Trees.TreeEnsemble"/> over the original features (for TreeSHAP and
    /// partial dependence by recursion), when every member is a tree model with identity link: then this model is a
    /// <see cref="BaggingClassifierTreeModel{T}"/> (an <see cref="Trees.ITreeEnsembleModel"/>) and the view is its
    /// <see cref="BaggingClassifierTreeModel{T}.Ensemble"/>. Bagging does not implement the interface for other bases, so code
    /// that tests <c>model is ITreeEnsembleModel</c> (partial dependence's automatic method choice) keeps working for them.
    /// </summary>
    /// <param name="ensemble">The view, or null when a member is not such a tree model.</param>
    /// <returns>Whether the view exists.</returns>
    public bool TryGetTreeEnsemble([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Trees.TreeEnsemble? ensemble)
    {
        ensemble = (this as Trees.ITreeEnsembleModel)?.Ensemble;
        return ensemble is not null;
    }

    /// <summary>The out-of-bag accuracy (scikit-learn's <c>oob_score_</c>), or null when not requested.</summary>
    public double? OobScore { get; }

    /// <summary>(n, C) mean out-of-bag probabilities of the training rows (NaN for rows in every bag); null when not requested or after loading.</summary>
    public Tensor<T>? OobDecisionFunction { get; }

    /// <summary>
    /// P(k | x) = (1/m) Σⱼ Pⱼ(k | x[:, Fⱼ]) where Pⱼ is member j's probabilities widened to all classes, or its one-hot
    /// vote when the base has no probabilities: (n, C).
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> PredictProba(Tensor<T> x) => EnsembleSupport.FromDouble<T>(Mean(x, out int n), n, Classes.Count);

    /// <summary>log of <see cref="PredictProba"/> (−∞ for classes no member gives any probability): (n, C).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x) => EnsembleSupport.FromDouble<T>(Array.ConvertAll(Mean(x, out int n), Math.Log), n, Classes.Count);

    /// <summary>The arg-max of <see cref="PredictProba"/> (the first class on ties).</summary>
    public Labels Predict(Tensor<T> x) => Classes.Decode(EnsembleSupport.ArgMax(Mean(x, out _), Classes.Count));

    private double[] Mean(Tensor<T> x, out int n)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        n = xs.Shape[0];
        int c = Classes.Count, m = Estimators.Count;
        var parts = new double[m][];
        Parallel.For(0, m, j => parts[j] = MemberScores(Estimators[j], BaggingCore.Columns(xs, features[j]), Classes));
        var sum = new double[n * c];
        for (int j = 0; j < m; j++)
            for (int i = 0; i < sum.Length; i++) sum[i] += parts[j][i];
        for (int i = 0; i < sum.Length; i++) sum[i] /= m;
        return sum;
    }

    /// <summary>A member's probabilities widened to all classes, or its one-hot votes: (rows × C).</summary>
    internal static double[] MemberScores(IClassificationModel<T> member, Tensor<T> x, ClassLabels classes)
    {
        if (member is IProbabilisticModel<T> p) return EnsembleSupport.Probabilities(p, x, classes);
        var codes = EnsembleSupport.Codes(member, x, classes);
        var r = new double[codes.Length * classes.Count];
        for (int i = 0; i < codes.Length; i++) r[i * classes.Count + codes[i]] = 1;
        return r;
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["classes"] = Classes.ToMetadata(),
            ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
            ["bag.oob_score"] = OobScore is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : "",
        };
        BaggingCore.WriteFeatures(options, features);
        CompositeFile.Write<T>(stream, Kind, Estimators.Select((e, i) => ($"estimator_{i}", (IFittedModel)e)).ToArray(), options);
    }

    /// <inheritdoc />
    public static BaggingClassifierModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no members.");
        int d = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var classes = ClassLabels.FromMetadata(EnsembleSupport.Option(Kind, options, "classes"));
        var members = EnsembleSupport.Children<IClassificationModel<T>>(Kind, children, -1);
        foreach (var member in members)
        {
            try { EnsembleSupport.ClassMap(member.Classes, classes); }
            catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: a member's classes are not the ensemble's: {e.Message}"); }
        }
        var feats = BaggingCore.ReadFeatures(Kind, options, members, d);
        var oobText = EnsembleSupport.Option(Kind, options, "bag.oob_score");
        double? oob = oobText.Length == 0 ? null : double.TryParse(oobText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidDataException($"{Kind}: invalid bag.oob_score \"{oobText}\".");
        return Create(classes, d, members, feats, oob, null);
    }
}
