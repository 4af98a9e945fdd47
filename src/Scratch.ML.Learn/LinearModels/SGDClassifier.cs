using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The loss of <see cref="SGDClassifier"/> for y ∈ {−1, +1} and z = y·p.</summary>
public enum SgdClassificationLoss
{
    /// <summary>max(0, 1 − z): a linear SVM.</summary>
    Hinge,
    /// <summary>log(1 + e^(−z)): logistic regression; enables probabilities.</summary>
    LogLoss,
    /// <summary>(1 − z)² for z ≥ −1 (0 beyond z ≥ 1), −4z below; enables probabilities.</summary>
    ModifiedHuber,
    /// <summary>max(0, −z).</summary>
    Perceptron,
}

/// <summary>
/// Linear classifier fitted by plain SGD, scikit-learn 1.2's <c>SGDClassifier</c> (average = false, no early stopping,
/// no class weights): two classes fit one score p = w·x + b with target +1 for the second (sorted) class; three or more
/// fit one such binary problem per class (one-vs-rest), all with the same options and seed.
/// </summary>
/// <remarks>The update rule, schedules and stopping are those of <see cref="SGDRegressor"/>. Depends on row order (stochastic).</remarks>
/// <param name="Loss">The loss.</param>
/// <param name="Penalty">The penalty.</param>
/// <param name="Alpha">Penalty strength α ≥ 0 (&gt; 0 for the optimal schedule).</param>
/// <param name="L1Ratio">ρ ∈ [0, 1] for the elastic net.</param>
/// <param name="FitIntercept">Whether to learn b.</param>
/// <param name="MaxIter">Maximum epochs (≥ 1).</param>
/// <param name="Tol">Stopping tolerance, or null to always run <see cref="MaxIter"/> epochs.</param>
/// <param name="Shuffle">Shuffle the samples each epoch.</param>
/// <param name="Seed">Seed of the shuffling generator.</param>
/// <param name="LearningRate">Step-size schedule.</param>
/// <param name="Eta0">Initial step (&gt; 0 unless the schedule is optimal).</param>
/// <param name="PowerT">Exponent of the inverse-scaling schedule (≥ 0).</param>
/// <param name="NIterNoChange">Epochs without improvement before stopping (≥ 1).</param>
public sealed record SGDClassifier(SgdClassificationLoss Loss = SgdClassificationLoss.Hinge, SgdPenalty Penalty = SgdPenalty.L2, double Alpha = 1e-4,
    double L1Ratio = 0.15, bool FitIntercept = true, int MaxIter = 1000, double? Tol = 1e-3, bool Shuffle = true, ulong Seed = 0,
    SgdLearningRate LearningRate = SgdLearningRate.Optimal, double Eta0 = 0.0, double PowerT = 0.5, int NIterNoChange = 5) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Loss, Penalty, Alpha, L1Ratio, MaxIter, Tol, NIterNoChange, LearningRate, Eta0, PowerT);

    private static EstimatorCapabilities ValidateAndDescribe(SgdClassificationLoss loss, SgdPenalty penalty, double alpha, double l1Ratio, int maxIter,
        double? tol, int nIterNoChange, SgdLearningRate learningRate, double eta0, double powerT)
    {
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, "SGDClassifier: unknown loss.");
        SgdCore.Validate(nameof(SGDClassifier), penalty, alpha, l1Ratio, maxIter, tol, nIterNoChange, learningRate, eta0, powerT);
        return new(EstimatorKind.Classifier, Supervised: true, Stochastic: true, RowOrderInvariant: false);
    }

    /// <summary>Whether <see cref="SGDClassifierModel{T}.PredictProba"/> is defined (log_loss or modified_huber).</summary>
    public bool HasProbabilities => Loss is SgdClassificationLoss.LogLoss or SgdClassificationLoss.ModifiedHuber;

    /// <summary>Fits x: (n, d) to labels y (n) with at least two classes.</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, or sample weights (not supported).</exception>
    /// <exception cref="ArithmeticException">The weights diverged.</exception>
    public SGDClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(SGDClassifier);
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported; pass null.", nameof(sampleWeight));
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var xd = LinearData.ToDouble(xs.Contiguous().AsSpan());
        var settings = new SgdSettings(Loss switch
        {
            SgdClassificationLoss.Hinge => SgdLoss.Hinge,
            SgdClassificationLoss.LogLoss => SgdLoss.LogLoss,
            SgdClassificationLoss.ModifiedHuber => SgdLoss.ModifiedHuber,
            _ => SgdLoss.Perceptron,
        }, 0.1, Penalty, Alpha, L1Ratio, FitIntercept, MaxIter, Tol, NIterNoChange, Shuffle, Seed, LearningRate, Eta0, PowerT);
        int k = classes.Count == 2 ? 1 : classes.Count;
        var coef = new double[k * d];
        var intercept = new double[k];
        int epochs = 0;
        var target = new double[n];
        for (int c = 0; c < k; c++)
        {
            int positive = k == 1 ? 1 : c;
            for (int i = 0; i < n; i++) target[i] = codes[i] == positive ? 1.0 : -1.0;
            var (w, b, e) = SgdCore.Fit(name, settings, xd, target, n, d, Seed);
            Array.Copy(w, 0, coef, c * d, d);
            intercept[c] = b;
            epochs = Math.Max(epochs, e);
        }
        return new SGDClassifierModel<T>(this, classes, LinearData.ToTensor<T>(coef, k, d), LinearData.ToTensor<T>(intercept, k), epochs);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>
