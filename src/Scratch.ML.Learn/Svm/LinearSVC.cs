using System.Numerics;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Svm;

/// <summary>The loss of <see cref="LinearSVC"/> for t = y·(w·x + b), y ∈ {−1, +1}.</summary>
public enum LinearSvcLoss
{
    /// <summary>max(0, 1 − t)² (scikit-learn's default <c>"squared_hinge"</c>; liblinear's L2-loss SVM).</summary>
    SquaredHinge,
    /// <summary>max(0, 1 − t) (<c>"hinge"</c>; liblinear's L1-loss SVM, the standard soft-margin SVM).</summary>
    Hinge,
}

/// <summary>The penalty of <see cref="LinearSVC"/> on ŵ = (w, w_b).</summary>
public enum LinearSvcPenalty
{
    /// <summary>½‖ŵ‖² (scikit-learn's default <c>"l2"</c>), solved in the dual.</summary>
    L2,
    /// <summary>‖ŵ‖₁ (<c>"l1"</c>, sparse coefficients; squared hinge only, solved in the primal as scikit-learn's <c>dual=False</c>).</summary>
    L1,
}

/// <summary>How <see cref="LinearSVC"/> handles more than two classes.</summary>
public enum LinearSvcMultiClass
{
    /// <summary>One binary problem per class, class k against the rest (<c>"ovr"</c>, the default); two classes fit one problem.</summary>
    OneVsRest,
    /// <summary>
    /// One joint problem (Crammer and Singer 2001, <c>"crammer_singer"</c>): <c>½Σₘ‖ŵₘ‖² + Σᵢ Cᵢ maxₘ(eᵢᵐ + ŵₘ·x̂ᵢ − ŵ_yᵢ·x̂ᵢ)</c>
    /// with eᵢᵐ = [m ≠ yᵢ]; <see cref="LinearSVC.Penalty"/> and <see cref="LinearSVC.Loss"/> are ignored, as in scikit-learn.
    /// Coef is (K, d); for two classes it is the single row ŵ₁ − ŵ₀ (and b₁ − b₀), as scikit-learn reports it.
    /// </summary>
    CrammerSinger,
}

