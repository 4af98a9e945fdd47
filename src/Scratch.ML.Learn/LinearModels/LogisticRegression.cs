using System.Numerics;
using Scratch.ML.Optimization;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The penalty of <see cref="LogisticRegression"/> (values are stable: they are not reordered).</summary>
public enum LogisticPenalty
{
    /// <summary>½‖W‖² (the intercept is not penalised).</summary>
    L2,
    /// <summary>No penalty (scikit-learn's <c>penalty="none"</c>); C is ignored.</summary>
    None,
    /// <summary>‖W‖₁ (sparse coefficients); needs <see cref="LogisticSolver.Saga"/>.</summary>
    L1,
    /// <summary>ρ‖W‖₁ + (1 − ρ)/2·‖W‖² with ρ = <c>L1Ratio</c>; needs <see cref="LogisticSolver.Saga"/>.</summary>
    ElasticNet,
}

/// <summary>The solver of <see cref="LogisticRegression"/>.</summary>
public enum LogisticSolver
{
    /// <summary>L-BFGS on the smooth objective (L2 or None only); deterministic.</summary>
    Lbfgs,
    /// <summary>SAGA, a proximal variance-reduced stochastic gradient method (every penalty); seeded.</summary>
    Saga,
}

/// <summary>How <see cref="LogisticRegression"/> handles more than two classes (scikit-learn's <c>multi_class</c>).</summary>
public enum LogisticMultiClass
{
    /// <summary>Two classes: one sigmoid model; more: <see cref="Multinomial"/>.</summary>
    Auto,
    /// <summary>One softmax model over all classes (with two classes: scikit-learn's two-row softmax, see remarks).</summary>
    Multinomial,
    /// <summary>One binary model per class against the rest; probabilities are the sigmoids normalised to sum to 1.</summary>
    OneVsRest,
}

