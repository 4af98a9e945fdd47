using Scratch.ML.Rng;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The penalty R(w) of the SGD estimators.</summary>
public enum SgdPenalty
{
    /// <summary>½‖w‖² (weight decay w ← (1 − η·α)·w each step).</summary>
    L2,
    /// <summary>‖w‖₁ (Tsuruoka et al.'s cumulative truncated-gradient step).</summary>
    L1,
    /// <summary>ρ‖w‖₁ + (1 − ρ)·½‖w‖² with ρ = l1Ratio.</summary>
    ElasticNet,
    /// <summary>No penalty.</summary>
    None,
}

/// <summary>The step-size schedule η(t) of the SGD estimators (t counts updates from 1).</summary>
public enum SgdLearningRate
{
    /// <summary>η = eta0.</summary>
    Constant,
    /// <summary>η = 1 / (α·(t₀ + t − 1)) with Bottou's heuristic t₀ (scikit-learn's "optimal"; needs α &gt; 0).</summary>
    Optimal,
    /// <summary>η = eta0 / t^powerT.</summary>
    InvScaling,
    /// <summary>η = eta0, divided by 5 whenever nIterNoChange epochs fail to improve the loss by tol (stops below 1e-6).</summary>
    Adaptive,
}

/// <summary>All losses, as scikit-learn's sgd_fast names them.</summary>
internal enum SgdLoss { SquaredError, Huber, EpsilonInsensitive, Hinge, LogLoss, ModifiedHuber, Perceptron }

/// <summary>One SGD run's settings (validated by the public option records).</summary>
internal sealed record SgdSettings(SgdLoss Loss, double Epsilon, SgdPenalty Penalty, double Alpha, double L1Ratio, bool FitIntercept,
    int MaxIter, double? Tol, int NIterNoChange, bool Shuffle, ulong Seed, SgdLearningRate LearningRate, double Eta0, double PowerT);

/// <summary>scikit-learn 1.2's <c>_plain_sgd</c> (dense, average = false, no early stopping), in float64.</summary>
internal static class SgdCore
{
    private const double MaxDLoss = 1e12;

    /// <summary>ℓ(p, y) for prediction p and target y (±1 for classification losses).</summary>
    public static double Loss(SgdLoss loss, double eps, double p, double y)
    {
        double z = p * y;
        switch (loss)
        {
            case SgdLoss.SquaredError: return 0.5 * (p - y) * (p - y);
            case SgdLoss.Huber: { double r = Math.Abs(p - y); return r <= eps ? 0.5 * r * r : eps * r - 0.5 * eps * eps; }
            case SgdLoss.EpsilonInsensitive: return Math.Max(0, Math.Abs(y - p) - eps);
            case SgdLoss.Hinge: return Math.Max(0, 1 - z);
            case SgdLoss.Perceptron: return Math.Max(0, -z);
            case SgdLoss.LogLoss: return z > 18 ? Math.Exp(-z) : z < -18 ? -z : Math.Log(1 + Math.Exp(-z));
            default: return z >= 1 ? 0 : z >= -1 ? (1 - z) * (1 - z) : -4 * z;
        }
    }

    /// <summary>∂ℓ/∂p.</summary>
    public static double DLoss(SgdLoss loss, double eps, double p, double y)
    {
        double z = p * y;
        switch (loss)
        {
            case SgdLoss.SquaredError: return p - y;
            case SgdLoss.Huber: { double r = p - y; return Math.Abs(r) <= eps ? r : r > 0 ? eps : -eps; }
            case SgdLoss.EpsilonInsensitive: return y - p > eps ? -1 : p - y > eps ? 1 : 0;
            case SgdLoss.Hinge: return z <= 1 ? -y : 0;
            case SgdLoss.Perceptron: return z <= 0 ? -y : 0;
            case SgdLoss.LogLoss: return z > 18 ? -y * Math.Exp(-z) : z < -18 ? -y : -y / (Math.Exp(z) + 1);
            default: return z >= 1 ? 0 : z >= -1 ? -2 * (1 - z) * y : -4 * y;
        }
    }

