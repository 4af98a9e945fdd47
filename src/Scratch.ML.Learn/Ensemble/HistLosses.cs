using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>The loss a <see cref="HistGradientBoostingRegressor"/> minimises (scikit-learn's <c>loss</c>).</summary>
public enum HistRegressionLoss
{
    /// <summary>½(y − raw)²; gradient raw − y, hessian 1; baseline the (weighted) mean.</summary>
    SquaredError,
    /// <summary>|y − raw|; gradient sign(raw − y), hessian 1; leaves re-fitted to the median residual; baseline the median.</summary>
    AbsoluteError,
    /// <summary>Half Poisson deviance with log link: e^raw − y·raw; gradient e^raw − y, hessian e^raw; y ≥ 0, Σy &gt; 0.</summary>
    Poisson,
    /// <summary>Half gamma deviance with log link: raw + y·e^−raw; gradient 1 − y·e^−raw, hessian y·e^−raw; y &gt; 0.</summary>
    Gamma,
    /// <summary>Pinball loss at <see cref="HistGradientBoostingRegressor.Quantile"/>; leaves re-fitted to the residual quantile.</summary>
    Quantile,
}

/// <summary>When early stopping is used (scikit-learn's <c>early_stopping</c>).</summary>
public enum HistEarlyStopping
{
    /// <summary>On when the training set has more than 10 000 samples.</summary>
    Auto,
    /// <summary>Always.</summary>
    On,
    /// <summary>Never: exactly MaxIter iterations.</summary>
    Off,
}

/// <summary>
/// The losses of scikit-learn 1.2's <c>sklearn._loss</c> used by histogram gradient boosting: per-sample gradients and
/// hessians (computed in float64, stored as float32 like scikit-learn's G_H_DTYPE), the intercept-only baseline, the
/// averaged loss for early stopping and, for absolute/quantile losses, the leaf re-fit.
/// </summary>
internal sealed class HistLoss
{
    private readonly int kind; // 0 squared, 1 absolute, 2 poisson, 3 gamma, 4 quantile, 5 binomial, 6 multinomial
    private readonly double quantile;

    private HistLoss(int kind, int outputs, double quantile)
    {
        this.kind = kind;
        Outputs = outputs;
        this.quantile = quantile;
    }

    /// <summary>A regression loss.</summary>
    public static HistLoss Regression(HistRegressionLoss loss, double quantile) => new((int)loss, 1, quantile);

    /// <summary>Binary (1 output) or multinomial (one output per class) log-loss.</summary>
    public static HistLoss LogLoss(int classes) => classes <= 2 ? new(5, 1, 0) : new(6, classes, 0);

    /// <summary>Raw outputs (trees per iteration).</summary>
    public int Outputs { get; }

    /// <summary>Whether the hessian is 1 for every sample without weights (then counts replace hessian sums).</summary>
    public bool HessianIsOne => kind is 0 or 1 or 4;

    /// <summary>Whether leaf values are re-fitted to residual medians/quantiles after growing.</summary>
    public bool UpdatesLeaves => kind is 1 or 4;

    /// <summary>How raw output maps to predictions.</summary>
    public RawOutputLink Link => kind switch { 2 or 3 => RawOutputLink.Exp, 5 => RawOutputLink.Logistic, 6 => RawOutputLink.Softmax, _ => RawOutputLink.Identity };

    /// <summary>The baseline raw prediction (Outputs) of an intercept-only model.</summary>
    public double[] Baseline(double[] y, double[]? w)
    {
        const double eps = 2.220446049250313e-16;
        switch (kind)
        {
            case 0: return [Average(y, w)];
            case 1: return [w is null ? HistStats.Median(y) : HistStats.WeightedPercentile(y, w, 50)];
            case 4: return [w is null ? HistStats.Percentile(y, 100 * quantile) : HistStats.WeightedPercentile(y, w, 100 * quantile)];
            case 2 or 3: return [Math.Log(Math.Max(Average(y, w), 10 * eps))];
            case 5:
            {
                double p = Math.Clamp(Average(y, w), 10 * eps, 1 - 10 * eps);
                return [Math.Log(p / (1 - p))];
            }
            default:
            {
                var p = new double[Outputs];
                var indicator = new double[y.Length];
                for (int k = 0; k < Outputs; k++)
                {
                    for (int i = 0; i < y.Length; i++) indicator[i] = y[i] == k ? 1 : 0;
                    p[k] = Math.Clamp(Average(indicator, w), eps, 1 - eps);
                }
                double meanLog = 0;
                foreach (double v in p) meanLog += Math.Log(v);
                double gm = Math.Exp(meanLog / Outputs);
                return Array.ConvertAll(p, v => Math.Log(v / gm));
            }
        }
    }

    /// <summary>Weighted mean Σwy / Σw (plain mean without weights).</summary>
    public static double Average(double[] y, double[]? w)
    {
        double s = 0, sw = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double wi = w?[i] ?? 1;
            s += wi * y[i];
            sw += wi;
        }
        return s / sw;
    }

    /// <summary>
    /// Gradients and hessians at raw (Outputs × n, output-major) into g/h (Outputs × n); h is left untouched when
    /// <paramref name="constantHessian"/>. Parallel over fixed row blocks (each sample independent).
    /// </summary>
    public void GradientHessian(double[] y, double[] raw, double[]? w, float[][] g, float[][] h, bool constantHessian)
    {
        int n = y.Length;
        Parallel.For(0, (n + 8191) / 8192, block =>
        {
            int end = Math.Min(n, (block + 1) * 8192);
            Span<double> p = stackalloc double[Math.Max(1, Outputs)];
            for (int i = block * 8192; i < end; i++)
            {
                double wi = w?[i] ?? 1, yi = y[i];
                if (kind == 6)
                {
                    double max = double.NegativeInfinity, sum = 0;
                    for (int k = 0; k < Outputs; k++) max = Math.Max(max, raw[k * n + i]);
                    for (int k = 0; k < Outputs; k++) { p[k] = Math.Exp(raw[k * n + i] - max); sum += p[k]; }
                    for (int k = 0; k < Outputs; k++)
                    {
                        double pk = p[k] / sum;
                        g[k][i] = (float)(wi * (pk - (yi == k ? 1 : 0)));
                        h[k][i] = (float)(wi * (pk * (1 - pk)));
                    }
                    continue;
                }
                double r = raw[i], grad, hess;
                switch (kind)
                {
                    case 0: grad = r - yi; hess = 1; break;
                    case 1: grad = r > yi ? 1 : -1; hess = 1; break;
                    case 2: hess = Math.Exp(r); grad = hess - yi; break;
                    case 3: { double e = yi * Math.Exp(-r); grad = 1 - e; hess = e; break; }
                    case 4: grad = yi >= r ? -quantile : 1 - quantile; hess = 1; break;
                    default:
                    {
                        double e = Math.Exp(-r);
                        grad = ((1 - yi) - yi * e) / (1 + e);
                        hess = e / ((1 + e) * (1 + e));
                        break;
                    }
                }
                g[0][i] = (float)(wi * grad);
                if (!constantHessian) h[0][i] = (float)(wi * hess);
            }
        });
    }

    /// <summary>
    /// The (weighted) average loss at raw (Outputs × n), scikit-learn's <c>loss(y, raw, sample_weight)</c>. Per-sample
    /// terms are computed in parallel row blocks and summed in row order, so the result does not depend on threads.
    /// </summary>
    public double Loss(double[] y, double[] raw, double[]? w)
    {
        int n = y.Length;
        var terms = new double[n];
        Parallel.For(0, (n + 8191) / 8192, block =>
        {
            int end = Math.Min(n, (block + 1) * 8192);
            for (int i = block * 8192; i < end; i++) terms[i] = Term(y, raw, i, n);
        });
        double s = 0, sw = 0;
        for (int i = 0; i < n; i++)
        {
            double wi = w?[i] ?? 1;
            s += wi * terms[i];
            sw += wi;
        }
        return s / sw;
    }

    private double Term(double[] y, double[] raw, int i, int n)
    {
        double yi = y[i], r = raw[i];
        switch (kind)
        {
            case 0: return 0.5 * (r - yi) * (r - yi);
            case 1: return Math.Abs(yi - r);
            case 2: return Math.Exp(r) - yi * r;
            case 3: return r + yi * Math.Exp(-r);
            case 4: { double diff = yi - r; return diff >= 0 ? quantile * diff : (quantile - 1) * diff; }
            case 5: return Log1pExp(r) - yi * r;
            default:
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int k = 0; k < Outputs; k++) max = Math.Max(max, raw[k * n + i]);
                for (int k = 0; k < Outputs; k++) sum += Math.Exp(raw[k * n + i] - max);
                return Math.Log(sum) + max - raw[(int)yi * n + i];
            }
        }
    }

    /// <summary>log(1 + eˣ) without overflow (scikit-learn's log1pexp branches).</summary>
    private static double Log1pExp(double x) =>
        x <= -37 ? Math.Exp(x) : x <= -2 ? LogOnePlus(Math.Exp(x)) : x <= 18 ? Math.Log(1 + Math.Exp(x)) : x <= 33.3 ? x + Math.Exp(-x) : x;

    /// <summary>log(1 + x) accurate for small x (Goldberg: log(u)·x/(u − 1) with u = 1 + x).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>Leaf re-fit for absolute/quantile losses: the median/quantile of the residuals y − raw of the leaf's rows.</summary>
    public double LeafUpdate(double[] y, double[] raw, double[]? w, ReadOnlySpan<int> rows)
    {
        var r = new double[rows.Length];
        double[]? lw = w is null ? null : new double[rows.Length];
        for (int j = 0; j < rows.Length; j++)
        {
            r[j] = y[rows[j]] - raw[rows[j]];
            if (lw is not null) lw[j] = w![rows[j]];
        }
        double q = kind == 1 ? 50 : 100 * quantile;
        if (lw is not null) return HistStats.WeightedPercentile(r, lw, q);
        return kind == 1 ? HistStats.Median(r) : HistStats.Percentile(r, q);
    }
}