/// <summary>
/// Logistic regression (scikit-learn 1.2's <c>LogisticRegression</c> with solver lbfgs or saga) minimising
/// <c>F(W, b) = Σᵢ sᵢ·ℓ(yᵢ, W xᵢ + b) + P(W) / C</c> with P = ½‖W‖² (L2), ‖W‖₁ (L1),
/// ρ‖W‖₁ + (1 − ρ)/2·‖W‖² (ElasticNet) or 0 (None) — the minimiser of the documented <c>C·Σᵢ sᵢ·ℓ + P(W)</c>.
/// </summary>
/// <remarks>
/// <para>Two classes (Auto or OneVsRest): one coefficient row, ℓ = log(1 + e^z) − y·z with y = 1 for the second class
/// and z = w·x + b, P(second class) = σ(z). Multinomial: W is (C, d), ℓ = logsumexp(z) − z_y, P = softmax(z); with two
/// classes scikit-learn fits a two-row softmax and keeps only its second row w₁ as <c>coef_</c>, giving
/// P(second class) = softmax(−z, z)₂ = σ(2z) — reproduced here. OneVsRest with C ≥ 3 classes fits C independent
/// binary models (class c against the rest) and P(c) = σ(z_c) / Σⱼ σ(z_j).</para>
/// <para>sᵢ = sampleWeight[i] · classWeight[yᵢ]; for OneVsRest with <see cref="ClassWeights.Balanced"/> each binary
/// problem is balanced on its own two groups (as scikit-learn). The intercept b is not penalised. Start at W = 0, b = 0.
/// L-BFGS stops when the gradient's largest component is ≤ <see cref="Tol"/> (SciPy's gtol), when the relative decrease
/// of F is ≤ 2.2·10⁻⁹ (SciPy's default ftol), or after <see cref="MaxIter"/> iterations. SAGA (see the docs page)
/// stops when an epoch changes the parameters by at most Tol relative to their largest magnitude, or after MaxIter
/// epochs. Computed in float64.</para>
/// <para>Penalty and solver combinations are checked as scikit-learn checks them: L1 and ElasticNet need Saga;
/// ElasticNet needs <see cref="L1Ratio"/> in [0, 1]; L1Ratio with another penalty is rejected (scikit-learn only
/// warns that it is unused).</para>
/// </remarks>
/// <param name="Penalty">L2, None, L1 or ElasticNet.</param>
/// <param name="C">Inverse regularisation strength (&gt; 0, finite; ignored for <see cref="LogisticPenalty.None"/>).</param>
/// <param name="FitIntercept">Whether to fit the (unpenalised) intercept b.</param>
/// <param name="Tol">Stopping tolerance (≥ 0): the gradient for L-BFGS, the relative epoch change for SAGA.</param>
/// <param name="MaxIter">Maximum L-BFGS iterations or SAGA epochs (≥ 1).</param>
/// <param name="ClassWeight">Per-class weights, <see cref="ClassWeights.Balanced"/>, or null for all ones.</param>
/// <param name="Solver">Lbfgs (default) or Saga.</param>
/// <param name="L1Ratio">ρ ∈ [0, 1] for ElasticNet (required there, rejected otherwise).</param>
/// <param name="MultiClass">Auto, Multinomial or OneVsRest.</param>
/// <param name="Seed">The seed of SAGA's sampling (unused by L-BFGS).</param>
public sealed record LogisticRegression(LogisticPenalty Penalty = LogisticPenalty.L2, double C = 1.0, bool FitIntercept = true,
    double Tol = 1e-4, int MaxIter = 100, ClassWeights? ClassWeight = null, LogisticSolver Solver = LogisticSolver.Lbfgs,
    double? L1Ratio = null, LogisticMultiClass MultiClass = LogisticMultiClass.Auto, ulong Seed = 0) : IClassifier
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Penalty, C, Tol, MaxIter, Solver, L1Ratio, MultiClass);

    private static EstimatorCapabilities ValidateAndDescribe(LogisticPenalty penalty, double c, double tol, int maxIter,
        LogisticSolver solver, double? l1Ratio, LogisticMultiClass multiClass)
    {
        if (!Enum.IsDefined(penalty))
            throw new ArgumentOutOfRangeException(nameof(Penalty), penalty, "LogisticRegression: penalty must be L2, None, L1 or ElasticNet.");
        if (!Enum.IsDefined(solver))
            throw new ArgumentOutOfRangeException(nameof(Solver), solver, "LogisticRegression: solver must be Lbfgs or Saga.");
        if (!Enum.IsDefined(multiClass))
            throw new ArgumentOutOfRangeException(nameof(MultiClass), multiClass, "LogisticRegression: multiClass must be Auto, Multinomial or OneVsRest.");
        if (!(c > 0) || double.IsInfinity(c))
            throw new ArgumentOutOfRangeException(nameof(C), c, "LogisticRegression: C must be finite and > 0.");
        if (!(tol >= 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(Tol), tol, "LogisticRegression: tol must be finite and ≥ 0.");
        if (maxIter < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxIter), maxIter, "LogisticRegression: maxIter must be ≥ 1.");
        if (solver == LogisticSolver.Lbfgs && penalty is not (LogisticPenalty.L2 or LogisticPenalty.None))
            throw new ArgumentException($"LogisticRegression: solver Lbfgs supports only L2 or None penalties, got {penalty} penalty; use Solver = Saga.", nameof(Penalty));
        if (penalty == LogisticPenalty.ElasticNet && !(l1Ratio is { } r && r >= 0 && r <= 1))
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), l1Ratio, $"LogisticRegression: l1Ratio must be between 0 and 1 for the ElasticNet penalty; got {(l1Ratio is null ? "null" : l1Ratio)}.");
        if (penalty != LogisticPenalty.ElasticNet && l1Ratio is not null)
            throw new ArgumentException($"LogisticRegression: l1Ratio is only used with the ElasticNet penalty, got penalty {penalty} and l1Ratio {l1Ratio}; leave it null.", nameof(L1Ratio));
        bool saga = solver == LogisticSolver.Saga;
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: true, Stochastic: saga, RowOrderInvariant: !saga);
    }

    /// <summary>Fits x: (n, d) to labels y (n) with optional non-negative weights (n).</summary>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, a class weight naming an
    /// unknown class, or all effective weights zero.</exception>
    public LogisticRegressionModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(LogisticRegression);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        // Contiguous float64 input on the CPU is read in place (the solvers only read it); anything else is converted.
        double[] data;
        int x0 = 0;
        if ((object)xs.Storage is CpuStorage<double> cpu) (data, x0) = (cpu.Array, xs.Offset);
        else
        {
            data = new double[n * d];
            var span = xs.AsSpan();
            for (int i = 0; i < data.Length; i++) data[i] = double.CreateTruncating(span[i]);
        }
        var baseW = new double[n];
        for (int i = 0; i < n; i++) baseW[i] = w is null ? 1.0 : double.CreateTruncating(w[i]);
        int nc = classes.Count;
        bool ovr = MultiClass == LogisticMultiClass.OneVsRest || (MultiClass == LogisticMultiClass.Auto && nc == 2);
        var generator = new Generator(Seed);
        if (!ovr)
        {
            var s = Weighted(baseW, codes, ClassWeight?.Resolve(name, classes, codes));
            var r = Solve(data, x0, n, d, codes, nc, s, generator);
            // Two classes, multinomial: keep the second softmax row, as scikit-learn does.
            int keep = nc == 2 ? 1 : nc, first = nc == 2 ? 1 : 0;
            var coef = r.Coef.AsSpan(first * d, keep * d).ToArray();
            var b = r.Intercept.AsSpan(first, keep).ToArray();
            return new LogisticRegressionModel<T>(this, classes, Cast<T>(coef, keep, d), Cast<T>(b, keep), r.Epochs, r.Converged);
        }
        int rows = nc == 2 ? 1 : nc;
        var allCoef = new double[rows * d];
        var allB = new double[rows];
        int iterations = 0;
        bool converged = true;
        var dictWeights = ClassWeight is { IsBalanced: false } ? ClassWeight.Resolve(name, classes, codes) : null;
        for (int c = 0; c < rows; c++)
        {
            int positive = nc == 2 ? 1 : c;
            var binary = new int[n];
            for (int i = 0; i < n; i++) binary[i] = codes[i] == positive ? 1 : 0;
            double[]? cw = dictWeights;
            int[] weightCodes = codes;
            if (ClassWeight is { IsBalanced: true })
            {
                // "balanced" on the two groups of this binary problem (scikit-learn's ovr branch).
                int pos = binary.Count(v => v == 1);
                cw = [n / (2.0 * (n - pos)), n / (2.0 * pos)];
                weightCodes = binary;
            }
            var s = Weighted(baseW, weightCodes, cw);
            var r = Solve(data, x0, n, d, binary, 1, s, generator);
            Array.Copy(r.Coef, 0, allCoef, c * d, d);
            allB[c] = r.Intercept[0];
            iterations = Math.Max(iterations, r.Epochs);
            converged &= r.Converged;
        }
        return new LogisticRegressionModel<T>(this, classes, Cast<T>(allCoef, rows, d), Cast<T>(allB, rows), iterations, converged);
    }

    private static double[] Weighted(double[] baseW, int[] codes, double[]? classW)
    {
        var s = new double[baseW.Length];
        double total = 0;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = baseW[i] * (classW is null ? 1.0 : classW[codes[i]]);
            total += s[i];
        }
        if (total == 0) throw new ArgumentException($"{nameof(LogisticRegression)}: sample weights times class weights sum to zero.", "sampleWeight");
        return s;
    }

    /// <summary>One problem: binary (classes = 2 → one sigmoid row; codes 0/1) or softmax over <paramref name="classes"/>
    /// rows (classes ≥ 2 when called for Multinomial).</summary>
    private LogisticSaga.Result Solve(double[] data, int x0, int n, int d, int[] codes, int classes, double[] s, Generator generator)
    {
        // classes = 1 marks a binary sigmoid problem here; classes ≥ 2 a softmax with that many rows.
        int k = classes;
        double inverseC = Penalty == LogisticPenalty.None ? 0 : 1.0 / C;
        double rho = Penalty switch { LogisticPenalty.L1 => 1, LogisticPenalty.ElasticNet => L1Ratio!.Value, _ => 0 };
        if (Solver == LogisticSolver.Saga)
            return LogisticSaga.Solve(data, x0, n, d, codes, k, s, FitIntercept, (1 - rho) * inverseC, rho * inverseC, Tol, MaxIter, generator);
        var objective = new LogisticObjective(data, codes, s, n, d, k, FitIntercept, inverseC, x0);
        var options = new LbfgsOptions { GradientTolerance = Tol, MaxIterations = MaxIter, MaxFunctionEvaluations = Math.Max(15000, 2 * MaxIter) };
        var result = Lbfgs.Minimize(objective, new double[objective.Size], options);
        var coef = new double[k * d];
        Array.Copy(result.X, coef, k * d);
        var intercept = new double[k];
        if (FitIntercept) Array.Copy(result.X, k * d, intercept, 0, k);
        return new LogisticSaga.Result(coef, intercept, result.Iterations, result.Converged);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);

    internal static Tensor<T> Cast<T>(double[] v, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }
}
