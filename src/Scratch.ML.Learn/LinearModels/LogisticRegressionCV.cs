using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Logistic regression with C chosen by stratified k-fold cross-validated accuracy (scikit-learn 1.2's
/// <c>LogisticRegressionCV</c> with <c>scoring=None</c>, i.e. accuracy, and <c>cv=k</c>).
/// </summary>
/// <remarks>
/// <para>The folds are <c>StratifiedKFold(NFolds)</c> without shuffling, as scikit-learn's <c>cv=k</c> for a
/// classifier. For each fold and each C of the grid, <see cref="Estimator"/> (with that C) is fitted on the training
/// part and its accuracy on the test part is recorded (unweighted, as scikit-learn 1.2's scorer). The C with the
/// largest mean accuracy wins (the first on ties, grid order), and the estimator is refitted on all the data at that C.
/// <see cref="ClassWeights.Balanced"/> is resolved once on the whole y into explicit per-class weights used by every
/// fit (as scikit-learn does).</para>
/// <para>Differences from scikit-learn: each fold fit starts from zero rather than warm-starting along the C grid (same
/// optimum, so only solver-tolerance differences), and one C is chosen for all classes — scikit-learn chooses one per
/// class for one-vs-rest with three or more classes.</para>
/// <para>Sample weights are accepted and used by every fit; <see cref="Capabilities"/> does not claim
/// <c>SupportsSampleWeight</c> because integer weights are not equivalent to repeated rows here (repeated rows change the
/// folds).</para>
/// </remarks>
/// <param name="Cs">The candidate C (finite, &gt; 0), or null for <see cref="NCs"/> values log-spaced over [10⁻⁴, 10⁴].</param>
/// <param name="NCs">The automatic grid size (≥ 1).</param>
/// <param name="NFolds">The number of folds k ≥ 2.</param>
/// <param name="Estimator">The logistic regression to tune (its C is replaced); null means the defaults.</param>
public sealed record LogisticRegressionCV(double[]? Cs = null, int NCs = 10, int NFolds = 5, LogisticRegression? Estimator = null) : IClassifier
{
    private const string Name = nameof(LogisticRegressionCV);

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(Cs, NCs, NFolds, Estimator);

    private static EstimatorCapabilities Validate(double[]? cs, int nCs, int folds, LogisticRegression? estimator)
    {
        if (cs is not null && (cs.Length == 0 || cs.Any(c => !(c > 0) || double.IsInfinity(c))))
            throw new ArgumentException($"{Name}: Cs must be a non-empty array of finite values > 0, got [{string.Join(", ", cs)}].", nameof(Cs));
        if (nCs < 1) throw new ArgumentOutOfRangeException(nameof(NCs), nCs, $"{Name}: nCs must be ≥ 1.");
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(NFolds), folds, $"{Name}: nFolds must be ≥ 2.");
        var inner = (estimator ?? new LogisticRegression()).Capabilities;
        // Weights are used by every fit, but repeating rows changes the folds, so integer weights are not repeated rows:
        // the capability (which promises that equivalence) is not claimed. Permuting rows changes the folds too.
        return inner with { RowOrderInvariant = false, SupportsSampleWeight = false };
    }

    /// <summary>The C grid actually used.</summary>
    public double[] Grid
    {
        get
        {
            if (Cs is not null) return (double[])Cs.Clone();
            var g = new double[NCs];
            for (int i = 0; i < NCs; i++) g[i] = Math.Pow(10, NCs == 1 ? -4 : -4 + 8.0 * i / (NCs - 1));
            return g;
        }
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional non-negative weights (n) used by every fit.</summary>
    /// <exception cref="ArgumentException">As for <see cref="LogisticRegression"/>, or too few rows for the folds.</exception>
    public LogisticRegressionCVModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(Name, x);
        int n = xs.Shape[0];
        var (classes, codes) = ClassifierChecks.Encode(Name, y, n);
        var w = InputChecks.Weights(Name, sampleWeight, n);
        var template = Estimator ?? new LogisticRegression();
        if (template.ClassWeight is { IsBalanced: true })
        {
            var resolved = template.ClassWeight.Resolve(Name, classes, codes);
            template = template with
            {
                ClassWeight = classes.Ints is { } ints
                    ? ClassWeights.Of(Enumerable.Range(0, ints.Count).ToDictionary(k => ints[k], k => resolved[k]))
                    : ClassWeights.Of(Enumerable.Range(0, classes.Count).ToDictionary(k => classes.Strings![k], k => resolved[k])),
            };
        }
        var folds = new StratifiedKFold(NFolds).Split(n, codes);
        var grid = Grid;
        var scores = new double[NFolds * grid.Length];
        for (int f = 0; f < NFolds; f++)
        {
            var (train, test) = folds[f];
            var xTrain = Take(xs, train);
            var wTrain = w is null ? null : Take(w.Reshape(n, 1), train).Reshape(train.Length);
            var xTest = Take(xs, test);
            var yTrain = classes.Decode(train.Select(i => codes[i]).ToArray());
            for (int c = 0; c < grid.Length; c++)
            {
                var m = (template with { C = grid[c] }).Fit(xTrain, yTrain, wTrain);
                var p = classes.Encode(m.Predict(xTest));
                int hits = 0;
                for (int i = 0; i < test.Length; i++) if (p[i] == codes[test[i]]) hits++;
                scores[f * grid.Length + c] = (double)hits / test.Length;
            }
        }
        int best = 0;
        double bestMean = double.NegativeInfinity;
        for (int c = 0; c < grid.Length; c++)
        {
            double mean = 0;
            for (int f = 0; f < NFolds; f++) mean += scores[f * grid.Length + c];
            if (mean / NFolds > bestMean) (best, bestMean) = (c, mean / NFolds);
        }
        var model = (template with { C = grid[best] }).Fit(xs, classes.Decode(codes), w);
        return new LogisticRegressionCVModel<T>(this, grid, scores, model);
    }

    private static Tensor<T> Take<T>(Tensor<T> x, int[] rows) where T : unmanaged, IFloatingPointIeee754<T>
        => x.IndexSelect(0, Tensor.FromArray(Array.ConvertAll(rows, i => (long)i), rows.Length));

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="LogisticRegressionCV"/>: the chosen C, the fold-by-C accuracy table and the logistic
/// regression refitted at that C (which answers every prediction).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LogisticRegressionCVModel<T> : IProbabilisticModel<T>, ILoadableModel<LogisticRegressionCVModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "LogisticRegressionCV";
    private readonly double[] cs, scores;

    internal LogisticRegressionCVModel(LogisticRegressionCV options, double[] cs, double[] scores, LogisticRegressionModel<T> model)
    {
        Options = options;
        this.cs = cs;
        this.scores = scores;
        Model = model;
    }

    /// <summary>The options it was fitted with.</summary>
    public LogisticRegressionCV Options { get; }

    /// <summary>The chosen C (scikit-learn's <c>C_</c>).</summary>
    public double C => Model.Options.C;

    /// <summary>The C grid (scikit-learn's <c>Cs_</c>).</summary>
    public IReadOnlyList<double> Cs => cs;

    /// <summary>Test-fold accuracies: (k folds, grid size) (scikit-learn's <c>scores_</c> for a class).</summary>
    public Tensor<double> Scores => Tensor.FromArray((double[])scores.Clone(), scores.Length / cs.Length, cs.Length);

    /// <summary>The logistic regression refitted on all the data at <see cref="C"/>.</summary>
    public LogisticRegressionModel<T> Model { get; }

    /// <inheritdoc />
    public ClassLabels Classes => Model.Classes;

    /// <inheritdoc />
    public int FeatureCount => Model.FeatureCount;

    /// <summary>W: as <see cref="LinearClassifierModel{T}.Coef"/>.</summary>
    public Tensor<T> Coef => Model.Coef;

    /// <summary>b: as <see cref="LinearClassifierModel{T}.Intercept"/>.</summary>
    public Tensor<T> Intercept => Model.Intercept;

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x) => Model.Predict(x);

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x) => Model.PredictProba(x);

    /// <inheritdoc />
    public Tensor<T> PredictLogProba(Tensor<T> x) => Model.PredictLogProba(x);

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = Model.Metadata();
        meta["cv_cs_option"] = Options.Cs is null ? "" : LinearData.Format(Options.Cs);
        meta["cv_n_cs"] = Options.NCs.ToString(CultureInfo.InvariantCulture);
        meta["cv_n_folds"] = Options.NFolds.ToString(CultureInfo.InvariantCulture);
        meta["cv_cs"] = LinearData.Format(cs);
        meta["cv_scores"] = LinearData.Format(scores);
        meta["cv_default_estimator"] = (Options.Estimator is null).ToString(CultureInfo.InvariantCulture);
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept }, meta);
    }

    /// <inheritdoc />
    public static LogisticRegressionCVModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var model = LogisticRegressionModel<T>.FromContents(f);
        string co = f.Option("cv_cs_option");
        var cs = LinearData.Parse(f.Option("cv_cs"));
        var scores = LinearData.Parse(f.Option("cv_scores"));
        int folds = (int)f.Number("cv_n_folds");
        if (cs.Length == 0 || scores.Length != cs.Length * folds)
            throw new InvalidDataException($"{Kind}: {cs.Length} values of C and {scores.Length} scores for {folds} folds.");
        LogisticRegressionCV options;
        try
        {
            options = new LogisticRegressionCV(co.Length == 0 ? null : LinearData.Parse(co), (int)f.Number("cv_n_cs"), folds,
                f.Flag("cv_default_estimator") ? null : model.Options with { C = 1.0 });
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{Kind}: the stored options are invalid: {e.Message}", e);
        }
        return new LogisticRegressionCVModel<T>(options, cs, scores, model);
    }
}
