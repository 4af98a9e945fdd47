namespace Scratch.ML.Learn.Ensemble;

/// <summary>Shared pieces of the classification losses (targets are class codes 0 … C−1 stored as doubles).</summary>
internal abstract class ClassificationBoostingLoss : BoostingLoss
{
    /// <summary>scikit-learn clips prior probabilities to [ε, 1 − ε] with float32's ε = 2⁻²³ before taking logs.</summary>
    protected const double Eps = 1.1920928955078125e-07;

    /// <summary>The class prior Σ_{yᵢ=c} wᵢ / Σ wᵢ per class (DummyClassifier "prior"), clipped to [ε, 1 − ε].</summary>
    protected static double[] Priors(double[] y, double[] w, int classes)
    {
        var p = new double[classes];
        for (int i = 0; i < y.Length; i++) p[(int)y[i]] += w[i];
        double total = 0;
        foreach (double v in p) total += v;
        for (int c = 0; c < classes; c++) p[c] = Math.Clamp(p[c] / total, Eps, 1 - Eps);
        return p;
    }

    /// <summary>scale · log(p₁/(1 − p₁)) per row of the probabilities (n, 2), p₁ clipped to [ε, 1 − ε].</summary>
    protected static double[] LogOdds(double[] proba, int n, double scale)
    {
        var raw = new double[n];
        for (int i = 0; i < n; i++)
        {
            double p = Math.Clamp(proba[i * 2 + 1], Eps, 1 - Eps);
            raw[i] = scale * Math.Log(p / (1 - p));
        }
        return raw;
    }

    /// <summary>σ(x) = 1 / (1 + e^−x) (SciPy's <c>expit</c>).</summary>
    public static double Expit(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>log(e^a + e^b) as NumPy's <c>logaddexp</c>: max + log1p(e^−|a − b|).</summary>
    protected static double LogAddExp(double a, double b)
    {
        if (a == b) return a + Math.Log(2);
        double t = a - b;
        return t > 0 ? a + LogOnePlus(Math.Exp(-t)) : b + LogOnePlus(Math.Exp(t));
    }

    /// <summary>log(1 + x) accurate for small x (Goldberg's trick: log(u)·x/(u − 1) with u = 1 + x).</summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}

/// <summary>
/// The binomial deviance (log-loss for two classes, one tree per stage): init = log odds of the weighted prior,
/// residual = y − σ(F), leaf = one Newton step Σ w·r / Σ w·(y − r)(1 − y + r) (0 when the denominator is below
/// 1e-150), reported loss = −2 Σ w (yF − log(1 + e^F)) / Σ w.
/// </summary>
internal sealed class BinomialLoss : ClassificationBoostingLoss
{
    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven)
    {
        double p = Priors(y, w, 2)[1];
        return [Math.Log(p / (1 - p))];
    }

    public override double[] InitRawFrom(double[] predictions, int n) => LogOdds(predictions, n, 1.0);

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        for (int i = 0; i < yk.Length; i++) residual[i] = yk[i] - Expit(raw[i]);
    }

    public override double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w) =>
        NewtonStep(samples, yk, residual, w, 1.0);

    /// <summary>Σ w·r·scale / Σ w·(y − r)(1 − y + r), or 0 when |denominator| &lt; 1e-150.</summary>
    internal static double NewtonStep(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] w, double scale)
    {
        double num = 0, den = 0;
        foreach (int i in samples)
        {
            double r = residual[i], y = yk[i];
            num += w[i] * r;
            den += w[i] * (y - r) * (1 - y + r);
        }
        num *= scale;
        return Math.Abs(den) < 1e-150 ? 0.0 : num / den;
    }

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        double s = 0, total = 0;
        foreach (int i in Indices(subset, y.Length))
        {
            s += w[i] * (y[i] * raw[i] - LogAddExp(0, raw[i]));
            total += w[i];
        }
        return -2 / total * s;
    }
}

