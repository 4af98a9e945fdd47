using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Svm;

/// <summary>The loss of <see cref="LinearSVR"/> for the residual r = y − (w·x + b).</summary>
public enum LinearSvrLoss
{
    /// <summary>max(0, |r| − ε) (scikit-learn's default <c>"epsilon_insensitive"</c>; liblinear's L1-loss SVR).</summary>
    EpsilonInsensitive,
    /// <summary>max(0, |r| − ε)² (<c>"squared_epsilon_insensitive"</c>; liblinear's L2-loss SVR).</summary>
    SquaredEpsilonInsensitive,
}

/// <summary>
/// Linear support vector regression, scikit-learn 1.2's <c>LinearSVR(dual=True)</c>: liblinear's L2-regularised
/// L1/L2-loss SVR solved by dual coordinate descent. It minimises <c>½‖ŵ‖² + Σᵢ Cᵢ·ℓ(|yᵢ − ŵ·x̂ᵢ| − ε)</c> with
/// x̂ᵢ = (xᵢ, s), ŵ = (w, w_b), Cᵢ = C·sampleWeight[i], and reports the intercept b = s·w_b.
/// </summary>
/// <remarks>
/// <para>As in liblinear, the intercept's weight w_b is regularised (s = <see cref="InterceptScaling"/>); targets far
/// from 0 therefore need a large s (or centred targets) for an unshrunk intercept.</para>
/// <para>One variable βᵢ ∈ [−Uᵢ, Uᵢ] per sample (Uᵢ = Cᵢ for the L1 loss, ∞ for the squared loss), w = Σ βᵢx̂ᵢ. Each epoch
/// visits the variables in an order drawn from a generator seeded with <see cref="Seed"/>; training stops when the
/// summed violation of the optimality conditions falls to <see cref="Tol"/> times its first-epoch value. Float64.</para>
/// </remarks>
/// <param name="Epsilon">ε ≥ 0: residuals smaller than ε cost nothing.</param>
/// <param name="Loss">ε-insensitive (default) or its square.</param>
/// <param name="C">Inverse regularisation strength (&gt; 0, finite).</param>
/// <param name="Tol">Relative stopping tolerance (&gt; 0).</param>
/// <param name="MaxIter">Maximum epochs (≥ 1).</param>
/// <param name="FitIntercept">Whether to append the constant feature.</param>
/// <param name="InterceptScaling">The value s of the constant feature (&gt; 0).</param>
/// <param name="Seed">Seed of the permutation generator.</param>
/// <param name="Shrinking">Whether to shrink variables at a bound.</param>
public sealed record LinearSVR(double Epsilon = 0.0, LinearSvrLoss Loss = LinearSvrLoss.EpsilonInsensitive, double C = 1.0, double Tol = 1e-4,
    int MaxIter = 1000, bool FitIntercept = true, double InterceptScaling = 1.0, ulong Seed = 0, bool Shrinking = true) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Epsilon, Loss, C, Tol, MaxIter, InterceptScaling);

    private static EstimatorCapabilities ValidateAndDescribe(double epsilon, LinearSvrLoss loss, double c, double tol, int maxIter, double scaling)
    {
        const string name = nameof(LinearSVR);
        if (!(epsilon >= 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(Epsilon), epsilon, $"{name}: epsilon must be finite and ≥ 0.");
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, $"{name}: loss must be EpsilonInsensitive or SquaredEpsilonInsensitive.");
        LinearSVC.Check(name, c, tol, maxIter, scaling);
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true, Stochastic: true, RowOrderInvariant: false);
    }

    /// <summary>Fits x: (n, d) to y: (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, or all weights zero.</exception>
    public LinearSVRModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(LinearSVR);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, _) = InputChecks.Targets(name, y, n, multiOutput: false);
        var sw = InputChecks.Weights(name, sampleWeight, n);
        var data = LinearData.ToDouble(xs.AsSpan());
        var target = LinearData.ToDouble(ys.AsSpan());
        var ci = new double[n];
        for (int i = 0; i < n; i++) ci[i] = C * (sw is null ? 1.0 : double.CreateTruncating(sw[i]));
        var s = LinearDualCoordinateDescent.Regress(data, n, d, FitIntercept ? InterceptScaling : -1, target, ci, Epsilon,
            Loss == LinearSvrLoss.SquaredEpsilonInsensitive, Tol, MaxIter, new Generator(Seed), Shrinking, out _);
        double b = FitIntercept ? InterceptScaling * s.W[d] : 0;
        return new LinearSVRModel<T>(this, LinearData.ToTensor<T>(s.W[..d], d), LinearData.ToTensor<T>([b], 1).Reshape(), s.Iterations, s.Converged);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="LinearSVR"/>: ŷ = x·w + b.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LinearSVRModel<T> : IRegressionModel<T>, ILoadableModel<LinearSVRModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "LinearSVR";

    internal LinearSVRModel(LinearSVR options, Tensor<T> coef, Tensor<T> intercept, int iterations, bool converged)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>The options it was fitted with.</summary>
    public LinearSVR Options { get; }

    /// <summary>w: (d) (scikit-learn's <c>coef_</c>).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: 0-d, s·w_b (zero without an intercept; scikit-learn's <c>intercept_[0]</c>).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>Epochs run (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations { get; }

    /// <summary>Whether the tolerance was met before <see cref="LinearSVR.MaxIter"/> epochs.</summary>
    public bool Converged { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[0];

    /// <summary>ŷ = x·w + b: (n).</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(LinearSVRModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef.Reshape(FeatureCount, 1)).Reshape(xs.Shape[0]) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["epsilon"] = Options.Epsilon.ToString("R", CultureInfo.InvariantCulture),
            ["loss"] = Options.Loss.ToString(),
            ["c"] = Options.C.ToString("R", CultureInfo.InvariantCulture),
            ["tol"] = Options.Tol.ToString("R", CultureInfo.InvariantCulture),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["intercept_scaling"] = Options.InterceptScaling.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = Options.Seed.ToString(CultureInfo.InvariantCulture),
            ["shrinking"] = Options.Shrinking.ToString(CultureInfo.InvariantCulture),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Not a LinearSVR file of this element type, or invalid options.</exception>
    public static LinearSVRModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        if (!Enum.TryParse<LinearSvrLoss>(f.Option("loss"), out var loss)) throw new InvalidDataException($"{Kind}: unknown loss \"{f.Option("loss")}\".");
        LinearSVR options;
        try
        {
            options = new LinearSVR(f.Number("epsilon"), loss, f.Number("c"), f.Number("tol"), (int)f.Number("max_iter"), f.Flag("fit_intercept"),
                f.Number("intercept_scaling"), ulong.Parse(f.Option("seed"), CultureInfo.InvariantCulture), f.Flag("shrinking"));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new InvalidDataException($"{Kind}: invalid options in the file: {e.Message}", e);
        }
        return new LinearSVRModel<T>(options, f.Tensor("coef", 1), f.Tensor("intercept", 0), (int)f.Number("iterations"), f.Flag("converged"));
    }
}
