using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Flat-vector helpers and the strong-Wolfe line search of PyTorch 1.13's L-BFGS, on host arrays.</summary>
internal static class LbfgsMath
{
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static T AbsMax<T>(ReadOnlySpan<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m = T.Zero;
        for (int i = 0; i < a.Length; i++) m = T.Max(m, T.Abs(a[i]));
        return m;
    }

    public static T AbsSum<T>(ReadOnlySpan<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 0; i < a.Length; i++) s += T.Abs(a[i]);
        return s;
    }

    /// <summary>a ← a + alpha·b.</summary>
    public static void Axpy<T>(Span<T> a, ReadOnlySpan<T> b, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Length; i++) a[i] += alpha * b[i];
    }

    /// <summary>
    /// The minimiser of the cubic interpolating (x1, f1, g1) and (x2, f2, g2), clamped to the bounds (default: the
    /// interval between x1 and x2); the midpoint when the cubic has no real minimiser.
    /// </summary>
    public static T CubicInterpolate<T>(T x1, T f1, T g1, T x2, T f2, T g2, T? lo = null, T? hi = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T xmin = lo ?? (x1 <= x2 ? x1 : x2), xmax = hi ?? (x1 <= x2 ? x2 : x1);
        T three = T.CreateTruncating(3), two = T.CreateTruncating(2);
        T d1 = g1 + g2 - three * (f1 - f2) / (x1 - x2);
        T d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= T.Zero)
        {
            T d2 = T.Sqrt(d2Square);
            T minPos = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + two * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + two * d2));
            return T.Min(T.Max(minPos, xmin), xmax);
        }
        return (xmin + xmax) / two;
    }

    /// <summary>Evaluates loss and flat gradient at x + t·d (the parameters are restored to x afterwards).</summary>
    public delegate (T Loss, T[] Grad) DirectionalEvaluate<T>(T t);

    /// <summary>
    /// PyTorch's <c>_strong_wolfe</c>: bracketing then zoom with cubic interpolation until
    /// f(t) ≤ f + c₁·t·gᵀd and |g(t)ᵀd| ≤ −c₂·gᵀd.
    /// </summary>
    public static (T Loss, T[] Grad, T T, int Evals) StrongWolfe<T>(DirectionalEvaluate<T> obj, T t, T[] d, T f, T[] g, T gtd,
        double c1 = 1e-4, double c2 = 0.9, double toleranceChange = 1e-9, int maxLs = 25) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T C1 = T.CreateTruncating(c1), C2 = T.CreateTruncating(c2), tolChange = T.CreateTruncating(toleranceChange);
        T dNorm = AbsMax<T>(d);
        g = (T[])g.Clone();
        var (fNew, gNew) = obj(t);
        int evals = 1;
        T gtdNew = Dot<T>(gNew, d);
        T tPrev = T.Zero, fPrev = f, gtdPrev = gtd;
        T[] gPrev = g;
        bool done = false;
        int lsIter = 0;
        T[] bracket = [], bracketF = [], bracketGtd = [];
        T[][] bracketG = [];
        while (lsIter < maxLs)
        {
            if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev))
            {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, (T[])gNew.Clone()]; bracketGtd = [gtdPrev, gtdNew];
                break;
            }
            if (T.Abs(gtdNew) <= -C2 * gtd)
            {
                bracket = [t]; bracketF = [fNew]; bracketG = [gNew];
                done = true;
                break;
            }
            if (gtdNew >= T.Zero)
            {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, (T[])gNew.Clone()]; bracketGtd = [gtdPrev, gtdNew];
                break;
            }
            T minStep = t + T.CreateTruncating(0.01) * (t - tPrev);
            T maxStep = t * T.CreateTruncating(10);
            T tmp = t;
            t = CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp; fPrev = fNew; gPrev = (T[])gNew.Clone(); gtdPrev = gtdNew;
            (fNew, gNew) = obj(t);
            evals++;
            gtdNew = Dot<T>(gNew, d);
            lsIter++;
        }
        if (lsIter == maxLs)
        {
            bracket = [T.Zero, t]; bracketF = [f, fNew]; bracketG = [g, gNew];
        }
        bool insufProgress = false;
        int low = bracketF[0] <= bracketF[^1] ? 0 : 1, high = 1 - low;
        while (!done && lsIter < maxLs)
        {
            if (T.Abs(bracket[1] - bracket[0]) * dNorm < tolChange) break;
            t = CubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            T bMax = T.Max(bracket[0], bracket[1]), bMin = T.Min(bracket[0], bracket[1]);
            T eps = T.CreateTruncating(0.1) * (bMax - bMin);
            if (T.Min(bMax - t, t - bMin) < eps)
            {
                if (insufProgress || t >= bMax || t <= bMin)
                {
                    t = T.Abs(t - bMax) < T.Abs(t - bMin) ? bMax - eps : bMin + eps;
                    insufProgress = false;
                }
                else insufProgress = true;
            }
            else insufProgress = false;
            (fNew, gNew) = obj(t);
            evals++;
            gtdNew = Dot<T>(gNew, d);
            lsIter++;
            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low])
            {
                bracket[high] = t; bracketF[high] = fNew; bracketG[high] = (T[])gNew.Clone(); bracketGtd[high] = gtdNew;
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }
            else
            {
                if (T.Abs(gtdNew) <= -C2 * gtd) done = true;
                else if (gtdNew * (bracket[high] - bracket[low]) >= T.Zero)
                {
                    bracket[high] = bracket[low]; bracketF[high] = bracketF[low]; bracketG[high] = bracketG[low]; bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t; bracketF[low] = fNew; bracketG[low] = (T[])gNew.Clone(); bracketGtd[low] = gtdNew;
            }
        }
        return (bracketF[low], bracketG[low], bracket[low], evals);
    }
}
