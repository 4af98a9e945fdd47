using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Svm;

/// <summary>Solver settings shared by every SVM: tolerance, shrinking, cache budget (in doubles), iteration cap.</summary>
/// <remarks>SingleCache rounds cached kernel values to float32 like libsvm (tests only: it reproduces libsvm's digits).</remarks>
internal sealed record SolverOptions(double Tol, bool Shrinking, long CacheDoubles, long MaxIter, bool SingleCache = false)
{
    public static SolverOptions From(double tol, bool shrinking, double cacheSizeMb, long maxIter, bool singleCache = false) =>
        new(tol, shrinking, (long)(cacheSizeMb * 1024 * 1024 / sizeof(double)), maxIter, singleCache);
}

/// <summary>A trained one-vs-one SVC in libsvm's layout (see <see cref="SvmTraining.OneVsOne"/>).</summary>
internal sealed record OvoSolution(int[] Support, int[] NSupport, double[] Coef, double[] Rho, double[]? ProbA, double[]? ProbB, int[] Iterations, bool Converged);

/// <summary>The training procedures built on <see cref="SmoSolver"/>: binary C-SVC, one-vs-one, Platt cross-validation, ε-SVR.</summary>
internal static class SvmTraining
{
    /// <summary>
    /// Binary C-SVC on rows <paramref name="rows"/> of the data with labels y = ±1 and per-sample bounds C_i:
    /// p = −1, Q_ij = y_i y_j k_ij. Returns the signed coefficients y_i α_i and ρ.
    /// </summary>
    public static (double[] Coef, double Rho, int Iterations, bool Converged) BinarySvc(
        KernelFunction kernel, double[] data, int d, int[] rows, double[] y, double[] c, SolverOptions o)
    {
        int l = rows.Length;
        var q = new ClassificationQ(new KernelRows(kernel, data, d, rows, o.SingleCache), y, o.CacheDoubles);
        var p = new double[l];
        Array.Fill(p, -1.0);
        var r = new SmoSolver().Solve(l, q, p, y, new double[l], c, o.Tol, o.Shrinking, o.MaxIter);
        var coef = new double[l];
        for (int i = 0; i < l; i++) coef[i] = r.Alpha[i] * y[i];
        return (coef, r.Rho, r.Iterations, r.Converged);
    }

    /// <summary>k(row a, row b) of the training data (or the precomputed Gram matrix).</summary>
    private static double K(KernelFunction kernel, double[] data, int d, int a, int b) => kernel.Kind == SvmKernel.Precomputed
        ? data[(long)a * d + b]
        : kernel.Evaluate(data.AsSpan(a * d, d), data.AsSpan(b * d, d));

    /// <summary>
    /// libsvm's binary probability: decision values from 5-fold cross-validation on a seeded shuffle (a fold whose
    /// training part has one class gets ±1), then <see cref="PlattScaling.Fit"/>.
    /// </summary>
    /// <remarks>nu &gt; 0: the folds are trained as ν-SVC (c then holds the sample weights).</remarks>
    public static (double A, double B) BinaryProbability(
        KernelFunction kernel, double[] data, int d, int[] rows, double[] y, double[] c, SolverOptions o, Generator rng, double nu = 0)
    {
        const int folds = 5;
        int l = rows.Length;
        var perm = rng.Permutation(l);
        var dec = new double[l];
        for (int f = 0; f < folds; f++)
        {
            int begin = f * l / folds, end = (f + 1) * l / folds;
            var train = new List<int>(l);
            for (int j = 0; j < begin; j++) train.Add(perm[j]);
            for (int j = end; j < l; j++) train.Add(perm[j]);
            int pos = train.Count(k => y[k] > 0), neg = train.Count - pos;
            if (pos == 0 || neg == 0)
            {
                double v = pos == 0 && neg == 0 ? 0 : pos > 0 ? 1 : -1;
                for (int j = begin; j < end; j++) dec[perm[j]] = v;
                continue;
            }
            var sub = train.ToArray();
            var (coef, rho, _, _) = nu > 0
                ? NuSvmTraining.BinaryNuSvc(kernel, data, d, Array.ConvertAll(sub, k => rows[k]), Array.ConvertAll(sub, k => y[k]), Array.ConvertAll(sub, k => c[k]), nu, o)
                : BinarySvc(kernel, data, d, Array.ConvertAll(sub, k => rows[k]), Array.ConvertAll(sub, k => y[k]), Array.ConvertAll(sub, k => c[k]), o);
            for (int j = begin; j < end; j++)
            {
                int row = rows[perm[j]];
                double s = 0;
                for (int k = 0; k < sub.Length; k++)
                    if (coef[k] != 0) s += coef[k] * K(kernel, data, d, rows[sub[k]], row);
                dec[perm[j]] = s - rho;
            }
        }
        var positive = Array.ConvertAll(y, v => v > 0);
        return PlattScaling.Fit(dec, positive);
    }

