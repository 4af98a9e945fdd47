using System.Numerics;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Statistics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Classical inference for ordinary least squares, for teaching: coefficients with standard errors, t statistics,
/// two-sided p values and confidence intervals, R², adjusted R², the overall F test, the residual standard error and
/// the Gaussian log-likelihood with AIC/BIC — the numbers of statsmodels' <c>OLS(y, X).fit().summary()</c>.
/// </summary>
/// <remarks>
/// <para>With design X (n × k; a leading column of ones named "const" when <c>addIntercept</c>):
/// <c>β̂ = (XᵀX)⁻¹Xᵀy</c> (computed from the SVD X = U·S·Vᵀ), residuals e = y − Xβ̂, SSR = ‖e‖², residual degrees of
/// freedom ν = n − k, <c>σ̂² = SSR/ν</c>, <c>Cov(β̂) = σ̂²(XᵀX)⁻¹</c>, <c>SE_j = √Cov_jj</c>, <c>t_j = β̂_j/SE_j</c>,
/// <c>p_j = 2·P(T_ν &gt; |t_j|)</c> (Student t), interval <c>β̂_j ± t_{ν,1−a/2}·SE_j</c>.</para>
/// <para>With an intercept: TSS = Σ(yᵢ − ȳ)², model degrees of freedom k − 1, <c>R² = 1 − SSR/TSS</c>,
/// <c>adj R² = 1 − (n − 1)/ν·(1 − R²)</c>. Without: the uncentred TSS = Σyᵢ², model degrees of freedom k,
/// <c>adj R² = 1 − n/ν·(1 − R²)</c> (statsmodels' convention; note it does not detect a constant column you add
/// yourself — pass <c>addIntercept: true</c> instead). <c>F = ((TSS − SSR)/df_model)/(SSR/ν)</c> with p value from
/// F(df_model, ν). <c>log L = −n/2·(log 2π + log(SSR/n) + 1)</c>, <c>AIC = −2 log L + 2k</c>,
/// <c>BIC = −2 log L + k·log n</c>.</para>
/// <para>The standard errors, t and p values assume the classical linear model: the rows are independent, the
/// errors have mean zero and constant variance given x (homoscedastic), the model is linear in the parameters, and —
/// for the exact t and F distributions in small samples — the errors are normal. They say how precisely the
/// coefficients are estimated under those assumptions, not whether the assumptions hold (look at residual plots).</para>
/// </remarks>
public sealed class LinearModelStatistics
{
    private readonly double[] coef, se, t, p;
    private readonly double[,] inverseGram;

    private LinearModelStatistics(string[] names, double[] coef, double[] se, double[,] inverseGram, int n, int dfResid, int dfModel, bool intercept,
        double ssr, double tss)
    {
        Names = names;
        this.coef = coef;
        this.se = se;
        this.inverseGram = inverseGram;
        SampleCount = n;
        ResidualDegreesOfFreedom = dfResid;
        ModelDegreesOfFreedom = dfModel;
        HasIntercept = intercept;
        SumOfSquaredResiduals = ssr;
        int k = coef.Length;
        var dist = new StudentTDistribution(dfResid);
        t = new double[k];
        p = new double[k];
        for (int j = 0; j < k; j++)
        {
            t[j] = coef[j] / se[j];
            p[j] = 2 * dist.Sf(Math.Abs(t[j]));
        }
        RSquared = 1 - ssr / tss;
        AdjustedRSquared = 1 - (intercept ? n - 1.0 : n) / dfResid * (1 - RSquared);
        if (dfModel > 0)
        {
            FStatistic = (tss - ssr) / dfModel / (ssr / dfResid);
            FPValue = new FisherFDistribution(dfModel, dfResid).Sf(FStatistic);
        }
        else FStatistic = FPValue = double.NaN;
        ResidualStandardError = Math.Sqrt(ssr / dfResid);
        LogLikelihood = -n / 2.0 * (Math.Log(2 * Math.PI) + Math.Log(ssr / n) + 1);
        Aic = -2 * LogLikelihood + 2 * k;
        Bic = -2 * LogLikelihood + k * Math.Log(n);
    }