/// <summary>
/// The multinomial deviance (≥ 3 classes, one tree per class per stage): init = log of the clipped weighted priors,
/// residual_k = [y = k] − softmax(F)_k, leaf = (K−1)/K · Σ w·r / Σ w·(y − r)(1 − y + r), reported loss = the
/// weighted mean of −F_y + logsumexp(F).
/// </summary>
internal sealed class MultinomialLoss(int classes) : ClassificationBoostingLoss
{
    public override int TreesPerStage => classes;

    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven)
    {
        var p = Priors(y, w, classes);
        for (int c = 0; c < classes; c++) p[c] = Math.Log(p[c]);
        return p;
    }

    /// <summary>log of the probabilities (n, C) clipped to [ε, 1 − ε].</summary>
    public override double[] InitRawFrom(double[] predictions, int n)
    {
        var raw = new double[predictions.Length];
        for (int i = 0; i < raw.Length; i++) raw[i] = Math.Log(Math.Clamp(predictions[i], Eps, 1 - Eps));
        return raw;
    }

    public override double[] TargetFor(int k, double[] y)
    {
        var t = new double[y.Length];
        for (int i = 0; i < t.Length; i++) t[i] = y[i] == k ? 1 : 0;
        return t;
    }

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        int n = yk.Length;
        for (int i = 0; i < n; i++)
        {
            var row = raw.AsSpan(i * classes, classes);
            double p = Math.Exp(row[k] - LogSumExp(row));
            residual[i] = yk[i] - (double.IsNaN(p) ? 0 : double.IsPositiveInfinity(p) ? double.MaxValue : p);
        }
    }

    public override double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w) =>
        BinomialLoss.NewtonStep(samples, yk, residual, w, (classes - 1) / (double)classes);

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        double s = 0, total = 0;
        foreach (int i in Indices(subset, y.Length))
        {
            var row = raw.AsSpan(i * classes, classes);
            s += w[i] * (-row[(int)y[i]] + LogSumExp(row));
            total += w[i];
        }
        return s / total;
    }

    /// <summary>log Σ e^(xⱼ) computed as SciPy's <c>logsumexp</c>: max + log Σ e^(xⱼ − max).</summary>
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = double.NegativeInfinity;
        foreach (double v in x) max = Math.Max(max, v);
        if (!double.IsFinite(max)) max = 0;
        double s = 0;
        foreach (double v in x) s += Math.Exp(v - max);
        return Math.Log(s) + max;
    }
}

/// <summary>
/// The exponential (AdaBoost) loss for two classes: init = ½ log odds of the weighted prior, residual =
/// ỹ e^(−ỹF) with ỹ = 2y − 1, leaf = Σ ỹ w e^(−ỹF) / Σ w e^(−ỹF) (0 below 1e-150), loss = Σ w e^(−ỹF) / Σ w.
/// </summary>
internal sealed class ExponentialLoss : ClassificationBoostingLoss
{
    public override double[] InitialRaw(double[] y, double[] w, bool weightsGiven)
    {
        double p = Priors(y, w, 2)[1];
        return [0.5 * Math.Log(p / (1 - p))];
    }

    public override double[] InitRawFrom(double[] predictions, int n) => LogOdds(predictions, n, 0.5);

    public override void NegativeGradient(double[] yk, double[] raw, int k, double[] w, double[] residual)
    {
        for (int i = 0; i < yk.Length; i++)
        {
            double s = 2.0 * yk[i] - 1.0;
            residual[i] = s * Math.Exp(-s * raw[i]);
        }
    }

    public override double LeafValue(ReadOnlySpan<int> samples, double[] yk, double[] residual, double[] raw, int k, double[] w)
    {
        double num = 0, den = 0;
        foreach (int i in samples)
        {
            double s = 2.0 * yk[i] - 1.0, e = Math.Exp(-s * raw[i]);
            num += s * w[i] * e;
            den += w[i] * e;
        }
        return Math.Abs(den) < 1e-150 ? 0.0 : num / den;
    }

    public override double Loss(double[] y, double[] raw, double[] w, int[]? subset)
    {
        double s = 0, total = 0;
        foreach (int i in Indices(subset, y.Length))
        {
            s += w[i] * Math.Exp(-(2 * y[i] - 1) * raw[i]);
            total += w[i];
        }
        return 1.0 / total * s;
    }
}
