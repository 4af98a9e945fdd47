namespace Scratch.ML.Learn.Ensemble;

/// <summary>The loss a <see cref="GradientBoostingRegressor"/> minimises.</summary>
public enum GradientBoostingRegressionLoss
{
    /// <summary>½(y − F)² (scikit-learn's "squared_error"): residual y − F, leaves keep the tree's mean.</summary>
    SquaredError,
    /// <summary>|y − F| ("absolute_error"): residual sign(y − F), leaves take the weighted median of y − F.</summary>
    AbsoluteError,
    /// <summary>Huber's loss with γ the <c>Alpha</c>-quantile of |y − F| ("huber").</summary>
    Huber,
    /// <summary>The pinball loss of quantile <c>Alpha</c> ("quantile"): leaves take the weighted Alpha-percentile.</summary>
    Quantile,
}

/// <summary>The loss a <see cref="GradientBoostingClassifier"/> minimises.</summary>
public enum GradientBoostingClassificationLoss
{
    /// <summary>The binomial (2 classes) or multinomial (≥ 3 classes: one tree per class and stage) log-loss.</summary>
    LogLoss,
    /// <summary>The exponential loss e^(−(2y−1)F) of AdaBoost (2 classes only); P(y = 1) = σ(2F).</summary>
    Exponential,
}

/// <summary>
/// One loss of classic gradient boosting, written after scikit-learn 1.2's <c>_gb_losses</c> so that every number
/// (initial estimate, negative gradient, leaf update, reported loss) is computed the same way. Raw predictions are
/// row-major (n, K) with K = <see cref="TreesPerStage"/>.
/// </summary>
internal abstract class BoostingLoss
{
    /// <summary>Trees fitted per stage: 1, or the class count for the multinomial loss.</summary>
    public virtual int TreesPerStage => 1;

    /// <summary>Whether the leaf values are replaced by <see cref="LeafValue"/> (false: the tree's means stay).</summary>
    public virtual bool UpdatesLeaves => true;

    /// <summary>
    /// The initial raw prediction (K) from the training targets: scikit-learn's init estimator (a DummyRegressor or
    /// DummyClassifier fitted without weights when <paramref name="weightsGiven"/> is false, else with them).
    /// </summary>
    public abstract double[] InitialRaw(double[] y, double[] w, bool weightsGiven);

    /// <summary>
    /// The raw start (n, K) from an init estimator's output: a regressor's predictions (n) as they are; a classifier's
    /// probabilities (n, C) through the loss's inverse link (scikit-learn's <c>get_init_raw_predictions</c>).
    /// </summary>
    public virtual double[] InitRawFrom(double[] predictions, int n) => predictions;

    /// <summary>The target the tree of output k works on: y itself, or the indicator y = k (multinomial).</summary>
    public virtual double[] TargetFor(int k, double[] y) => y;

    /// <summary>The negative gradient −∂L/∂F_k at <paramref name="raw"/> (n, K) for every sample, into <paramref name="residual"/>.</summary>
    public abstract void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual);

    /// <summary>The value of a leaf holding <paramref name="samples"/> (in-bag, ascending): scikit-learn's <c>_update_terminal_region</c>.</summary>
    public virtual double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w) => 0;

    /// <summary>The weighted loss Σ wᵢ ℓᵢ / Σ wᵢ over <paramref name="subset"/> (null: every sample), scikit-learn's <c>loss_(y, raw, w)</c>.</summary>
    public abstract double Loss(double[] y, double[] raw, double[] w, int[]? subset);

    /// <summary>Creates the loss of a regressor.</summary>
    public static BoostingLoss For(GradientBoostingRegressionLoss loss, double alpha) => loss switch
    {
        GradientBoostingRegressionLoss.SquaredError => new SquaredErrorLoss(),
        GradientBoostingRegressionLoss.AbsoluteError => new AbsoluteErrorLoss(),
        GradientBoostingRegressionLoss.Huber => new HuberLoss(alpha),
        _ => new QuantileLoss(alpha),
    };

    /// <summary>Gathers <paramref name="source"/>[i] for i in <paramref name="samples"/>.</summary>
    protected static double[] Take(double[] source, ReadOnlySpan<int> samples)
    {
        var r = new double[samples.Length];
        for (int j = 0; j < r.Length; j++) r[j] = source[samples[j]];
        return r;
    }

    /// <summary>yᵢ − rawᵢ for i in <paramref name="samples"/> (K = 1).</summary>
    protected static double[] Diff(double[] y, double[] raw, ReadOnlySpan<int> samples)
    {
        var r = new double[samples.Length];
        for (int j = 0; j < r.Length; j++) r[j] = y[samples[j]] - raw[samples[j]];
        return r;
    }

    /// <summary>The sample indices of <paramref name="subset"/>, or 0 … n−1.</summary>
    protected static int[] Indices(int[]? subset, int n)
    {
        if (subset is not null) return subset;
        var all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        return all;
    }

    /// <summary>The initial constant of the median-type losses: the (weighted) percentile of y.</summary>
    protected static double[] PercentileInit(double[] y, double[] w, bool weightsGiven, double percentile) =>
        [weightsGiven ? BoostingLossPercentile.Weighted(y, w, percentile) : BoostingLossPercentile.Linear(y, percentile)];
}

