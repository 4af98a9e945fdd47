using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A fitted <see cref="VotingClassifier"/> with hard voting (see <see cref="VotingProbabilisticModel{T}"/> for soft
/// voting, which adds probabilities).
/// </summary>
/// <remarks>Saved as one composite file (docs/composition.md): the members' files under <c>"{i}/"</c> and the options
/// <c>voting.kind</c>, <c>voting.weights</c>, <c>voting.flatten</c>, <c>classes</c>, <c>features</c>. <see cref="Load"/>
/// returns the concrete type of the recorded voting kind.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public class VotingClassifierModel<T> : IClassificationModel<T>, ILoadableModel<VotingClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "VotingClassifier";
    private readonly double[] weights;

    private protected VotingClassifierModel(ClassLabels classes, int features, IReadOnlyList<(string Name, IFittedModel Model)> members, double[]? weights, bool flatten)
    {
        Classes = classes;
        FeatureCount = features;
        Estimators = members.Select(m => (m.Name, (IClassificationModel<T>)m.Model)).ToArray();
        Weights = weights is null ? null : Array.AsReadOnly((double[])weights.Clone());
        this.weights = weights ?? Enumerable.Repeat(1.0, members.Count).ToArray();
        FlattenTransform = flatten;
    }

    internal static VotingClassifierModel<T> Create(VotingKind voting, ClassLabels classes, int features, IReadOnlyList<(string Name, IFittedModel Model)> members, double[]? weights, bool flatten)
        => voting == VotingKind.Soft ? new VotingProbabilisticModel<T>(classes, features, members, weights, flatten) : new VotingClassifierModel<T>(classes, features, members, weights, flatten);

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted members (dropped entries left out), in order.</summary>
    public IReadOnlyList<(string Name, IClassificationModel<T> Model)> Estimators { get; }

    /// <summary>The weights of the fitted members, or null for equal weights.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>Hard or soft voting.</summary>
    public virtual VotingKind Voting => VotingKind.Hard;

    /// <summary>The shape of <see cref="Transform"/> under soft voting.</summary>
    public bool FlattenTransform { get; }

    /// <summary>The fitted member called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No fitted member has that name.</exception>
    public IClassificationModel<T> this[string name] => Estimators.FirstOrDefault(e => e.Name == name).Model
        ?? throw new KeyNotFoundException($"VotingClassifier: no fitted estimator named \"{name}\" (fitted: {string.Join(", ", Estimators.Select(e => e.Name))}).");

    /// <summary>The member weights actually used (all ones when none were given).</summary>
    private protected ReadOnlySpan<double> MemberWeights => weights;

    private protected Tensor<T> Check(Tensor<T> x) => InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);

    /// <summary>
    /// Hard voting: the class with the largest total weight of the members that predict it (the first class on ties,
    /// as NumPy's argmax of the weighted bincount); soft voting: the arg-max of <see cref="VotingProbabilisticModel{T}.PredictProba"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public virtual Labels Predict(Tensor<T> x)
    {
        var votes = MemberCodes(Check(x), out int n);
        int c = Classes.Count, m = Estimators.Count;
        var tally = new double[n * c];
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) tally[i * c + votes[j][i]] += weights[j];
        return Classes.Decode(EnsembleSupport.ArgMax(tally, c));
    }

    /// <summary>
    /// Hard voting: each member's predicted class index, (n, m); soft voting: the members' probabilities, (n, m·C)
    /// member-major when <see cref="FlattenTransform"/>, else (m, n, C) (scikit-learn's <c>transform</c>).
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public virtual Tensor<T> Transform(Tensor<T> x)
    {
        var votes = MemberCodes(Check(x), out int n);
        int m = Estimators.Count;
        var r = new double[n * m];
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) r[i * m + j] = votes[j][i];
        return EnsembleSupport.FromDouble<T>(r, n, m);
    }

    private int[][] MemberCodes(Tensor<T> x, out int n)
    {
        n = x.Shape[0];
        var r = new int[Estimators.Count][];
        for (int j = 0; j < r.Length; j++) r[j] = EnsembleSupport.Codes(Estimators[j].Model, x, Classes);
        return r;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => CompositeFile.Write<T>(stream, Kind, Estimators.Select(e => (e.Name, (IFittedModel)e.Model)).ToArray(), new Dictionary<string, string>
    {
        ["voting.kind"] = Voting.ToString(),
        ["voting.weights"] = Weights is null ? "" : EnsembleSupport.FormatNumbers(Weights),
        ["voting.flatten"] = FlattenTransform.ToString(CultureInfo.InvariantCulture),
        ["classes"] = Classes.ToMetadata(),
        ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>Reads a saved voting classifier; the result is a <see cref="VotingProbabilisticModel{T}"/> for soft voting.</summary>
    /// <exception cref="InvalidDataException">Not a voting-classifier file, or members that do not fit its classes, features or voting kind.</exception>
    public static VotingClassifierModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no members.");
        var voting = EnsembleSupport.Enum<VotingKind>(Kind, options, "voting.kind");
        int features = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var classes = ClassLabels.FromMetadata(EnsembleSupport.Option(Kind, options, "classes"));
        if (classes.Count < 2) throw new InvalidDataException($"{Kind}: the file records {classes.Count} classes.");
        var members = EnsembleSupport.Children<IClassificationModel<T>>(Kind, children, features);
        foreach (var member in members)
        {
            try { EnsembleSupport.ClassMap(member.Classes, classes); }
            catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: a member's classes are not the ensemble's: {e.Message}"); }
            if (voting == VotingKind.Soft && member is not IProbabilisticModel<T>)
                throw new InvalidDataException($"{Kind}: soft voting with a member ({member.GetType().Name}) that has no probabilities.");
        }
        var weights = EnsembleSupport.Option(Kind, options, "voting.weights").Length == 0 ? null : EnsembleSupport.Numbers(Kind, options, "voting.weights", children.Count);
        if (weights is not null && (weights.Any(w => w < 0) || weights.Sum() <= 0)) throw new InvalidDataException($"{Kind}: invalid member weights.");
        bool flatten = bool.TryParse(EnsembleSupport.Option(Kind, options, "voting.flatten"), out var f) ? f : throw new InvalidDataException($"{Kind}: invalid voting.flatten.");
        return Create(voting, classes, features, children, weights, flatten);
    }
}

/// <summary>A fitted soft-voting <see cref="VotingClassifier"/>: probabilities are the weighted mean of the members'.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class VotingProbabilisticModel<T> : VotingClassifierModel<T>, IProbabilisticModel<T>, ILoadableModel<VotingProbabilisticModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal VotingProbabilisticModel(ClassLabels classes, int features, IReadOnlyList<(string Name, IFittedModel Model)> members, double[]? weights, bool flatten)
        : base(classes, features, members, weights, flatten) { }

    /// <inheritdoc />
    public override VotingKind Voting => VotingKind.Soft;

    /// <summary>P(k | x) = Σⱼ wⱼ·Pⱼ(k | x) / Σⱼ wⱼ: (n, C) (scikit-learn's <c>np.average</c> over members, in float64).</summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> PredictProba(Tensor<T> x) => EnsembleSupport.FromDouble<T>(Average(Check(x), out int n), n, Classes.Count);

    /// <summary>log P(k | x) of <see cref="PredictProba"/> (−∞ where every member gives 0): (n, C).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x) => EnsembleSupport.FromDouble<T>(Array.ConvertAll(Average(Check(x), out int n), Math.Log), n, Classes.Count);

    /// <summary>The arg-max of <see cref="PredictProba"/> (the first class on ties).</summary>
    public override Labels Predict(Tensor<T> x) => Classes.Decode(EnsembleSupport.ArgMax(Average(Check(x), out _), Classes.Count));

    /// <inheritdoc />
    public override Tensor<T> Transform(Tensor<T> x)
    {
        var xs = Check(x);
        int n = xs.Shape[0], c = Classes.Count, m = Estimators.Count;
        var r = new double[m * n * c];
        for (int j = 0; j < m; j++)
        {
            var p = EnsembleSupport.Probabilities((IProbabilisticModel<T>)Estimators[j].Model, xs, Classes);
            for (int i = 0; i < n; i++)
                for (int k = 0; k < c; k++)
                    r[FlattenTransform ? i * m * c + j * c + k : (j * n + i) * c + k] = p[i * c + k];
        }
        return FlattenTransform ? EnsembleSupport.FromDouble<T>(r, n, m * c) : EnsembleSupport.FromDouble<T>(r, m, n, c);
    }

    private double[] Average(Tensor<T> x, out int n)
    {
        n = x.Shape[0];
        int c = Classes.Count;
        var sum = new double[n * c];
        double total = 0;
        var w = MemberWeights;
        for (int j = 0; j < Estimators.Count; j++)
        {
            var p = EnsembleSupport.Probabilities((IProbabilisticModel<T>)Estimators[j].Model, x, Classes);
            for (int i = 0; i < sum.Length; i++) sum[i] += w[j] * p[i];
            total += w[j];
        }
        for (int i = 0; i < sum.Length; i++) sum[i] /= total;
        return sum;
    }

    /// <summary>Reads a saved soft-voting classifier.</summary>
    /// <exception cref="InvalidDataException">Not a soft-voting classifier file.</exception>
    public static new VotingProbabilisticModel<T> Load(Stream stream) => VotingClassifierModel<T>.Load(stream) as VotingProbabilisticModel<T>
        ?? throw new InvalidDataException($"{Kind}: the file holds a hard-voting classifier, which has no probabilities.");
}
