namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Cyclic coordinate descent for the elastic net, a line-by-line port of scikit-learn 1.2's
/// <c>_cd_fast.enet_coordinate_descent</c> (dense, non-Gram, cyclic):
/// <c>min_w ½‖y − Xw‖² + l1‖w‖₁ + ½ l2‖w‖²</c> with l1 = n·α·ρ and l2 = n·α·(1 − ρ).
/// </summary>
/// <remarks>
/// After each sweep, if the largest coefficient change relative to the largest coefficient is below tol (or all
/// coefficients are zero, or it is the last sweep), the duality gap G is computed from the dual point
/// θ = R·min(1, l1/‖XᵀR − l2·w‖∞); the solve stops when G &lt; tol·‖y‖². Same order of operations as scikit-learn, so
/// the iterates agree with it up to rounding.
/// </remarks>
internal static class CoordinateDescent
{
    /// <summary>The outcome: sweeps run, the final gap (in the n-scaled objective above), whether G &lt; tol·‖y‖².</summary>
    internal readonly record struct Result(int Iterations, double Gap, bool Converged);

    /// <summary>Runs coordinate descent on x: column-major (n, d), column j at [j·n, (j+1)·n); the target is
    /// y[yOffset .. yOffset + n); w (d) holds the start and is overwritten with the solution; l1, l2 are the n-scaled
    /// penalties; maxIter sweeps at most; tol as in scikit-learn; positive clips at 0.</summary>
    internal static Result Solve(double[] x, int n, int d, double[] y, int yOffset, double[] w, double l1, double l2, int maxIter, double tol, bool positive)
    {
        var norms = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[j * n + i] * x[j * n + i];
            norms[j] = s;
        }
        var r = new double[n];
        double yy = 0;
        for (int i = 0; i < n; i++)
        {
            double v = y[yOffset + i];
            for (int j = 0; j < d; j++) v -= x[j * n + i] * w[j];
            r[i] = v;
            yy += y[yOffset + i] * y[yOffset + i];
        }
        double dwTol = tol, gapTol = tol * yy, gap = tol + 1;
        for (int iter = 0; iter < maxIter; iter++)
        {
            double wMax = 0, dwMax = 0;
            for (int j = 0; j < d; j++)
            {
                if (norms[j] == 0) continue;
                double old = w[j];
                int c = j * n;
                if (old != 0) for (int i = 0; i < n; i++) r[i] += old * x[c + i];
                double tmp = 0;
                for (int i = 0; i < n; i++) tmp += x[c + i] * r[i];
                if (positive && tmp < 0) w[j] = 0;
                else w[j] = Math.Sign(tmp) * Math.Max(Math.Abs(tmp) - l1, 0) / (norms[j] + l2);
                if (w[j] != 0) for (int i = 0; i < n; i++) r[i] -= w[j] * x[c + i];
                dwMax = Math.Max(dwMax, Math.Abs(w[j] - old));
                wMax = Math.Max(wMax, Math.Abs(w[j]));
            }
            if (wMax == 0 || dwMax / wMax < dwTol || iter == maxIter - 1)
            {
                gap = DualityGap(x, n, d, y, yOffset, w, r, l1, l2, positive);
                if (gap < gapTol) return new Result(iter + 1, gap, true);
            }
        }
        return new Result(maxIter, gap, false);
    }

    private static double DualityGap(double[] x, int n, int d, double[] y, int yOffset, double[] w, double[] r, double l1, double l2, bool positive)
    {
        double dualNorm = positive ? double.NegativeInfinity : 0;
        double wNorm2 = 0, l1Norm = 0, rNorm2 = 0, ry = 0;
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[j * n + i] * r[i];
            s -= l2 * w[j];
            dualNorm = positive ? Math.Max(dualNorm, s) : Math.Max(dualNorm, Math.Abs(s));
            wNorm2 += w[j] * w[j];
            l1Norm += Math.Abs(w[j]);
        }
        for (int i = 0; i < n; i++)
        {
            rNorm2 += r[i] * r[i];
            ry += r[i] * y[yOffset + i];
        }
        double scale, gap;
        if (dualNorm > l1)
        {
            scale = l1 / dualNorm;
            gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
        }
        else
        {
            scale = 1.0;
            gap = rNorm2;
        }
        return gap + l1 * l1Norm - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2;
    }

    /// <summary>Row-major (n, d) to column-major.</summary>
    internal static double[] ColumnMajor(double[] rowMajor, int n, int d)
    {
        var c = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) c[j * n + i] = rowMajor[i * d + j];
        return c;
    }
}
