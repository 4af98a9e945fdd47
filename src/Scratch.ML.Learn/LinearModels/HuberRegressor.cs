using System.Numerics;
using Scratch.ML.Optimization;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Huber regression with a jointly estimated scale, scikit-learn 1.2's <c>HuberRegressor</c> (Owen 2007, "A robust
/// hybrid of lasso and ridge regression"): minimises over w, c and σ &gt; 0
/// <c>Σᵢ sᵢ [σ + H_ε((yᵢ − xᵢ·w − c)/σ)·σ] + α‖w‖²</c>, where <c>H_ε(z) = z²</c> for |z| ≤ ε and
/// <c>2ε|z| − ε²</c> otherwise.
/// </summary>
/// <remarks>
/// <para>Residuals within ε·σ are treated as Gaussian (squared loss), larger ones as Laplacian (absolute loss), so
/// gross outliers in y pull on the fit only linearly; because σ is learned jointly the threshold adapts to the noise
/// level and w is scale equivariant. The objective is convex in (w, c, σ). The intercept is not penalised and x is not
/// centred.</para>
/// <para>Solver: from w = 0, c = 0, σ = 1, the bounded L-BFGS of <see cref="Lbfgs"/> (σ ≥ 10·ε_machine, SciPy's
/// L-BFGS-B stopping rule with gtol = <see cref="Tol"/>, at most <see cref="MaxIter"/> iterations, memory 10), then
/// damped Newton steps on the locally smooth piece until f stops decreasing, so the result is the optimum to rounding
/// rather than wherever a particular quasi-Newton path stopped (scikit-learn stops at gtol, typically ~1e-6 relative
/// from the optimum). Sample weights are frequency-like: they multiply each row's loss and the σ term (S = Σ sᵢ).</para>
/// </remarks>
/// <param name="Epsilon">ε ≥ 1: the threshold, in units of σ, beyond which a residual counts as an outlier (1.35 gives
/// 95% efficiency for Gaussian noise).</param>
/// <param name="MaxIter">The most L-BFGS iterations, ≥ 1.</param>
/// <param name="Alpha">The L2 penalty α ≥ 0 on w.</param>
/// <param name="FitIntercept">Whether to learn c (otherwise c = 0).</param>
/// <param name="Tol">The projected-gradient tolerance of L-BFGS (&gt; 0).</param>
public sealed record HuberRegressor(double Epsilon = 1.35, int MaxIter = 100, double Alpha = 1e-4, bool FitIntercept = true, double Tol = 1e-5) : IRegressor
{
    private const string Name = nameof(HuberRegressor);

    /// <summary>The lower bound on σ (scikit-learn's 10·ε_machine).</summary>
    internal const double SigmaFloor = 10 * 2.220446049250313e-16;

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Epsilon, MaxIter, Alpha, Tol);

    private static EstimatorCapabilities ValidateAndDescribe(double epsilon, int maxIter, double alpha, double tol)
    {
        if (!(epsilon >= 1) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), epsilon, $"{Name}: Epsilon must be finite and ≥ 1.");
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, $"{Name}: MaxIter must be ≥ 1.");
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), alpha, $"{Name}: Alpha must be finite and ≥ 0.");
        if (!(tol > 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(Tol), tol, $"{Name}: Tol must be finite and > 0.");
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true);
    }

    /// <summary>Fits x: (n, d) to y: (n), with optional non-negative weights s: (n).</summary>
    /// <exception cref="ArgumentException">Shapes disagree (y must be 1-d), or x/y/weights hold invalid values.</exception>
    public HuberRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(Name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, _) = InputChecks.Targets(Name, y, n, multiOutput: false);
        var ws = InputChecks.Weights(Name, sampleWeight, n);
        var xd = LinearData.ToDouble(xs.AsSpan());
        var yd = LinearData.ToDouble(ys.AsSpan());
        var wd = ws is null ? Enumerable.Repeat(1.0, n).ToArray() : LinearData.ToDouble(ws.AsSpan());
        var loss = new HuberRegressorLoss(xd, yd, wd, n, d, FitIntercept, Epsilon, Alpha);
        int m = loss.Size;
        var p0 = new double[m];
        p0[m - 1] = 1;
        var lower = Enumerable.Repeat(double.NegativeInfinity, m).ToArray();
        lower[m - 1] = SigmaFloor;
        var result = Lbfgs.Minimize(loss, p0, new LbfgsOptions
        {
            GradientTolerance = Tol,
            MaxIterations = MaxIter,
            MaxFunctionEvaluations = 15000,
            LowerBounds = lower,
            UpperBounds = Enumerable.Repeat(double.PositiveInfinity, m).ToArray(),
        });
        var p = result.X;
        loss.Polish(p, SigmaFloor);
        var r = new double[n];
        loss.Residuals(p, r);
        double scale = p[m - 1];
        var outliers = new bool[n];
        for (int i = 0; i < n; i++) outliers[i] = Math.Abs(r[i]) > scale * Epsilon;
        var coef = p.AsSpan(0, d).ToArray();
        double intercept = FitIntercept ? p[d] : 0;
        return new HuberRegressorModel<T>(this, LinearData.ToTensor<T>(coef, d), LinearData.ToTensor<T>([intercept], 1).Reshape(),
            scale, outliers, result.Iterations, result.Converged);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
