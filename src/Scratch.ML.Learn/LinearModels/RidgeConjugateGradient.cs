namespace Scratch.ML.Learn.LinearModels;

/// <summary>The solvers of <see cref="Ridge"/>.</summary>
public enum RidgeSolver
{
    /// <summary>Closed form: Cholesky of x̃ᵀx̃ + αI (d ≤ n) or of the dual x̃x̃ᵀ + αI (scikit-learn's <c>cholesky</c>, which its <c>auto</c> picks for dense input).</summary>
    Cholesky,

    /// <summary>
    /// Iterative: conjugate gradients on (x̃ᵀx̃ + αI)w = x̃ᵀỹ using only products with x̃ and x̃ᵀ, never forming the d × d
    /// matrix (scikit-learn's <c>sparse_cg</c>); stops when ‖residual‖ ≤ Tol·‖x̃ᵀỹ‖ or after MaxIter steps.
    /// </summary>
    ConjugateGradient,
}

/// <summary>Conjugate gradients for one ridge target (the iterative <see cref="RidgeSolver.ConjugateGradient"/> path).</summary>
internal static class RidgeConjugateGradient
{
    /// <summary>
    /// Solves (XᵀX + αI)w = Xᵀy for X (n, d) row-major, starting from w = 0. Each step costs one X·p and one Xᵀ·q
    /// (2·n·d multiply-adds). Returns the number of steps taken.
    /// </summary>
    public static int Solve(double[] x, int n, int d, ReadOnlySpan<double> y, double alpha, double tol, int maxIter, Span<double> w)
    {
        var b = new double[d];
        MultiplyTransposed(x, n, d, y, b);                        // b = Xᵀy
        var r = (double[])b.Clone();                               // r = b − A·0
        var p = (double[])r.Clone();
        var ap = new double[d];
        var xp = new double[n];
        w.Clear();
        double rr = Dot(r, r), stop = tol * tol * rr;
        if (rr == 0) return 0;
        for (int it = 1; it <= maxIter; it++)
        {
            // ap = (XᵀX + αI)p
            for (int i = 0; i < n; i++) xp[i] = Dot(x.AsSpan(i * d, d), p);
            MultiplyTransposed(x, n, d, xp, ap);
            for (int j = 0; j < d; j++) ap[j] += alpha * p[j];
            double pap = Dot(p, ap);
            if (!(pap > 0)) return it;                             // A is singular along p (α = 0 and rank-deficient x)
            double step = rr / pap;
            for (int j = 0; j < d; j++)
            {
                w[j] += step * p[j];
                r[j] -= step * ap[j];
            }
            double rrNew = Dot(r, r);
            if (rrNew <= stop) return it;
            double beta = rrNew / rr;
            for (int j = 0; j < d; j++) p[j] = r[j] + beta * p[j];
            rr = rrNew;
        }
        return maxIter;
    }

    private static void MultiplyTransposed(double[] x, int n, int d, ReadOnlySpan<double> v, Span<double> result)
    {
        result.Clear();
        for (int i = 0; i < n; i++)
        {
            double vi = v[i];
            var row = x.AsSpan(i * d, d);
            for (int j = 0; j < d; j++) result[j] += vi * row[j];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
