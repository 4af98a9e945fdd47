using System.Numerics;
using Scratch.ML.LinearAlgebra;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Bayesian ridge regression, scikit-learn 1.2's <c>BayesianRidge</c>: the model <c>y = x·w + b + ε</c> with noise
/// <c>ε ~ N(0, 1/α)</c>, prior <c>w ~ N(0, I/λ)</c> and gamma hyperpriors <c>α ~ Γ(α₁, α₂)</c>, <c>λ ~ Γ(λ₁, λ₂)</c>
/// (shape, rate). α and λ are chosen by maximising the evidence (type-II maximum likelihood, MacKay 1992).
/// </summary>
/// <remarks>
/// <para>With an intercept, x and y are centred on their (weighted) means; weights sᵢ rescale rows by √sᵢ. The thin
/// SVD <c>x̃ = U·diag(σ)·Vᵀ</c> (eigenvalues eₖ = σₖ²) is computed once. Starting from <c>α = 1 / (Var(ỹ) + ε)</c> and
/// <c>λ = 1</c>, each iteration</para>
/// <list type="number">
/// <item>sets the posterior mean <c>w = V·diag(1/(eₖ + λ/α))·Vᵀ·x̃ᵀỹ</c> (n &gt; d) or
/// <c>w = x̃ᵀ·U·diag(1/(eₖ + λ/α))·Uᵀ·ỹ</c> (n ≤ d), and the residual sum of squares <c>r = ‖ỹ − x̃w‖²</c>;</item>
/// <item>optionally records the log marginal likelihood (<see cref="ComputeScore"/>);</item>
/// <item>updates <c>γ = Σₖ α·eₖ / (λ + α·eₖ)</c>, <c>λ ← (γ + 2λ₁) / (‖w‖² + 2λ₂)</c>,
/// <c>α ← (n − γ + 2α₁) / (r + 2α₂)</c>;</item>
/// <item>stops (after the first iteration) when <c>Σⱼ |w − w_old|ⱼ &lt; Tol</c>, or after <see cref="MaxIter"/>
/// iterations.</item>
/// </list>
/// <para>The final w is recomputed with the last α, λ, and the posterior covariance is
/// <c>Σ = (1/α)·V·diag(1/(eₖ + λ/α))·Vᵀ</c>. As in scikit-learn, n counts rows even with weights, so weights are a
/// rescaling of rows and not frequency weights (an integer weight is not the same as repeating a row: the noise
/// precision update counts rows). For that reason the capabilities do not claim sample-weight support, although
/// <c>Fit</c> accepts weights; and for n ≤ d, Σ uses only the n right singular vectors, as scikit-learn does.</para>
/// <para>All computation is float64; single-output only (scikit-learn's BayesianRidge takes a 1-d y).</para>
/// </remarks>
/// <param name="MaxIter">The most evidence iterations (scikit-learn 1.2's <c>n_iter</c>), ≥ 1.</param>
/// <param name="Tol">Stop when the L1 change of w between iterations is below this (≥ 0).</param>
/// <param name="Alpha1">Shape α₁ ≥ 0 of the gamma prior on the noise precision α.</param>
/// <param name="Alpha2">Rate α₂ ≥ 0 of the gamma prior on α.</param>
/// <param name="Lambda1">Shape λ₁ ≥ 0 of the gamma prior on the weight precision λ.</param>
/// <param name="Lambda2">Rate λ₂ ≥ 0 of the gamma prior on λ.</param>
/// <param name="ComputeScore">Whether to record the log marginal likelihood at every iteration (<see cref="BayesianRidgeModel{T}.Scores"/>).</param>
/// <param name="FitIntercept">Whether to learn b (otherwise b = 0 and the data are not centred).</param>
/// <param name="AlphaInit">Starting α (&gt; 0), or null for 1 / (Var(ỹ) + ε).</param>
/// <param name="LambdaInit">Starting λ (&gt; 0), or null for 1.</param>
public sealed record BayesianRidge(
    int MaxIter = 300,
    double Tol = 1e-3,
    double Alpha1 = 1e-6,
    double Alpha2 = 1e-6,
    double Lambda1 = 1e-6,
    double Lambda2 = 1e-6,
    bool ComputeScore = false,
    bool FitIntercept = true,
    double? AlphaInit = null,
    double? LambdaInit = null) : IRegressor
{
    private const string Name = nameof(BayesianRidge);

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(MaxIter, Tol, Alpha1, Alpha2, Lambda1, Lambda2, AlphaInit, LambdaInit);

    private static EstimatorCapabilities ValidateAndDescribe(int maxIter, double tol, double a1, double a2, double l1, double l2, double? alphaInit, double? lambdaInit)
    {
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, $"{Name}: MaxIter must be ≥ 1.");
        NonNegative(tol, nameof(Tol));
        NonNegative(a1, nameof(Alpha1));
        NonNegative(a2, nameof(Alpha2));
        NonNegative(l1, nameof(Lambda1));
        NonNegative(l2, nameof(Lambda2));
        if (alphaInit is { } a && !(a > 0 && double.IsFinite(a)))
            throw new ArgumentOutOfRangeException(nameof(AlphaInit), a, $"{Name}: AlphaInit must be finite and > 0 (or null).");
        if (lambdaInit is { } l && !(l > 0 && double.IsFinite(l)))
            throw new ArgumentOutOfRangeException(nameof(LambdaInit), l, $"{Name}: LambdaInit must be finite and > 0 (or null).");
        return new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: false);
    }

    private static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"{Name}: {name} must be finite and ≥ 0.");
    }

    /// <summary>Fits x: (n, d) to y: (n), with optional row weights s: (n) (scikit-learn's rescaling semantics).</summary>
    /// <exception cref="ArgumentException">Shapes disagree (y must be 1-d), or x/y/weights hold invalid values.</exception>
    public BayesianRidgeModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y is not null && y.Rank != 1)
            throw new ArgumentException($"{Name}: y must be 1-d (n), got shape {Shapes.Format(y.Shape)}; fit one model per target.", nameof(y));
        var data = LinearData.Prepare(Name, x, y!, sampleWeight, FitIntercept, normalizeWeights: false);
        int n = data.N, d = data.D;
        double[] xs = data.X, ys = data.Y;
        var svd = Linalg.Svd(Tensor.FromArray((double[])xs.Clone(), n, d), fullMatrices: false);
        int k = Math.Min(n, d);
        var u = svd.U.Contiguous().ToArray();      // (n, k)
        var vh = svd.Vh.Contiguous().ToArray();    // (k, d)
        var eig = svd.S.ToArray();
        for (int i = 0; i < k; i++) eig[i] *= eig[i];
        var xty = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) xty[j] += xs[i * d + j] * ys[i];

        double alpha = AlphaInit ?? 1.0 / (Variance(ys) + 2.220446049250313e-16);
        double lambda = LambdaInit ?? 1.0;
        var scores = new List<double>();
        double[]? coefOld = null;
        double[] coef = [];
        int iter;
        for (iter = 0; iter < MaxIter; iter++)
        {
            coef = UpdateCoef(xs, ys, n, d, k, xty, u, vh, eig, alpha, lambda, out double rss);
            if (ComputeScore) scores.Add(LogMarginalLikelihood(n, d, k, eig, alpha, lambda, coef, rss));
            double gamma = 0, norm = 0;
            for (int i = 0; i < k; i++) gamma += alpha * eig[i] / (lambda + alpha * eig[i]);
            for (int j = 0; j < d; j++) norm += coef[j] * coef[j];
            lambda = (gamma + 2 * Lambda1) / (norm + 2 * Lambda2);
            alpha = (n - gamma + 2 * Alpha1) / (rss + 2 * Alpha2);
            if (iter != 0)
            {
                double change = 0;
                for (int j = 0; j < d; j++) change += Math.Abs(coefOld![j] - coef[j]);
                if (change < Tol) break;
            }
            coefOld = coef;
        }
        int iterations = Math.Min(iter + 1, MaxIter);
        var finalCoef = UpdateCoef(xs, ys, n, d, k, xty, u, vh, eig, alpha, lambda, out double finalRss);
        // scikit-learn scores the last loop coefficients with the final α, λ and residual sum (kept as is).
        if (ComputeScore) scores.Add(LogMarginalLikelihood(n, d, k, eig, alpha, lambda, coef, finalRss));
        var sigma = new double[d * d];
        for (int i = 0; i < k; i++)
        {
            double f = 1.0 / (alpha * (eig[i] + lambda / alpha));
            for (int a = 0; a < d; a++)
            {
                double va = vh[i * d + a] * f;
                for (int b = 0; b < d; b++) sigma[a * d + b] += va * vh[i * d + b];
            }
        }
        double intercept = data.Intercepts(finalCoef)[0];
        return new BayesianRidgeModel<T>(this,
            LinearData.ToTensor<T>(finalCoef, d), LinearData.ToTensor<T>([intercept], 1).Reshape(),
            LinearData.ToTensor<T>(sigma, d, d), alpha, lambda, scores.ToArray(), iterations);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    private static double Variance(double[] v)
    {
        double mean = 0;
        foreach (var e in v) mean += e;
        mean /= v.Length;
        double s = 0;
        foreach (var e in v) s += (e - mean) * (e - mean);
        return s / v.Length;
    }

    /// <summary>The posterior mean for given α, λ and its residual sum of squares (scikit-learn's <c>_update_coef_</c>).</summary>
    private static double[] UpdateCoef(double[] xs, double[] ys, int n, int d, int k, double[] xty, double[] u, double[] vh, double[] eig,
        double alpha, double lambda, out double rss)
    {
        var coef = new double[d];
        var tmp = new double[k];
        if (n > d)
        {
            for (int i = 0; i < k; i++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) s += vh[i * d + j] * xty[j];
                tmp[i] = s / (eig[i] + lambda / alpha);
            }
            for (int i = 0; i < k; i++)
                for (int j = 0; j < d; j++) coef[j] += vh[i * d + j] * tmp[i];
        }
        else
        {
            for (int i = 0; i < k; i++)
            {
                double s = 0;
                for (int r = 0; r < n; r++) s += u[r * k + i] * ys[r];
                tmp[i] = s / (eig[i] + lambda / alpha);
            }
            for (int r = 0; r < n; r++)
            {
                double ur = 0;
                for (int i = 0; i < k; i++) ur += u[r * k + i] * tmp[i];
                for (int j = 0; j < d; j++) coef[j] += xs[r * d + j] * ur;
            }
        }
        rss = 0;
        for (int r = 0; r < n; r++)
        {
            double p = 0;
            for (int j = 0; j < d; j++) p += xs[r * d + j] * coef[j];
            rss += (ys[r] - p) * (ys[r] - p);
        }
        return coef;
    }

    /// <summary>The log marginal likelihood plus the log hyperpriors (scikit-learn's <c>_log_marginal_likelihood</c>).</summary>
    private double LogMarginalLikelihood(int n, int d, int k, double[] eig, double alpha, double lambda, double[] coef, double rss)
    {
        double logdet = 0;
        if (n > d)
            for (int i = 0; i < k; i++) logdet -= Math.Log(lambda + alpha * eig[i]);
        else
            for (int j = 0; j < d; j++) logdet -= Math.Log(lambda + (j < n ? alpha * eig[j] : 0));
        double norm = 0;
        foreach (var c in coef) norm += c * c;
        double score = Lambda1 * Math.Log(lambda) - Lambda2 * lambda + Alpha1 * Math.Log(alpha) - Alpha2 * alpha;
        score += 0.5 * (d * Math.Log(lambda) + n * Math.Log(alpha) - alpha * rss - lambda * norm + logdet - n * Math.Log(2 * Math.PI));
        return score;
    }
}