    /// <summary>Fits OLS of y on x and computes the statistics (in float64).</summary>
    /// <param name="x">(n, d) regressors.</param>
    /// <param name="y">(n) response.</param>
    /// <param name="addIntercept">Prepend a column of ones named "const" (statsmodels' <c>add_constant</c>).</param>
    /// <param name="featureNames">d names for the columns of x, or null for x1 … xd.</param>
    /// <exception cref="ArgumentException">Invalid shapes or values; n ≤ k (no residual degrees of freedom); the
    /// design is rank deficient (collinear columns: the coefficients are not identified); y is constant with an
    /// intercept (R² undefined); or the wrong number of names.</exception>
    public static LinearModelStatistics Fit<T>(Tensor<T> x, Tensor<T> y, bool addIntercept = true, IReadOnlyList<string>? featureNames = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(LinearModelStatistics);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, _) = InputChecks.Targets(name, y, n, multiOutput: false);
        if (featureNames is not null && featureNames.Count != d)
            throw new ArgumentException($"{name}: {featureNames.Count} feature names for {d} columns.", nameof(featureNames));
        int off = addIntercept ? 1 : 0, k = d + off;
        if (n <= k)
            throw new ArgumentException($"{name}: {n} samples for {k} parameters leave no residual degrees of freedom (need n > k).", nameof(x));
        var xd = LinearData.ToDouble(xs.AsSpan());
        var yd = LinearData.ToDouble(ys.AsSpan());
        var design = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            if (addIntercept) design[i * k] = 1;
            for (int j = 0; j < d; j++) design[i * k + off + j] = xd[i * d + j];
        }
        var svd = Linalg.Svd(Tensor.FromArray(design, n, k), fullMatrices: false);
        var u = svd.U.Contiguous().ToArray();
        var s = svd.S.ToArray();
        var vh = svd.Vh.Contiguous().ToArray();
        if (!(s[k - 1] > s[0] * Math.Max(n, k) * 2.220446049250313e-16))
            throw new ArgumentException($"{name}: the design matrix is rank deficient (smallest singular value {s[k - 1]:G3} vs largest {s[0]:G3}); " +
                "remove collinear or constant columns.", nameof(x));
        // β = V S⁻¹ Uᵀ y; (XᵀX)⁻¹ = V S⁻² Vᵀ.
        var beta = new double[k];
        for (int c = 0; c < k; c++)
        {
            double uy = 0;
            for (int i = 0; i < n; i++) uy += u[i * k + c] * yd[i];
            uy /= s[c];
            for (int j = 0; j < k; j++) beta[j] += vh[c * k + j] * uy;
        }
        var inv = new double[k, k];
        for (int c = 0; c < k; c++)
        {
            double f = 1 / (s[c] * s[c]);
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) inv[a, b] += vh[c * k + a] * f * vh[c * k + b];
        }
        double ssr = 0, tss = 0, mean = addIntercept ? yd.Average() : 0;
        for (int i = 0; i < n; i++)
        {
            double fit = 0;
            for (int j = 0; j < k; j++) fit += design[i * k + j] * beta[j];
            ssr += (yd[i] - fit) * (yd[i] - fit);
            tss += (yd[i] - mean) * (yd[i] - mean);
        }
        if (!(tss > 0))
            throw new ArgumentException($"{name}: y has no variation{(addIntercept ? " about its mean" : "")}, so R² is undefined.", nameof(y));
        int dfResid = n - k;
        var se = new double[k];
        for (int j = 0; j < k; j++) se[j] = Math.Sqrt(ssr / dfResid * inv[j, j]);
        var names = new string[k];
        if (addIntercept) names[0] = "const";
        for (int j = 0; j < d; j++) names[off + j] = featureNames?[j] ?? $"x{j + 1}";
        return new LinearModelStatistics(names, beta, se, inv, n, dfResid, addIntercept ? k - 1 : k, addIntercept, ssr, tss);
    }

    /// <summary>The k parameter names ("const" first with an intercept).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>β̂: k estimates (intercept first when present).</summary>
    public IReadOnlyList<double> Coefficients => coef;

    /// <summary>The k standard errors √(σ̂²·[(XᵀX)⁻¹]_jj).</summary>
    public IReadOnlyList<double> StandardErrors => se;

    /// <summary>The k t statistics β̂_j / SE_j (for H₀: β_j = 0).</summary>
    public IReadOnlyList<double> TValues => t;

    /// <summary>The k two-sided p values 2·P(T_ν &gt; |t_j|) under H₀: β_j = 0.</summary>
    public IReadOnlyList<double> PValues => p;

    /// <summary>The estimated covariance σ̂²(XᵀX)⁻¹ of β̂: (k, k).</summary>
    public double[,] Covariance()
    {
        int k = coef.Length;
        var c = new double[k, k];
        double s2 = SumOfSquaredResiduals / ResidualDegreesOfFreedom;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) c[a, b] = s2 * inverseGram[a, b];
        return c;
    }

    /// <summary>Confidence intervals β̂_j ± t_{ν, 1 − a/2}·SE_j at <paramref name="level"/> = 1 − a.</summary>
    /// <exception cref="ArgumentOutOfRangeException">level is not in (0, 1).</exception>
    public (double[] Lower, double[] Upper) ConfidenceIntervals(double level = 0.95)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie in (0, 1).");
        double q = new StudentTDistribution(ResidualDegreesOfFreedom).Quantile(1 - (1 - level) / 2);
        var lo = new double[coef.Length];
        var hi = new double[coef.Length];
        for (int j = 0; j < coef.Length; j++) { lo[j] = coef[j] - q * se[j]; hi[j] = coef[j] + q * se[j]; }
        return (lo, hi);
    }

    /// <summary>The number of observations n.</summary>
    public int SampleCount { get; }

    /// <summary>ν = n − k.</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>k − 1 with an intercept, k without.</summary>
    public int ModelDegreesOfFreedom { get; }

    /// <summary>Whether a constant column was added.</summary>
    public bool HasIntercept { get; }

    /// <summary>SSR = Σ eᵢ².</summary>
    public double SumOfSquaredResiduals { get; }

    /// <summary>1 − SSR/TSS (uncentred TSS without an intercept).</summary>
    public double RSquared { get; }

    /// <summary>R² penalised for the number of parameters.</summary>
    public double AdjustedRSquared { get; }

    /// <summary>The F statistic of H₀: all slopes are 0 (NaN when there are none).</summary>
    public double FStatistic { get; }

    /// <summary>P(F_{df_model, ν} &gt; F) (NaN when there are no slopes).</summary>
    public double FPValue { get; }

    /// <summary>σ̂ = √(SSR/ν), the estimated standard deviation of the errors.</summary>
    public double ResidualStandardError { get; }

    /// <summary>The maximised Gaussian log-likelihood (with σ² = SSR/n).</summary>
    public double LogLikelihood { get; }

    /// <summary>−2 log L + 2k.</summary>
    public double Aic { get; }

    /// <summary>−2 log L + k·log n.</summary>
    public double Bic { get; }

    /// <summary>A statsmodels-like text summary: the model statistics, then one row per coefficient.</summary>
    public override string ToString() => LinearModelStatisticsText.Summary(this);
}