    /// <summary>Runs SGD on x (n, d) row-major, targets y (n); returns w (d), b and the epochs run.</summary>
    /// <exception cref="ArithmeticException">The weights became non-finite (the step size is too large for the data).</exception>
    public static (double[] W, double B, int Epochs) Fit(string name, SgdSettings s, double[] x, double[] y, int n, int d, ulong seed)
    {
        var w = new double[d];
        var q = s.Penalty is SgdPenalty.L1 or SgdPenalty.ElasticNet ? new double[d] : null;
        double b = 0, u = 0, eta = s.Eta0, t = 1, bestLoss = double.PositiveInfinity;
        double l1 = s.Penalty switch { SgdPenalty.L1 => 1.0, SgdPenalty.ElasticNet => s.L1Ratio, _ => 0.0 };
        double tol = s.Tol ?? double.NegativeInfinity;
        double optimalInit = 0;
        if (s.LearningRate == SgdLearningRate.Optimal)
        {
            double typw = Math.Sqrt(1.0 / Math.Sqrt(s.Alpha));
            double eta0 = typw / Math.Max(1.0, DLoss(s.Loss, s.Epsilon, -typw, 1.0));
            optimalInit = 1.0 / (eta0 * s.Alpha);
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = new Generator(seed);
        int noImprovement = 0, epoch = 0;
        for (; epoch < s.MaxIter; epoch++)
        {
            if (s.Shuffle)
                for (int i = n - 1; i > 0; i--)
                {
                    int j = (int)(rng.NextDouble() * (i + 1));
                    if (j > i) j = i;
                    (order[i], order[j]) = (order[j], order[i]);
                }
            double sumLoss = 0;
            for (int r = 0; r < n; r++)
            {
                int i = order[r];
                var row = x.AsSpan(i * d, d);
                double p = b;
                for (int j = 0; j < d; j++) p += w[j] * row[j];
                if (s.LearningRate == SgdLearningRate.Optimal) eta = 1.0 / (s.Alpha * (optimalInit + t - 1));
                else if (s.LearningRate == SgdLearningRate.InvScaling) eta = s.Eta0 / Math.Pow(t, s.PowerT);
                sumLoss += Loss(s.Loss, s.Epsilon, p, y[i]);
                double dl = Math.Clamp(DLoss(s.Loss, s.Epsilon, p, y[i]), -MaxDLoss, MaxDLoss);
                double update = -eta * dl;
                if (s.Penalty is SgdPenalty.L2 or SgdPenalty.ElasticNet)
                {
                    double scale = Math.Max(0, 1.0 - (1.0 - l1) * eta * s.Alpha);
                    for (int j = 0; j < d; j++) w[j] *= scale;
                }
                if (update != 0)
                {
                    for (int j = 0; j < d; j++) w[j] += update * row[j];
                    if (s.FitIntercept) b += update;
                }
                if (q is not null)
                {
                    u += l1 * eta * s.Alpha;
                    for (int j = 0; j < d; j++)
                    {
                        if (row[j] == 0) continue;                 // sklearn visits only the sample's non-zeros
                        double z = w[j];
                        if (z > 0) w[j] = Math.Max(0, z - (u + q[j]));
                        else if (z < 0) w[j] = Math.Min(0, z + (u - q[j]));
                        q[j] += w[j] - z;
                    }
                }
                t++;
            }
            if (!double.IsFinite(b) || w.Any(v => !double.IsFinite(v)))
                throw new ArithmeticException($"{name}: the weights diverged to a non-finite value in epoch {epoch + 1}; lower eta0 or alpha, or scale the features.");
            if (sumLoss > bestLoss - tol * n) noImprovement++;
            else noImprovement = 0;
            if (sumLoss < bestLoss) bestLoss = sumLoss;
            if (noImprovement >= s.NIterNoChange)
            {
                if (s.LearningRate == SgdLearningRate.Adaptive && eta > 1e-6) { eta /= 5; noImprovement = 0; }
                else { epoch++; break; }
            }
        }
        return (w, b, epoch);
    }

    /// <summary>Validates the options shared by all SGD estimators.</summary>
    public static void Validate(string name, SgdPenalty penalty, double alpha, double l1Ratio, int maxIter, double? tol, int nIterNoChange,
        SgdLearningRate learningRate, double eta0, double powerT)
    {
        if (!Enum.IsDefined(penalty)) throw new ArgumentOutOfRangeException("Penalty", penalty, $"{name}: unknown penalty.");
        if (!Enum.IsDefined(learningRate)) throw new ArgumentOutOfRangeException("LearningRate", learningRate, $"{name}: unknown learning rate.");
        if (!(alpha >= 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException("Alpha", alpha, $"{name}: alpha must be finite and ≥ 0.");
        if (learningRate == SgdLearningRate.Optimal && alpha == 0) throw new ArgumentOutOfRangeException("Alpha", alpha, $"{name}: the optimal learning rate needs alpha > 0.");
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new ArgumentOutOfRangeException("L1Ratio", l1Ratio, $"{name}: l1Ratio must be in [0, 1].");
        if (maxIter < 1) throw new ArgumentOutOfRangeException("MaxIter", maxIter, $"{name}: maxIter must be ≥ 1.");
        if (tol is { } tv && (double.IsNaN(tv) || double.IsInfinity(tv))) throw new ArgumentOutOfRangeException("Tol", tol, $"{name}: tol must be finite or null.");
        if (nIterNoChange < 1) throw new ArgumentOutOfRangeException("NIterNoChange", nIterNoChange, $"{name}: nIterNoChange must be ≥ 1.");
        if (learningRate != SgdLearningRate.Optimal && !(eta0 > 0 && double.IsFinite(eta0)))
            throw new ArgumentOutOfRangeException("Eta0", eta0, $"{name}: eta0 must be finite and > 0 for the {learningRate} learning rate.");
        if (!(powerT >= 0) || double.IsInfinity(powerT)) throw new ArgumentOutOfRangeException("PowerT", powerT, $"{name}: powerT must be finite and ≥ 0.");
    }
}
