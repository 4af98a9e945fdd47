using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Compose;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>A fitted <see cref="AdaBoostClassifier"/>: the members in boosting order with their weights and errors.</summary>
/// <remarks>Saved as one composite file: member m under <c>"{m}/"</c> (named <c>estimator_{m}</c>), options
/// <c>ada.algorithm</c>, <c>ada.weights</c>, <c>ada.errors</c>, <c>classes</c> and <c>features</c>.</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class AdaBoostClassifierModel<T> : IProbabilisticModel<T>, ILoadableModel<AdaBoostClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string Kind = "AdaBoostClassifier";
    private readonly double[] weights;

    internal AdaBoostClassifierModel(AdaBoostAlgorithm algorithm, ClassLabels classes, int features, IClassificationModel<T>[] members, double[] weights, double[] errors)
    {
        Algorithm = algorithm;
        Classes = classes;
        FeatureCount = features;
        Estimators = members;
        this.weights = weights;
        EstimatorWeights = Array.AsReadOnly(weights);
        EstimatorErrors = Array.AsReadOnly(errors);
    }

    /// <summary>SAMME or SAMME.R.</summary>
    public AdaBoostAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The fitted members in boosting order (fewer than NEstimators when boosting stopped early).</summary>
    public IReadOnlyList<IClassificationModel<T>> Estimators { get; }

    /// <summary>αₘ per member (scikit-learn's <c>estimator_weights_</c> without the trailing zeros; all 1 under SAMME.R).</summary>
    public IReadOnlyList<double> EstimatorWeights { get; }

    /// <summary>The weighted training error of each member when it was fitted (scikit-learn's <c>estimator_errors_</c>).</summary>
    public IReadOnlyList<double> EstimatorErrors { get; }

    /// <summary>
    /// Σₘ αₘ·importanceₘ / Σₘ αₘ over the members' impurity-based feature importances (scikit-learn's
    /// <c>feature_importances_</c>): (d), summing to 1.
    /// </summary>
    /// <exception cref="InvalidOperationException">The members are not decision trees.</exception>
    public IReadOnlyList<double> FeatureImportances => EnsembleSupport.WeightedImportances(Kind, Estimators, weights, FeatureCount);

    /// <summary>
    /// The normalised class scores: SAMME Σₘ αₘ·[ŷₘ(x) = k] / Σₘ αₘ; SAMME.R Σₘ (K − 1)(log pₘₖ − mean log pₘ) / M. For two
    /// classes the result is (n): score of class 1 minus score of class 0 (positive → class 1); otherwise (n, K).
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or values a member rejects.</exception>
    public Tensor<T> DecisionFunction(Tensor<T> x)
    {
        var d = Decision(x, out int n);
        return Classes.Count == 2 ? EnsembleSupport.FromDouble<T>(d, n) : EnsembleSupport.FromDouble<T>(d, n, Classes.Count);
    }

    /// <summary>Two classes: class 1 where the decision is &gt; 0; otherwise the arg-max class score.</summary>
    public Labels Predict(Tensor<T> x)
    {
        var d = Decision(x, out int n);
        return Classes.Decode(Classes.Count == 2 ? Array.ConvertAll(d, v => v > 0 ? 1 : 0) : EnsembleSupport.ArgMax(d, Classes.Count));
    }

    /// <summary>softmax of the decision: for two classes of (−f, f)/2, otherwise of f/(K − 1): (n, K).</summary>
    public Tensor<T> PredictProba(Tensor<T> x) => EnsembleSupport.FromDouble<T>(Array.ConvertAll(LogSoftmax(x, out int n), Math.Exp), n, Classes.Count);

    /// <summary>The log of <see cref="PredictProba"/>, computed as a stable log-softmax: (n, K).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x) => EnsembleSupport.FromDouble<T>(LogSoftmax(x, out int n), n, Classes.Count);

    private double[] LogSoftmax(Tensor<T> x, out int n)
    {
        var d = Decision(x, out n);
        int k = Classes.Count;
        var z = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            if (k == 2) { z[2 * i] = -d[i] / 2; z[2 * i + 1] = d[i] / 2; }
            else for (int c = 0; c < k; c++) z[i * k + c] = d[i * k + c] / (k - 1);
            double max = double.NegativeInfinity, s = 0;
            for (int c = 0; c < k; c++) max = Math.Max(max, z[i * k + c]);
            for (int c = 0; c < k; c++) s += Math.Exp(z[i * k + c] - max);
            double lse = max + Math.Log(s);
            for (int c = 0; c < k; c++) z[i * k + c] -= lse;
        }
        return z;
    }

    /// <summary>(n) for two classes, else (n × K) row-major normalised class scores.</summary>
    private double[] Decision(Tensor<T> x, out int n)
    {
        var xs = InputChecks.Features(Kind, x, FeatureCount, allowNaN: true);
        n = xs.Shape[0];
        int k = Classes.Count;
        var pred = new double[n * k];
        for (int m = 0; m < Estimators.Count; m++)
        {
            if (Algorithm == AdaBoostAlgorithm.Samme)
            {
                var codes = EnsembleSupport.Codes(Estimators[m], xs, Classes);
                for (int i = 0; i < n; i++) pred[i * k + codes[i]] += weights[m];
                continue;
            }
            var p = EnsembleSupport.Probabilities((IProbabilisticModel<T>)Estimators[m], xs, Classes);
            for (int i = 0; i < n; i++)
            {
                double mean = 0;
                for (int c = 0; c < k; c++) { p[i * k + c] = Math.Log(Math.Max(p[i * k + c], AdaBoostDefaults.Epsilon)); mean += p[i * k + c]; }
                mean /= k;
                for (int c = 0; c < k; c++) pred[i * k + c] += (k - 1) * (p[i * k + c] - mean);
            }
        }
        double total = weights.Sum();
        for (int i = 0; i < pred.Length; i++) pred[i] /= total;
        if (k != 2) return pred;
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = pred[2 * i + 1] - pred[2 * i];
        return d;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => CompositeFile.Write<T>(stream, Kind, Estimators.Select((e, i) => ($"estimator_{i}", (IFittedModel)e)).ToArray(), new Dictionary<string, string>
    {
        ["ada.algorithm"] = Algorithm.ToString(),
        ["ada.weights"] = EnsembleSupport.FormatNumbers(weights),
        ["ada.errors"] = EnsembleSupport.FormatNumbers(EstimatorErrors),
        ["classes"] = Classes.ToMetadata(),
        ["features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
    });

    /// <inheritdoc />
    public static AdaBoostClassifierModel<T> Load(Stream stream)
    {
        var (options, children) = CompositeFile.Read<T>(stream, Kind);
        if (children.Count == 0) throw new InvalidDataException($"{Kind}: the file has no members.");
        var algorithm = EnsembleSupport.Enum<AdaBoostAlgorithm>(Kind, options, "ada.algorithm");
        int features = CompositeFile.Int(Kind, options, "features", 1, int.MaxValue);
        var classes = ClassLabels.FromMetadata(EnsembleSupport.Option(Kind, options, "classes"));
        if (classes.Count < 2) throw new InvalidDataException($"{Kind}: the file records {classes.Count} classes.");
        var members = EnsembleSupport.Children<IClassificationModel<T>>(Kind, children, features);
        foreach (var member in members)
        {
            try { EnsembleSupport.ClassMap(member.Classes, classes); }
            catch (ArgumentException e) { throw new InvalidDataException($"{Kind}: a member's classes are not the ensemble's: {e.Message}"); }
            if (algorithm == AdaBoostAlgorithm.SammeR && member is not IProbabilisticModel<T>)
                throw new InvalidDataException($"{Kind}: SAMME.R with a member ({member.GetType().Name}) that has no probabilities.");
        }
        var w = EnsembleSupport.Numbers(Kind, options, "ada.weights", members.Length);
        if (w.Sum() == 0) throw new InvalidDataException($"{Kind}: the member weights sum to zero.");
        return new AdaBoostClassifierModel<T>(algorithm, classes, features, members, w, EnsembleSupport.Numbers(Kind, options, "ada.errors", members.Length));
    }
}