/// The perceptron, scikit-learn's <c>Perceptron</c>: <see cref="SGDClassifier"/> with the perceptron loss, constant step
/// eta0 = 1 and (by default) no penalty.
/// </summary>
/// <param name="Penalty">The penalty (none by default).</param>
/// <param name="Alpha">Penalty strength α ≥ 0.</param>
/// <param name="L1Ratio">ρ ∈ [0, 1] for the elastic net.</param>
/// <param name="FitIntercept">Whether to learn b.</param>
/// <param name="MaxIter">Maximum epochs (≥ 1).</param>
/// <param name="Tol">Stopping tolerance, or null.</param>
/// <param name="Shuffle">Shuffle the samples each epoch.</param>
/// <param name="Seed">Seed of the shuffling generator.</param>
/// <param name="Eta0">Constant step (&gt; 0).</param>
/// <param name="NIterNoChange">Epochs without improvement before stopping (≥ 1).</param>
public sealed record Perceptron(SgdPenalty Penalty = SgdPenalty.None, double Alpha = 1e-4, double L1Ratio = 0.15, bool FitIntercept = true,
    int MaxIter = 1000, double? Tol = 1e-3, bool Shuffle = true, ulong Seed = 0, double Eta0 = 1.0, int NIterNoChange = 5) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new SGDClassifier(SgdClassificationLoss.Perceptron, Penalty, Alpha, L1Ratio, FitIntercept, MaxIter,
        Tol, Shuffle, Seed, SgdLearningRate.Constant, Eta0, 0.5, NIterNoChange).Capabilities;

    /// <summary>The equivalent <see cref="SGDClassifier"/>.</summary>
    public SGDClassifier AsSgd => new(SgdClassificationLoss.Perceptron, Penalty, Alpha, L1Ratio, FitIntercept, MaxIter, Tol, Shuffle, Seed,
        SgdLearningRate.Constant, Eta0, 0.5, NIterNoChange);

    /// <summary>Fits x: (n, d) to labels y (n); see <see cref="SGDClassifier.Fit{T}"/>.</summary>
    /// <exception cref="ArgumentException">Invalid inputs, or sample weights (not supported).</exception>
    public SGDClassifierModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        => AsSgd.Fit(x, y, sampleWeight);

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
