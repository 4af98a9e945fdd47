using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The loss of <see cref="SGDRegressor"/> (r = p − y).</summary>
public enum SgdRegressionLoss
{
    /// <summary>½r².</summary>
    SquaredError,
    /// <summary>½r² for |r| ≤ ε, ε|r| − ½ε² beyond.</summary>
    Huber,
    /// <summary>max(0, |r| − ε).</summary>
    EpsilonInsensitive,
}

/// <summary>
/// Linear regression fitted by plain stochastic gradient descent, scikit-learn 1.2's <c>SGDRegressor</c> (average =
/// false, early_stopping = false): per sample, w ← (1 − (1−ρ)ηα)·w − η·ℓ′(p, y)·x, b ← b − η·ℓ′(p, y), then the L1 part of
/// the penalty by cumulative truncation.
/// </summary>
/// <remarks>
/// An epoch visits every sample once (in an order drawn from a <see cref="Scratch.ML.Rng.Generator"/> seeded with
/// <see cref="Seed"/> when <see cref="Shuffle"/>, otherwise in row order — then the fit is deterministic and equals
/// scikit-learn's with shuffle=False). After each epoch, if the summed loss has not dropped below best − tol·n for
/// <see cref="NIterNoChange"/> epochs, training stops (or, for <see cref="SgdLearningRate.Adaptive"/>, η is divided by 5).
/// Computed in float64. The result depends on row order (stochastic).
/// </remarks>
/// <param name="Loss">The loss.</param>
/// <param name="Penalty">The penalty.</param>
/// <param name="Alpha">Penalty strength α ≥ 0 (also sets the optimal schedule).</param>
/// <param name="L1Ratio">ρ ∈ [0, 1] for the elastic net.</param>
/// <param name="FitIntercept">Whether to learn b.</param>
/// <param name="MaxIter">Maximum epochs (≥ 1).</param>
/// <param name="Tol">Stopping tolerance, or null to always run <see cref="MaxIter"/> epochs.</param>
/// <param name="Shuffle">Shuffle the samples each epoch.</param>
/// <param name="Seed">Seed of the shuffling generator.</param>
/// <param name="Epsilon">ε of the Huber and ε-insensitive losses (≥ 0).</param>
/// <param name="LearningRate">Step-size schedule.</param>
/// <param name="Eta0">Initial step (&gt; 0 unless the schedule is optimal).</param>
/// <param name="PowerT">Exponent of the inverse-scaling schedule (≥ 0).</param>
/// <param name="NIterNoChange">Epochs without improvement before stopping (≥ 1).</param>
public sealed record SGDRegressor(SgdRegressionLoss Loss = SgdRegressionLoss.SquaredError, SgdPenalty Penalty = SgdPenalty.L2, double Alpha = 1e-4,
    double L1Ratio = 0.15, bool FitIntercept = true, int MaxIter = 1000, double? Tol = 1e-3, bool Shuffle = true, ulong Seed = 0,
    double Epsilon = 0.1, SgdLearningRate LearningRate = SgdLearningRate.InvScaling, double Eta0 = 0.01, double PowerT = 0.25,
    int NIterNoChange = 5) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Loss, Penalty, Alpha, L1Ratio, MaxIter, Tol, NIterNoChange, LearningRate, Eta0, PowerT, Epsilon);

    private static EstimatorCapabilities ValidateAndDescribe(SgdRegressionLoss loss, SgdPenalty penalty, double alpha, double l1Ratio, int maxIter,
        double? tol, int nIterNoChange, SgdLearningRate learningRate, double eta0, double powerT, double epsilon)
    {
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, "SGDRegressor: unknown loss.");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(Epsilon), epsilon, "SGDRegressor: epsilon must be finite and ≥ 0.");
        SgdCore.Validate(nameof(SGDRegressor), penalty, alpha, l1Ratio, maxIter, tol, nIterNoChange, learningRate, eta0, powerT);
        return new(EstimatorKind.Regressor, Supervised: true, Stochastic: true, RowOrderInvariant: false);
    }

    internal SgdSettings Settings => new(Loss switch { SgdRegressionLoss.SquaredError => SgdLoss.SquaredError, SgdRegressionLoss.Huber => SgdLoss.Huber, _ => SgdLoss.EpsilonInsensitive },
        Epsilon, Penalty, Alpha, L1Ratio, FitIntercept, MaxIter, Tol, NIterNoChange, Shuffle, Seed, LearningRate, Eta0, PowerT);

    /// <summary>Fits x: (n, d) to y: (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, or sample weights (not supported).</exception>
    /// <exception cref="ArithmeticException">The weights diverged.</exception>
    public SGDRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(SGDRegressor);
        if (sampleWeight is not null) throw new ArgumentException($"{name}: sample weights are not supported; pass null.", nameof(sampleWeight));
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, _) = InputChecks.Targets(name, y, n, multiOutput: false);
        var xd = LinearData.ToDouble(xs.Contiguous().AsSpan());
        var yd = LinearData.ToDouble(ys.Contiguous().AsSpan());
        var (w, b, epochs) = SgdCore.Fit(name, Settings, xd, yd, n, d, Seed);
        return new SGDRegressorModel<T>(this, LinearData.ToTensor<T>(w, d), LinearData.ToTensor<T>([b], 1).Reshape(), epochs);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="SGDRegressor"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SGDRegressorModel<T> : IRegressionModel<T>, ILoadableModel<SGDRegressorModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "SGDRegressor";

    internal SGDRegressorModel(SGDRegressor options, Tensor<T> coef, Tensor<T> intercept, int iterations)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        Iterations = iterations;
    }

    /// <summary>The options it was fitted with.</summary>
    public SGDRegressor Options { get; }

    /// <summary>w: (d).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: 0-d (zero without an intercept).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>Epochs run (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[0];

    /// <summary>ŷ = x·w + b: (n).</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(SGDRegressorModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef.Reshape(FeatureCount, 1)).Reshape(xs.Shape[0]) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["options"] = SgdOptionsText.Write(Options.Loss.ToString(), Options.Penalty, Options.Alpha, Options.L1Ratio, Options.FitIntercept, Options.MaxIter,
                Options.Tol, Options.Shuffle, Options.Seed, Options.Epsilon, Options.LearningRate, Options.Eta0, Options.PowerT, Options.NIterNoChange),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static SGDRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var o = SgdOptionsText.Read(Kind, f.Option("options"));
        if (!Enum.TryParse<SgdRegressionLoss>(o.Loss, out var loss)) throw new InvalidDataException($"{Kind}: unknown loss \"{o.Loss}\".");
        var options = new SGDRegressor(loss, o.Penalty, o.Alpha, o.L1Ratio, o.FitIntercept, o.MaxIter, o.Tol, o.Shuffle, o.Seed, o.Epsilon, o.LearningRate, o.Eta0, o.PowerT, o.NIterNoChange);
        return new SGDRegressorModel<T>(options, f.Tensor("coef", 1), f.Tensor("intercept", 0), (int)f.Number("iterations"));
    }
}