    /// <summary>
    /// One-vs-one C-SVC over k classes (libsvm's <c>svm_train</c>): for each pair i &lt; j a binary problem with
    /// class i as +1. A sample is a support vector if it has a non-zero coefficient in any of its pairs. Support
    /// vectors are ordered by class, then by row. Coefficients (k − 1, nSV): those of class i's vectors in pair (i, j)
    /// go to row j − 1, those of class j's vectors to row i; ρ per pair in the order (0,1), (0,2), …, (1,2), ….
    /// </summary>
    /// <remarks>rowsByClass: the training rows of each class, ascending; c: the bound C_i of every row of the data.
    /// nu &gt; 0: solve each pair as ν-SVC (<see cref="NuSvmTraining.BinaryNuSvc"/>, c then holds the sample weights).</remarks>
    public static OvoSolution OneVsOne(KernelFunction kernel, double[] data, int d, int[][] rowsByClass, double[] c,
        SolverOptions o, bool probability, ulong seed, double nu = 0)
    {
        int k = rowsByClass.Length, pairs = k * (k - 1) / 2;
        var nonzero = new bool[k][];
        for (int m = 0; m < k; m++) nonzero[m] = new bool[rowsByClass[m].Length];
        var coefs = new double[pairs][];
        var rho = new double[pairs];
        var iterations = new int[pairs];
        double[]? probA = probability ? new double[pairs] : null, probB = probability ? new double[pairs] : null;
        var rng = new Generator(seed);
        bool converged = true;
        int pIdx = 0;
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++, pIdx++)
            {
                int ci = rowsByClass[i].Length, cj = rowsByClass[j].Length;
                var rows = new int[ci + cj];
                var y = new double[ci + cj];
                rowsByClass[i].CopyTo(rows, 0);
                rowsByClass[j].CopyTo(rows, ci);
                for (int t = 0; t < ci + cj; t++) y[t] = t < ci ? 1 : -1;
                var cs = Array.ConvertAll(rows, r => c[r]);
                if (probability) (probA![pIdx], probB![pIdx]) = BinaryProbability(kernel, data, d, rows, y, cs, o, rng, nu);
                var (coef, r0, it, conv) = nu > 0
                    ? NuSvmTraining.BinaryNuSvc(kernel, data, d, rows, y, cs, nu, o)
                    : BinarySvc(kernel, data, d, rows, y, cs, o);
                coefs[pIdx] = coef;
                rho[pIdx] = r0;
                iterations[pIdx] = it;
                converged &= conv;
                for (int t = 0; t < ci; t++) if (Math.Abs(coef[t]) > 0) nonzero[i][t] = true;
                for (int t = 0; t < cj; t++) if (Math.Abs(coef[ci + t]) > 0) nonzero[j][t] = true;
            }

        var nSupport = new int[k];
        var nzStart = new int[k];
        var support = new List<int>();
        for (int m = 0; m < k; m++)
        {
            nzStart[m] = support.Count;
            for (int t = 0; t < rowsByClass[m].Length; t++)
                if (nonzero[m][t]) support.Add(rowsByClass[m][t]);
            nSupport[m] = support.Count - nzStart[m];
        }
        int nSv = support.Count;
        var all = new double[(k - 1) * nSv];
        pIdx = 0;
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++, pIdx++)
            {
                int ci = rowsByClass[i].Length, cj = rowsByClass[j].Length;
                int col = nzStart[i];
                for (int t = 0; t < ci; t++) if (nonzero[i][t]) all[(j - 1) * nSv + col++] = coefs[pIdx][t];
                col = nzStart[j];
                for (int t = 0; t < cj; t++) if (nonzero[j][t]) all[i * nSv + col++] = coefs[pIdx][ci + t];
            }
        return new OvoSolution(support.ToArray(), nSupport, all, rho, probA, probB, iterations, converged);
    }

    /// <summary>
    /// ε-SVR (libsvm's <c>solve_epsilon_svr</c>): 2l variables (α⁺, α⁻) with p = (ε − y, ε + y), signs (+1, −1) and
    /// bounds C_i on both. Returns the coefficients α⁺ − α⁻ per row and ρ (prediction = Σ coef_i k(x_i, x) − ρ).
    /// </summary>
    public static (double[] Coef, double Rho, int Iterations, bool Converged) EpsilonSvr(
        KernelFunction kernel, double[] data, int d, int[] rows, double[] target, double[] c, double epsilon, SolverOptions o)
    {
        int l = rows.Length;
        var q = new RegressionQ(new KernelRows(kernel, data, d, rows, o.SingleCache), l, o.CacheDoubles);
        var p = new double[2 * l];
        var y = new double[2 * l];
        var c2 = new double[2 * l];
        for (int i = 0; i < l; i++)
        {
            p[i] = epsilon - target[i];
            p[i + l] = epsilon + target[i];
            y[i] = 1;
            y[i + l] = -1;
            c2[i] = c2[i + l] = c[i];
        }
        var r = new SmoSolver().Solve(2 * l, q, p, y, new double[2 * l], c2, o.Tol, o.Shrinking, o.MaxIter);
        var coef = new double[l];
        for (int i = 0; i < l; i++) coef[i] = r.Alpha[i] - r.Alpha[i + l];
        return (coef, r.Rho, r.Iterations, r.Converged);
    }
}
