using Scratch.ML.Optimization;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// The objective of <see cref="HuberRegressor"/> over the parameters p = (w₁ … w_d, [c], σ) (scikit-learn's
/// <c>_huber_loss_and_gradient</c>): with rᵢ = yᵢ − xᵢ·w − c and S = Σ sᵢ,
/// <c>f = S·σ + Σ_{|rᵢ| ≤ εσ} sᵢ rᵢ²/σ + Σ_{|rᵢ| &gt; εσ} sᵢ (2ε|rᵢ| − σε²) + α‖w‖²</c>. It is jointly convex and
/// continuously differentiable; on a fixed split into inliers and outliers it is smooth, with Hessian
/// <c>Σ_inliers (2sᵢ/σ)·vᵢvᵢᵀ + 2α·I_w</c>, vᵢ = (xᵢ, 1, rᵢ/σ).
/// </summary>
internal sealed class HuberRegressorLoss(double[] x, double[] y, double[] w, int n, int d, bool intercept, double epsilon, double alpha) : IDifferentiableFunction
{
    private readonly double totalWeight = w.Sum();

    /// <summary>The number of parameters: d + 1 (+ 1 with an intercept).</summary>
    public int Size => d + (intercept ? 2 : 1);

    /// <summary>rᵢ = yᵢ − xᵢ·w − c for the parameters p.</summary>
    public void Residuals(ReadOnlySpan<double> p, Span<double> r)
    {
        double c = intercept ? p[d] : 0;
        for (int i = 0; i < n; i++)
        {
            double s = y[i] - c;
            for (int j = 0; j < d; j++) s -= x[i * d + j] * p[j];
            r[i] = s;
        }
    }

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> p, Span<double> g)
    {
        int m = Size;
        double sigma = p[m - 1];
        var r = new double[n];
        Residuals(p, r);
        g.Clear();
        double loss = totalWeight * sigma, gSigma = totalWeight, gc = 0;
        for (int i = 0; i < n; i++)
        {
            double ri = r[i], wi = w[i], coefficient;
            if (Math.Abs(ri) > epsilon * sigma)
            {
                loss += wi * (2 * epsilon * Math.Abs(ri) - sigma * epsilon * epsilon);
                gSigma -= wi * epsilon * epsilon;
                coefficient = -2 * epsilon * wi * Math.Sign(ri);
            }
            else
            {
                loss += wi * ri * ri / sigma;
                gSigma -= wi * ri * ri / (sigma * sigma);
                coefficient = -2 * wi * ri / sigma;
            }
            for (int j = 0; j < d; j++) g[j] += coefficient * x[i * d + j];
            gc += coefficient;
        }
        for (int j = 0; j < d; j++)
        {
            loss += alpha * p[j] * p[j];
            g[j] += 2 * alpha * p[j];
        }
        if (intercept) g[d] = gc;
        g[m - 1] = gSigma;
        return loss;
    }

    /// <summary>The Hessian (row-major, Size × Size) of the smooth piece around p (inliers |rᵢ| ≤ εσ).</summary>
    public double[] Hessian(ReadOnlySpan<double> p)
    {
        int m = Size;
        double sigma = p[m - 1];
        var r = new double[n];
        Residuals(p, r);
        var h = new double[m * m];
        var v = new double[m];
        for (int i = 0; i < n; i++)
        {
            if (Math.Abs(r[i]) > epsilon * sigma) continue;
            for (int j = 0; j < d; j++) v[j] = x[i * d + j];
            if (intercept) v[d] = 1;
            v[m - 1] = r[i] / sigma;
            double f = 2 * w[i] / sigma;
            for (int a = 0; a < m; a++)
                for (int b = 0; b <= a; b++) h[a * m + b] += f * v[a] * v[b];
        }
        for (int j = 0; j < d; j++) h[j * m + j] += 2 * alpha;
        for (int a = 0; a < m; a++)
            for (int b = 0; b < a; b++) h[b * m + a] = h[a * m + b];
        return h;
    }

    /// <summary>
    /// Damped Newton steps from p on the (convex) objective, each accepted only if it lowers f and keeps σ above
    /// <paramref name="sigmaFloor"/>; stops when a step no longer helps. Used after L-BFGS so that the result is the
    /// optimum to rounding, independent of the quasi-Newton path.
    /// </summary>
    public double Polish(double[] p, double sigmaFloor, int maxSteps = 50)
    {
        int m = Size;
        var g = new double[m];
        var gTrial = new double[m];
        var trial = new double[m];
        double f = Evaluate(p, g);
        for (int step = 0; step < maxSteps; step++)
        {
            var h = Hessian(p);
            double scale = 0;
            for (int a = 0; a < m; a++) scale = Math.Max(scale, h[a * m + a]);
            for (int a = 0; a < m; a++) h[a * m + a] += 1e-14 * Math.Max(scale, 1);
            var dir = new double[m];
            for (int a = 0; a < m; a++) dir[a] = -g[a];
            if (!LinearData.CholeskySolve(h, m, dir)) return f;
            bool accepted = false;
            for (double t = 1; t > 1e-10; t *= 0.5)
            {
                for (int a = 0; a < m; a++) trial[a] = p[a] + t * dir[a];
                if (!(trial[m - 1] > sigmaFloor)) continue;
                double fTrial = Evaluate(trial, gTrial);
                if (fTrial < f)
                {
                    Array.Copy(trial, p, m);
                    Array.Copy(gTrial, g, m);
                    f = fTrial;
                    accepted = true;
                    break;
                }
            }
            if (!accepted) return f;
        }
        return f;
    }
}
