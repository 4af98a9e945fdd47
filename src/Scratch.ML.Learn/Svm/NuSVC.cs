using System.Numerics;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// ν-support vector classification with a kernel (scikit-learn's <c>NuSVC</c>, libsvm's ν-SVC): for each pair of
/// classes it solves
/// <code>min_α ½ αᵀQα  s.t. yᵀα = 0, eᵀα = ν Σw_i, 0 ≤ α_i ≤ w_i,  Q_ij = y_i y_j k(x_i, x_j)</code>
/// with the ν variant of <see cref="SmoSolver"/> (two equality constraints, working pairs within one label), then
/// rescales by the learned r (coefficients y_i α_i / r, ρ / r) and predicts by one-vs-one voting exactly as
/// <see cref="SVC"/>. ν ∈ (0, 1] is an upper bound on the fraction of margin errors and a lower bound on the fraction
/// of support vectors.
/// </summary>
/// <remarks>
/// <para>With <paramref name="Probability"/> the fit also runs, per pair, a 5-fold cross-validation of ν-SVC on a shuffle
/// drawn from <paramref name="Seed"/> and fits a Platt sigmoid, exactly as <see cref="SVC"/> does; the model is then a
/// <see cref="NuSVCProbabilityModel{T}"/>. Sample weights are then not declared (folds of repeated rows differ from those
/// of weighted rows) and the fit is stochastic (seeded).</para>
/// <para>Sample weights scale the per-sample bounds w_i (samples with weight 0 are dropped). <paramref name="ClassWeight"/>
/// is validated and stored but, exactly as in scikit-learn 1.2 (libsvm's ν-SVC ignores the weighted C), it does not
/// change the fit.</para>
/// </remarks>
/// <param name="Nu">ν ∈ (0, 1].</param>
/// <param name="Kernel">The kernel (default RBF).</param>
/// <param name="Degree">The polynomial degree (≥ 0; poly only).</param>
/// <param name="Gamma">γ for poly, RBF and sigmoid (default <see cref="SvmGamma.Scale"/>).</param>
/// <param name="Coef0">The constant term of poly and sigmoid.</param>
/// <param name="Shrinking">Whether the solver shrinks the active set.</param>
/// <param name="Tol">The stopping tolerance on the maximal KKT violation.</param>
/// <param name="CacheSizeMb">The kernel-column cache budget in MiB.</param>
/// <param name="ClassWeight">Accepted for scikit-learn compatibility; no effect on ν-SVC (see remarks).</param>
/// <param name="MaxIter">The solver step limit per binary problem, or −1 for none.</param>
/// <param name="Shape">The multiclass decision-function layout.</param>
/// <param name="Probability">Whether to fit Platt probabilities (5 extra fits per pair).</param>
/// <param name="Seed">The seed of the cross-validation shuffles (only with <paramref name="Probability"/>).</param>
public sealed record NuSVC(
    double Nu = 0.5, SvmKernel Kernel = SvmKernel.Rbf, int Degree = 3, SvmGamma Gamma = default, double Coef0 = 0.0,
    bool Shrinking = true, double Tol = 1e-3, double CacheSizeMb = 200, ClassWeights? ClassWeight = null, long MaxIter = -1,
    DecisionFunctionShape Shape = DecisionFunctionShape.Ovr, bool Probability = false, ulong Seed = 0) : IClassifier
{
    /// <summary>Test hook: round cached kernel values to float32 as libsvm does, to reproduce its digits.</summary>
    internal bool LibsvmSingleCache { get; init; }

    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Nu, Kernel, Degree, Coef0, Tol, CacheSizeMb, MaxIter, Shape, Probability);

    private static EstimatorCapabilities ValidateAndDescribe(double nu, SvmKernel kernel, int degree, double coef0, double tol, double cache, long maxIter,
        DecisionFunctionShape shape, bool probability)
    {
        if (!(nu > 0 && nu <= 1)) throw new ArgumentOutOfRangeException(nameof(Nu), nu, "NuSVC: Nu must be in (0, 1].");
        SvmCommon.Validate(nameof(NuSVC), kernel, degree, coef0, tol, cache, maxIter);
        if (!Enum.IsDefined(shape)) throw new ArgumentOutOfRangeException(nameof(Shape), shape, "NuSVC: unknown decision function shape.");
        return new(EstimatorKind.Classifier, Supervised: true, SupportsSampleWeight: !probability, Stochastic: probability, RowOrderInvariant: !probability);
    }

    /// <summary>Fits x: (n, d) — or the (n, n) Gram matrix for a precomputed kernel — to labels y (n), optional weights (n).</summary>
    /// <returns>A <see cref="NuSVCProbabilityModel{T}"/> when <see cref="Probability"/> is set, else a <see cref="NuSVCModel{T}"/>.</returns>
    /// <exception cref="ArgumentException">Invalid shapes or values, fewer than two classes, a non-square precomputed
    /// kernel, a class weight naming an unknown class, a class whose samples all have weight 0, or an infeasible ν
    /// ("specified nu is infeasible": some pair of classes has ν (n₁ + n₂)/2 &gt; min(n₁, n₂), n = weight totals).</exception>
    public NuSVCModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(NuSVC);
        var (data, n, d, kernel) = SvmCommon.PrepareFit(name, x, Kernel, Degree, Gamma, Coef0);
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        var w = InputChecks.Weights(name, sampleWeight, n);
        _ = ClassWeight?.Resolve(name, classes, codes);   // validated only (no effect, as in libsvm's ν-SVC)
        int k = classes.Count;
        var c = new double[n];
        var totals = new double[k];
        var byClass = new List<int>[k];
        for (int m = 0; m < k; m++) byClass[m] = [];
        for (int i = 0; i < n; i++)
        {
            double wi = w is null ? 1 : double.CreateTruncating(w[i]);
            c[i] = wi;
            totals[codes[i]] += wi;
            if (wi > 0) byClass[codes[i]].Add(i);
        }
        for (int m = 0; m < k; m++)
            if (byClass[m].Count == 0)
                throw new ArgumentException($"{name}: every sample of class {classes.Decode([m]).Format(0)} has weight 0.", nameof(sampleWeight));
        NuSvmTraining.CheckFeasible(name, Nu, totals);
        var sol = SvmTraining.OneVsOne(kernel, data, d, byClass.Select(r => r.ToArray()).ToArray(), c,
            SolverOptions.From(Tol, Shrinking, CacheSizeMb, MaxIter, LibsvmSingleCache), Probability, Seed, nu: Nu);

        int nSv = sol.Support.Length;
        double[]? sv = null;
        if (Kernel != SvmKernel.Precomputed)
        {
            sv = new double[nSv * d];
            for (int s = 0; s < nSv; s++) Array.Copy(data, (long)sol.Support[s] * d, sv, (long)s * d, d);
        }
        // scikit-learn's public layout, as for SVC: intercept = −ρ, and for two classes both signs flip.
        bool binary = k == 2;
        var coef = binary ? Array.ConvertAll(sol.Coef, v => -v) : sol.Coef;
        var intercept = Array.ConvertAll(sol.Rho, r => binary ? r : -r);
        var state = new SvcState<T>(classes, sol.Support, sol.NSupport, sv is null ? null : SvmCommon.Cast<T>(sv, nSv, d),
            SvmCommon.Cast<T>(coef, k - 1, nSv), SvmCommon.Cast<T>(intercept, intercept.Length), kernel.Gamma, d, sol.Iterations);
        return Probability
            ? new NuSVCProbabilityModel<T>(this, state, SvmCommon.Cast<T>(sol.ProbA!, sol.ProbA!.Length), SvmCommon.Cast<T>(sol.ProbB!, sol.ProbB!.Length))
            : new NuSVCModel<T>(this, state);
    }

    IClassificationModel<T> IClassifier.Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}
