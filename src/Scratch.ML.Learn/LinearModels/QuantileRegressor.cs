using System.Numerics;
using Scratch.ML.LinearAlgebra;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Linear quantile regression with an L1 penalty, scikit-learn 1.2's <c>QuantileRegressor</c>:
/// <c>min_{w,b} (1/S)·Σᵢ sᵢ ρ_τ(yᵢ − xᵢ·w − b) + α‖w‖₁</c>, where ρ_τ(r) = τ·r for r ≥ 0 and (τ − 1)·r for r &lt; 0
/// (the pinball loss) and S = Σ sᵢ.
/// </summary>
/// <remarks>
/// <para>At the optimum about a fraction τ of the (weighted) residuals are ≤ 0, so x·w + b estimates the conditional
/// τ-quantile of y; τ = 0.5 is least-absolute-deviation regression, robust to outliers in y. The intercept is not
/// penalised and x is not centred (centring does not commute with the pinball loss).</para>
/// <para>Solver: the problem is the linear program <c>min Σ sᵢ(τuᵢ + (1−τ)vᵢ) + αS·Σ(wⱼ⁺ + wⱼ⁻)</c> subject to
/// <c>x w + b + u − v = y</c>, u, v, w± ≥ 0, which scikit-learn passes to SciPy's <c>linprog</c> (HiGHS). Here it is
/// solved by our own primal-dual interior-point method (Mehrotra predictor-corrector, O(n·q²) per iteration with
/// q = d + 1 unknowns; <see cref="QuantileRegressorLp"/>), then purified to a vertex when the optimum is unique. Rows
/// with zero weight are dropped first, as in scikit-learn. The optimum need not be unique (e.g. an even number of
/// points for the median): then any optimal w is correct and only the objective is comparable.</para>
/// </remarks>
/// <param name="Quantile">τ ∈ (0, 1).</param>
/// <param name="Alpha">The L1 penalty α ≥ 0 (relative to the mean loss). α = 1 (the default, as in scikit-learn)
/// is large for data whose features have unit scale and often gives w = 0.</param>
/// <param name="FitIntercept">Whether to learn b (otherwise b = 0).</param>
public sealed record QuantileRegressor(double Quantile = 0.5, double Alpha = 1.0, bool FitIntercept = true) : IRegressor
{
    private const string Name = nameof(QuantileRegressor);

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Quantile, Alpha);

    private static EstimatorCapabilities ValidateAndDescribe(double quantile, double alpha)
    {
        if (!(quantile > 0 && quantile < 1))
            throw new ArgumentOutOfRangeException(nameof(Quantile), quantile, $"{Name}: Quantile must lie strictly between 0 and 1.");
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), alpha, $"{Name}: Alpha must be finite and ≥ 0.");
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true);
    }

    /// <summary>Fits x: (n, d) to y: (n), with optional non-negative weights s: (n).</summary>
    /// <exception cref="ArgumentException">Shapes disagree (y must be 1-d), or x/y/weights hold invalid values.</exception>
    /// <exception cref="InvalidOperationException">The interior-point method broke down numerically.</exception>
    public QuantileRegressorModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(Name, x);
        int n0 = xs.Shape[0], d = xs.Shape[1];
        var (ys, _) = InputChecks.Targets(Name, y, n0, multiOutput: false);
        var ws = InputChecks.Weights(Name, sampleWeight, n0);
        var xd = LinearData.ToDouble(xs.AsSpan());
        var yd = LinearData.ToDouble(ys.AsSpan());
        var wd = ws is null ? Enumerable.Repeat(1.0, n0).ToArray() : LinearData.ToDouble(ws.AsSpan());
        int off = FitIntercept ? 1 : 0, q = d + off;
        var rows = Enumerable.Range(0, n0).Where(i => wd[i] > 0).ToArray();
        int n = rows.Length;
        var z = new double[n * q];
        var yy = new double[n];
        var s = new double[n];
        for (int r = 0; r < n; r++)
        {
            int i = rows[r];
            if (FitIntercept) z[r * q] = 1;
            for (int j = 0; j < d; j++) z[r * q + off + j] = xd[i * d + j];
            yy[r] = yd[i];
            s[r] = wd[i];
        }
        var penalised = new bool[q];
        for (int j = off; j < q; j++) penalised[j] = Alpha > 0;
        double a = Alpha * s.Sum();
        var sol = QuantileRegressorLp.Solve(z, yy, s, n, q, penalised, Quantile, a);
        var beta = sol.Beta;
        if (beta.Any(b => !double.IsFinite(b)))
            throw new InvalidOperationException($"{Name}: the interior-point method broke down (non-finite iterate); check the scaling of x and y.");
        double objective = Purify(z, yy, s, n, q, penalised, Quantile, a, beta, sol.Objective);
        var coef = beta.AsSpan(off, d).ToArray();
        double intercept = FitIntercept ? beta[0] : 0;
        return new QuantileRegressorModel<T>(this, LinearData.ToTensor<T>(coef, d), LinearData.ToTensor<T>([intercept], 1).Reshape(),
            objective / s.Sum(), sol.Iterations, sol.Converged);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    /// <summary>
    /// Moves an interior-point solution to the nearby vertex. For zero thresholds t = 10⁻¹⁰ … 10⁻⁴ (relative to
    /// max|β|): the k coefficients with |βⱼ| &gt; t (and unpenalised ones) are re-solved exactly on the k rows with the
    /// smallest |residual| (a vertex interpolates k rows). The candidate with the lowest objective is kept if it does
    /// not exceed the interior-point objective. Returns the objective of the kept β (updated in place).
    /// </summary>
    private static double Purify(double[] z, double[] y, double[] s, int n, int q, bool[] penalised, double tau, double a, double[] beta, double objective)
    {
        double betaScale = 1 + beta.Max(Math.Abs);
        var resid = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = y[i];
            for (int j = 0; j < q; j++) r -= z[i * q + j] * beta[j];
            resid[i] = Math.Abs(r);
        }
        var order = Enumerable.Range(0, n).OrderBy(i => resid[i]).ToArray();
        double[]? bestBeta = null;
        double bestObjective = objective;
        for (double t = 1e-10; t <= 1.1e-4; t *= 10)
        {
            var nonZero = Enumerable.Range(0, q).Where(j => !penalised[j] || Math.Abs(beta[j]) > t * betaScale).ToArray();
            int k = nonZero.Length;
            if (k == 0 || k > n) continue;
            var a2 = new double[k * k];
            var b2 = new double[k];
            for (int r = 0; r < k; r++)
            {
                for (int c = 0; c < k; c++) a2[r * k + c] = z[order[r] * q + nonZero[c]];
                b2[r] = y[order[r]];
            }
            var ls = Linalg.Lstsq(Tensor.FromArray(a2, k, k), Tensor.FromArray(b2, k, 1));
            if (ls.Rank < k) continue;
            var candidate = new double[q];
            var solution = ls.Solution.Contiguous().ToArray();
            for (int c = 0; c < k; c++) candidate[nonZero[c]] = solution[c];
            double f = QuantileRegressorLp.Objective(z, y, s, n, q, penalised, tau, a, candidate);
            if (f <= bestObjective + 1e-13 * Math.Abs(objective))
            {
                bestObjective = f;
                bestBeta = candidate;
            }
        }
        if (bestBeta is null) return objective;
        Array.Copy(bestBeta, beta, q);
        return bestObjective;
    }
}