/// <summary>
/// Linear support vector classification, scikit-learn 1.2's <c>LinearSVC(penalty="l2", dual=True,
/// multi_class="ovr")</c>: liblinear's L2-regularised L1/L2-loss SVM solved by dual coordinate descent (Hsieh et al.
/// 2008). Per binary problem it minimises <c>½‖ŵ‖² + Σᵢ Cᵢ·ξ(yᵢ·ŵ·x̂ᵢ)</c> with x̂ᵢ = (xᵢ, s), ŵ = (w, w_b), and
/// reports the intercept b = s·w_b (s = <see cref="InterceptScaling"/>). With <see cref="LinearSvcPenalty.L1"/> it is
/// <c>LinearSVC(penalty="l1", loss="squared_hinge", dual=False)</c>: ‖ŵ‖₁ instead of ½‖ŵ‖², by primal coordinate descent.
/// </summary>
/// <remarks>
/// <para>The intercept is liblinear's: a constant feature s is appended and its weight is penalised like any other, so
/// the intercept is shrunk towards 0 (less so for larger s). Without <see cref="FitIntercept"/>, b = 0.</para>
/// <para>Cᵢ = C · sampleWeight[i] · classWeight: two classes fit one problem (target +1 for the second sorted class,
/// each sample weighted by its own class weight); three or more fit one-vs-rest problems, and in the problem of class
/// k — as in liblinear — only the positives (class k) carry the class weight of k, the negatives plain C·sampleWeight.</para>
/// <para>Each epoch visits the variables in an order drawn from a <see cref="Generator"/> seeded with <see cref="Seed"/>
/// (one generator per fit, classes solved in order). The optimum is unique, so the order only matters up to the
/// tolerance. Computed in float64.</para>
/// </remarks>
/// <param name="Penalty">L2 (default; dual coordinate descent) or L1 (primal coordinate descent, squared hinge only: liblinear's
/// L1R_L2LOSS_SVC, minimising ‖ŵ‖₁ + Σ Cᵢ max(0, 1 − yᵢŵ·x̂ᵢ)²; as there, <see cref="Tol"/> is scaled by max(min(#pos, #neg), 1)/n
/// and applies to the summed optimality violation relative to its first-epoch value).</param>
/// <param name="Loss">Squared hinge (default) or hinge.</param>
/// <param name="C">Inverse regularisation strength (&gt; 0, finite).</param>
/// <param name="Tol">Stopping tolerance: the spread max − min of the projected dual gradients (&gt; 0).</param>
/// <param name="MaxIter">Maximum epochs per binary problem (≥ 1).</param>
/// <param name="FitIntercept">Whether to append the constant feature (liblinear's bias).</param>
/// <param name="InterceptScaling">The value s of the constant feature (&gt; 0).</param>
/// <param name="ClassWeight">Per-class weights, <see cref="ClassWeights.Balanced"/>, or null for all ones.</param>
/// <param name="Seed">Seed of the permutation generator.</param>
/// <param name="Shrinking">Whether to shrink variables at a bound (faster; same optimum).</param>
/// <param name="MultiClass">One-vs-rest (default) or Crammer–Singer (then Tol bounds the largest per-sample gradient spread).</param>
public sealed record LinearSVC(LinearSvcPenalty Penalty = LinearSvcPenalty.L2, LinearSvcLoss Loss = LinearSvcLoss.SquaredHinge, double C = 1.0, double Tol = 1e-4, int MaxIter = 1000,
    bool FitIntercept = true, double InterceptScaling = 1.0, ClassWeights? ClassWeight = null, ulong Seed = 0, bool Shrinking = true,
    LinearSvcMultiClass MultiClass = LinearSvcMultiClass.OneVsRest) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Penalty, Loss, C, Tol, MaxIter, InterceptScaling, MultiClass);

    private static EstimatorCapabilities ValidateAndDescribe(LinearSvcPenalty penalty, LinearSvcLoss loss, double c, double tol, int maxIter, double scaling,
        LinearSvcMultiClass multiClass)
    {
        const string name = nameof(LinearSVC);
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(Loss), loss, $"{name}: loss must be SquaredHinge or Hinge.");
        if (!Enum.IsDefined(penalty)) throw new ArgumentOutOfRangeException(nameof(Penalty), penalty, $"{name}: penalty must be L2 or L1.");
        if (!Enum.IsDefined(multiClass)) throw new ArgumentOutOfRangeException(nameof(MultiClass), multiClass, $"{name}: multiClass must be OneVsRest or CrammerSinger.");
        if (multiClass == LinearSvcMultiClass.OneVsRest && penalty == LinearSvcPenalty.L1 && loss == LinearSvcLoss.Hinge)
            throw new ArgumentException($"{name}: penalty L1 needs loss SquaredHinge (L1 with the hinge loss is not supported, as in scikit-learn).", nameof(Loss));
        Check(name, c, tol, maxIter, scaling);
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true, Stochastic: true, RowOrderInvariant: false);
    }

    internal static void Check(string name, double c, double tol, int maxIter, double scaling)
    {
        if (!(c > 0) || double.IsInfinity(c)) throw new ArgumentOutOfRangeException(nameof(C), c, $"{name}: C must be finite and > 0.");
        if (!(tol > 0) || double.IsInfinity(tol)) throw new ArgumentOutOfRangeException(nameof(Tol), tol, $"{name}: tol must be finite and > 0.");
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, $"{name}: maxIter must be ≥ 1.");
        if (!(scaling > 0) || double.IsInfinity(scaling))
            throw new ArgumentOutOfRangeException(nameof(InterceptScaling), scaling, $"{name}: interceptScaling must be finite and > 0.");
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional non-negative weights (n).</summary>
    /// <returns>Coef (1, d) for two classes, (C, d) otherwise; Intercept (1) or (C).</returns>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, a class weight naming an
    /// unknown class, or all effective weights zero.</exception>
    public LinearSVCModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(LinearSVC);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var sw = InputChecks.Weights(name, sampleWeight, n);
        var cw = ClassWeight?.Resolve(name, classes, codes) ?? Enumerable.Repeat(1.0, classes.Count).ToArray();
        var data = LinearData.ToDouble(xs.AsSpan());
        var baseC = new double[n];
        for (int i = 0; i < n; i++) baseC[i] = C * (sw is null ? 1.0 : double.CreateTruncating(sw[i]));
        if (MultiClass == LinearSvcMultiClass.CrammerSinger) return FitCrammerSinger<T>(data, n, d, classes, codes, baseC, cw);
        int k = classes.Count == 2 ? 1 : classes.Count;
        var coef = new double[k * d];
        var intercept = new double[k];
        var target = new sbyte[n];
        var ci = new double[n];
        var rng = new Generator(Seed);
        int iterations = 0;
        bool converged = true;
        for (int j = 0; j < k; j++)
        {
            int positive = k == 1 ? 1 : j;
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                bool pos = codes[i] == positive;
                target[i] = pos ? (sbyte)1 : (sbyte)-1;
                ci[i] = baseC[i] * (k == 1 ? cw[codes[i]] : pos ? cw[positive] : 1.0);
                total += ci[i];
            }
            if (total == 0) throw new ArgumentException($"{name}: sample weights times class weights are all zero.", nameof(sampleWeight));
            double bias = FitIntercept ? InterceptScaling : -1;
            LinearDualCoordinateDescent.Solution s;
            if (Penalty == LinearSvcPenalty.L2)
                s = LinearDualCoordinateDescent.Classify(data, n, d, bias, target, ci, Loss == LinearSvcLoss.SquaredHinge, Tol, MaxIter, rng, Shrinking, out _);
            else
            {
                int pos = 0;
                foreach (var t in target) if (t > 0) pos++;
                double primalTol = Tol * Math.Max(Math.Min(pos, n - pos), 1) / n;
                s = LinearPrimalCoordinateDescent.L1SquaredHinge(data, n, d, bias, target, ci, primalTol, MaxIter, rng, Shrinking);
            }
            Array.Copy(s.W, 0, coef, j * d, d);
            intercept[j] = FitIntercept ? InterceptScaling * s.W[d] : 0;
            iterations = Math.Max(iterations, s.Iterations);
            converged &= s.Converged;
        }
        return new LinearSVCModel<T>(this, classes, LinearData.ToTensor<T>(coef, k, d), LinearData.ToTensor<T>(intercept, k), iterations, converged);
    }

    private LinearSVCModel<T> FitCrammerSinger<T>(double[] data, int n, int d, ClassLabels classes, int[] codes, double[] baseC, double[] cw)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = classes.Count;
        var ci = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) total += ci[i] = baseC[i] * cw[codes[i]];
        if (total == 0) throw new ArgumentException($"{nameof(LinearSVC)}: sample weights times class weights are all zero.", "sampleWeight");
        var s = LinearCrammerSinger.Solve(data, n, d, FitIntercept ? InterceptScaling : -1, codes, k, ci, Tol, MaxIter, new Generator(Seed), Shrinking);
        int m = FitIntercept ? d + 1 : d;
        var coef = new double[k * d];
        var intercept = new double[k];
        for (int q = 0; q < k; q++)
        {
            Array.Copy(s.W, q * m, coef, q * d, d);
            intercept[q] = FitIntercept ? InterceptScaling * s.W[q * m + d] : 0;
        }
        if (k == 2)
        {
            // Two classes: one row, the score difference z₁ − z₀ (positive favours the second class), as scikit-learn reports it.
            var diff = new double[d];
            for (int j = 0; j < d; j++) diff[j] = coef[d + j] - coef[j];
            return new LinearSVCModel<T>(this, classes, LinearData.ToTensor<T>(diff, 1, d), LinearData.ToTensor<T>([intercept[1] - intercept[0]], 1), s.Iterations, s.Converged);
        }
        return new LinearSVCModel<T>(this, classes, LinearData.ToTensor<T>(coef, k, d), LinearData.ToTensor<T>(intercept, k), s.Iterations, s.Converged);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