/// <summary>Least squares: init = (weighted) mean, residual = y − F, leaves keep the tree's weighted mean residual.</summary>
internal sealed class SquaredErrorLoss : BoostingLoss
{
    public override bool UpdatesLeaves => false;

    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven)
    {
        double s = 0, total = 0;
        for (int i = 0; i < y.Length; i++) { s += w[i] * y[i]; total += w[i]; }
        return [s / total];
    }

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        for (int i = 0; i < yk.Length; i++) residual[i] = yk[i] - raw[i];
    }

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        double s = 0, total = 0;
        foreach (int i in Indices(subset, y.Length)) { double d = y[i] - raw[i]; s += w[i] * d * d; total += w[i]; }
        return 1 / total * s;
    }
}

/// <summary>Least absolute deviation: init = median, residual = sign(y − F) (0 ↦ −1), leaf = weighted median of y − F.</summary>
internal sealed class AbsoluteErrorLoss : BoostingLoss
{
    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven) => PercentileInit(y, w, weightsGiven, 50);

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        for (int i = 0; i < yk.Length; i++) residual[i] = yk[i] - raw[i] > 0 ? 1 : -1;
    }

    public override double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w) =>
        BoostingLossPercentile.Weighted(Diff(yk, raw, samples), Take(w, samples), 50);

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        double s = 0, total = 0;
        foreach (int i in Indices(subset, y.Length)) { s += w[i] * Math.Abs(y[i] - raw[i]); total += w[i]; }
        return 1 / total * s;
    }
}

/// <summary>
/// Huber's M-regression loss (Friedman 2001): γ = weighted Alpha-percentile of |y − F| over all samples, recomputed
/// with every gradient and kept for the reported loss (scikit-learn's stateful <c>gamma</c>); residual = y − F inside
/// γ, γ·sign(y − F) outside; leaf = median m of y − F plus the unweighted mean of sign(d − m)·min(|d − m|, γ).
/// </summary>
internal sealed class HuberLoss(double alpha) : BoostingLoss
{
    /// <summary>γ of the latest gradient, or null before the first.</summary>
    public double? Gamma { get; private set; }

    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven) => PercentileInit(y, w, weightsGiven, 50);

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        int n = yk.Length;
        var abs = new double[n];
        for (int i = 0; i < n; i++) abs[i] = Math.Abs(yk[i] - raw[i]);
        double gamma = BoostingLossPercentile.Weighted(abs, w, alpha * 100);
        for (int i = 0; i < n; i++)
        {
            double d = yk[i] - raw[i];
            residual[i] = Math.Abs(d) <= gamma ? d : gamma * Math.Sign(d);
        }
        Gamma = gamma;
    }

    public override double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w)
    {
        var diff = Diff(yk, raw, samples);
        double median = BoostingLossPercentile.Weighted(diff, Take(w, samples), 50), gamma = Gamma!.Value, s = 0;
        foreach (double d in diff)
        {
            double r = d - median;
            s += Math.Sign(r) * Math.Min(Math.Abs(r), gamma);
        }
        return median + s / diff.Length;
    }

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        var idx = Indices(subset, y.Length);
        double gamma;
        if (Gamma is { } g) gamma = g;
        else
        {
            var abs = new double[idx.Length];
            for (int j = 0; j < idx.Length; j++) abs[j] = Math.Abs(y[idx[j]] - raw[idx[j]]);
            gamma = BoostingLossPercentile.Weighted(abs, Take(w, idx), alpha * 100);
        }
        double sq = 0, lin = 0, total = 0;
        foreach (int i in idx)
        {
            double d = y[i] - raw[i];
            if (Math.Abs(d) <= gamma) sq += 0.5 * w[i] * d * d;
            else lin += gamma * w[i] * (Math.Abs(d) - gamma / 2);
            total += w[i];
        }
        return (sq + lin) / total;
    }
}

/// <summary>The pinball loss of quantile α: residual α (y &gt; F) or −(1 − α), leaf = weighted (100·α)-percentile of y − F.</summary>
internal sealed class QuantileLoss(double alpha) : BoostingLoss
{
    private readonly double percentile = alpha * 100;

    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven) => PercentileInit(y, w, weightsGiven, percentile);

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        for (int i = 0; i < yk.Length; i++) residual[i] = yk[i] > raw[i] ? alpha : -(1 - alpha);
    }

    public override double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w) =>
        BoostingLossPercentile.Weighted(Diff(yk, raw, samples), Take(w, samples), percentile);

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        double above = 0, below = 0, total = 0;
        foreach (int i in Indices(subset, y.Length))
        {
            double d = y[i] - raw[i];
            if (y[i] > raw[i]) above += w[i] * d;
            else below += w[i] * d;
            total += w[i];
        }
        return (alpha * above - (1 - alpha) * below) / total;
    }
}
