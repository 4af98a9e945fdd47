using System.Numerics;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Svm;

/// <summary>How <see cref="SVCModel{T}.DecisionFunction"/> reports several classes.</summary>
public enum DecisionFunctionShape
{
    /// <summary>(n, C): one-vs-one votes plus a confidence term in (−⅓, ⅓) (scikit-learn's default).</summary>
    Ovr,
    /// <summary>(n, C(C−1)/2): the raw pairwise decision values, pair (i, j) positive for class i.</summary>
    Ovo,
}

/// <summary>
/// C-support vector classification with a kernel (scikit-learn's <c>SVC</c>, libsvm's C-SVC): for each pair of
/// classes it solves the dual
/// <code>min_α ½ αᵀQα − Σα_i  s.t. yᵀα = 0, 0 ≤ α_i ≤ C_i,  Q_ij = y_i y_j k(x_i, x_j),  C_i = C · w_class(i) · w_i</code>
/// with <see cref="SmoSolver"/> and predicts by one-vs-one voting (ties go to the lower class index).
/// </summary>
/// <remarks>
/// <para>With <paramref name="Probability"/> the fit also runs, per pair, a 5-fold cross-validation on a shuffle drawn
/// from <paramref name="Seed"/> and fits a Platt sigmoid to the held-out decision values; the model is then an
/// <see cref="SVCProbabilityModel{T}"/> whose <c>PredictProba</c> couples the pairwise probabilities (Wu, Lin &amp;
/// Weng 2004). <c>Predict</c> still votes, as in scikit-learn, so it can disagree with the arg-max of the
/// probabilities on ambiguous rows. Without it the model is a plain <see cref="SVCModel{T}"/> with no probabilities.</para>
/// <para>Capabilities: sample weights are declared only without <paramref name="Probability"/> (the cross-validation
/// folds of repeated rows differ from those of weighted rows, so weights ≠ repetitions there); with it the fit is
/// stochastic (seeded) and depends on the row order. Samples with weight 0 are dropped, as libsvm does.</para>
/// </remarks>
/// <param name="C">The penalty C &gt; 0 on margin violations.</param>
/// <param name="Kernel">The kernel (default RBF).</param>
/// <param name="Degree">The polynomial degree (≥ 0; poly only).</param>
/// <param name="Gamma">γ for poly, RBF and sigmoid (default <see cref="SvmGamma.Scale"/>).</param>
/// <param name="Coef0">The constant term of poly and sigmoid.</param>
/// <param name="Shrinking">Whether the solver shrinks the active set.</param>
/// <param name="Probability">Whether to fit Platt probabilities (5 extra fits per pair).</param>
/// <param name="Tol">The stopping tolerance on the maximal KKT violation.</param>
/// <param name="CacheSizeMb">The kernel-column cache budget in MiB (at least two columns are always kept).</param>
/// <param name="ClassWeight">Per-class multipliers of C, or null for 1.</param>
/// <param name="MaxIter">The solver step limit per binary problem, or −1 for none.</param>
/// <param name="Shape">The multiclass decision-function layout.</param>
/// <param name="Seed">The seed of the cross-validation shuffles (only with <paramref name="Probability"/>).</param>
public sealed record SVC(
    double C = 1.0, SvmKernel Kernel = SvmKernel.Rbf, int Degree = 3, SvmGamma Gamma = default, double Coef0 = 0.0,
    bool Shrinking = true, bool Probability = false, double Tol = 1e-3, double CacheSizeMb = 200,
    ClassWeights? ClassWeight = null, long MaxIter = -1, DecisionFunctionShape Shape = DecisionFunctionShape.Ovr, ulong Seed = 0) : IClassifier
{
    /// <summary>Test hook: round cached kernel values to float32 as libsvm does, to reproduce its digits.</summary>
    internal bool LibsvmSingleCache { get; init; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(C, Kernel, Degree, Coef0, Tol, CacheSizeMb, MaxIter, Shape, Probability);

    private static EstimatorCapabilities ValidateAndDescribe(double c, SvmKernel kernel, int degree, double coef0, double tol, double cache, long maxIter,
        DecisionFunctionShape shape, bool probability)
    {
        SvmCommon.Positive(nameof(SVC), nameof(C), c);
        SvmCommon.Validate(nameof(SVC), kernel, degree, coef0, tol, cache, maxIter);
        if (!Enum.IsDefined(shape)) throw new ArgumentOutOfRangeException(nameof(Shape), shape, "SVC: unknown decision function shape.");
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: !probability, Stochastic: probability, RowOrderInvariant: !probability);
    }

    /// <summary>Fits x: (n, d) — or the (n, n) Gram matrix for a precomputed kernel — to labels y (n), optional weights (n).</summary>
    /// <returns>An <see cref="SVCProbabilityModel{T}"/> when <see cref="Probability"/> is set, else an <see cref="SVCModel{T}"/>.</returns>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, a non-square precomputed
    /// kernel, a class weight naming an unknown class, or a class whose samples all have weight 0.</exception>
    public SVCModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(SVC);
        var (data, n, d, kernel) = SvmCommon.PrepareFit(name, x, Kernel, Degree, Gamma, Coef0);
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        var classW = ClassWeight?.Resolve(name, classes, codes) ?? Enumerable.Repeat(1.0, classes.Count).ToArray();
        int k = classes.Count;
        var c = new double[n];
        var byClass = new List<int>[k];
        for (int m = 0; m < k; m++) byClass[m] = [];
        for (int i = 0; i < n; i++)
        {
            double wi = w is null ? 1 : double.CreateTruncating(w[i]);
            c[i] = C * classW[codes[i]] * wi;
            if (wi > 0) byClass[codes[i]].Add(i);
        }
        for (int m = 0; m < k; m++)
            if (byClass[m].Count == 0)
                throw new ArgumentException($"{name}: every sample of class {classes.Decode([m]).Format(0)} has weight 0.", nameof(sampleWeight));
        var sol = SvmTraining.OneVsOne(kernel, data, d, byClass.Select(r => r.ToArray()).ToArray(), c,
            SolverOptions.From(Tol, Shrinking, CacheSizeMb, MaxIter, LibsvmSingleCache), Probability, Seed);

        int nSv = sol.Support.Length;
        double[]? sv = null;
        if (Kernel != SvmKernel.Precomputed)
        {
            sv = new double[nSv * d];
            for (int s = 0; s < nSv; s++) Array.Copy(data, (long)sol.Support[s] * d, sv, (long)s * d, d);
        }
        // Public layout is scikit-learn's: intercept = −ρ, and for two classes both signs flip (positive → class 1).
        bool binary = k == 2;
        var coef = binary ? Array.ConvertAll(sol.Coef, v => -v) : sol.Coef;
        var intercept = Array.ConvertAll(sol.Rho, r => binary ? r : -r);
        var state = new SvcState<T>(classes, sol.Support, sol.NSupport, sv is null ? null : SvmCommon.Cast<T>(sv, nSv, d),
            SvmCommon.Cast<T>(coef, k - 1, nSv), SvmCommon.Cast<T>(intercept, intercept.Length), kernel.Gamma, d, sol.Iterations);
        return Probability
            ? new SVCProbabilityModel<T>(this, state, SvmCommon.Cast<T>(sol.ProbA!, sol.ProbA!.Length), SvmCommon.Cast<T>(sol.ProbB!, sol.ProbB!.Length))
            : new SVCModel<T>(this, state);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>The learned state of an SVC (public layout), passed from the fit or a file to the model.</summary>
internal sealed record SvcState<T>(ClassLabels Classes, int[] Support, int[] NSupport, Tensor<T>? SupportVectors, Tensor<T> DualCoef,
    Tensor<T> Intercept, double Gamma, int FeatureCount, int[] Iterations) where T : unmanaged, IFloatingPointIeee754<T>;
