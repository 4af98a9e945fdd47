namespace Scratch.ML.Learn.Svm;

/// <summary>The ν-SVM training procedures (libsvm's <c>solve_nu_svc</c> and <c>solve_nu_svr</c>) on the ν variant of <see cref="SmoSolver"/>.</summary>
internal static class NuSvmTraining
{
    /// <summary>
    /// Binary ν-SVC (Schölkopf et al. 2000, scaled as in libsvm): solves
    /// <code>min_α ½ αᵀQα  s.t. yᵀα = 0, eᵀα = ν Σw_i, 0 ≤ α_i ≤ w_i,  Q_ij = y_i y_j k_ij</code>
    /// from libsvm's start (α filled greedily up to ν Σw / 2 per label, in row order), then rescales by the learned
    /// r: coefficients y_i α_i / r and ρ / r, so the decision function is that of a C-SVC with C = 1/r.
    /// </summary>
    /// <remarks>w: the sample weights of the rows (scikit-learn's libsvm: the per-sample upper bound; class weights do not enter).</remarks>
    public static (double[] Coef, double Rho, int Iterations, bool Converged) BinaryNuSvc(
        KernelFunction kernel, double[] data, int d, int[] rows, double[] y, double[] w, double nu, SolverOptions o)
    {
        int l = rows.Length;
        var q = new ClassificationQ(new KernelRows(kernel, data, d, rows, o.SingleCache), y, o.CacheDoubles);
        double nuL = 0;
        for (int i = 0; i < l; i++) nuL += nu * w[i];
        double sumPos = nuL / 2, sumNeg = nuL / 2;
        var alpha = new double[l];
        for (int i = 0; i < l; i++)
        {
            if (y[i] == 1) { alpha[i] = Math.Min(w[i], sumPos); sumPos -= alpha[i]; }
            else { alpha[i] = Math.Min(w[i], sumNeg); sumNeg -= alpha[i]; }
        }
        var r = new SmoSolver().Solve(l, q, new double[l], y, alpha, w, o.Tol, o.Shrinking, o.MaxIter, nu: true);
        var coef = new double[l];
        for (int i = 0; i < l; i++) coef[i] = r.Alpha[i] * y[i] / r.R;
        return (coef, r.Rho / r.R, r.Iterations, r.Converged);
    }

    /// <summary>
    /// ν-SVR (libsvm's <c>solve_nu_svr</c>): 2l variables (α⁺, α⁻) with p = (−y, y), signs (+1, −1), bounds C_i on both
    /// and the extra constraint Σ(α⁺_i + α⁻_i) = ν ΣC_i; the tube width ε = −r is learned. Returns α⁺ − α⁻ per row,
    /// ρ (prediction = Σ coef_i k(x_i, x) − ρ) and ε.
    /// </summary>
    public static (double[] Coef, double Rho, double Epsilon, int Iterations, bool Converged) NuSvr(
        KernelFunction kernel, double[] data, int d, int[] rows, double[] target, double[] c, double nu, SolverOptions o)
    {
        int l = rows.Length;
        var q = new RegressionQ(new KernelRows(kernel, data, d, rows, o.SingleCache), l, o.CacheDoubles);
        var p = new double[2 * l];
        var y = new double[2 * l];
        var c2 = new double[2 * l];
        var alpha = new double[2 * l];
        double sum = 0;
        for (int i = 0; i < l; i++)
        {
            c2[i] = c2[i + l] = c[i];
            sum += c[i] * nu;
        }
        sum /= 2;
        for (int i = 0; i < l; i++)
        {
            alpha[i] = alpha[i + l] = Math.Min(sum, c[i]);
            sum -= alpha[i];
            p[i] = -target[i];
            y[i] = 1;
            p[i + l] = target[i];
            y[i + l] = -1;
        }
        var r = new SmoSolver().Solve(2 * l, q, p, y, alpha, c2, o.Tol, o.Shrinking, o.MaxIter, nu: true);
        var coef = new double[l];
        for (int i = 0; i < l; i++) coef[i] = r.Alpha[i] - r.Alpha[i + l];
        return (coef, r.Rho, -r.R, r.Iterations, r.Converged);
    }

    /// <summary>
    /// libsvm's feasibility test for ν-SVC: for every pair of classes with total weights n₁, n₂ it needs
    /// ν (n₁ + n₂)/2 ≤ min(n₁, n₂).
    /// </summary>
    /// <exception cref="ArgumentException">"specified nu is infeasible" (scikit-learn's message) for some pair.</exception>
    public static void CheckFeasible(string name, double nu, double[] classTotals)
    {
        for (int i = 0; i < classTotals.Length; i++)
            for (int j = i + 1; j < classTotals.Length; j++)
                if (nu * (classTotals[i] + classTotals[j]) / 2 > Math.Min(classTotals[i], classTotals[j]))
                    throw new ArgumentException(
                        $"{name}: specified nu is infeasible (Nu = {SvmCommon.Num(nu)} needs Nu·(n_{i} + n_{j})/2 ≤ min(n_{i}, n_{j}) for classes {i} and {j} " +
                        $"with weight totals {SvmCommon.Num(classTotals[i])} and {SvmCommon.Num(classTotals[j])}).", "Nu");
    }
}
