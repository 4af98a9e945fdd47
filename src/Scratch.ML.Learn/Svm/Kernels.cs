using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.ML.Learn.Svm;

/// <summary>The kernel k(x, z) of a support vector machine (libsvm's <c>kernel_type</c>).</summary>
public enum SvmKernel
{
    /// <summary>k(x, z) = x·z.</summary>
    Linear,
    /// <summary>k(x, z) = (γ x·z + coef0)^degree.</summary>
    Poly,
    /// <summary>k(x, z) = exp(−γ ‖x − z‖²) (the default).</summary>
    Rbf,
    /// <summary>k(x, z) = tanh(γ x·z + coef0) (not positive semi-definite in general).</summary>
    Sigmoid,
    /// <summary>x is the Gram matrix itself: (n, n) at fit, (m, n_train) at prediction.</summary>
    Precomputed,
}

/// <summary>
/// The kernel coefficient γ: <see cref="Scale"/> (scikit-learn's default <c>"scale"</c>, γ = 1 / (d · Var(X)) with
/// Var over all entries of X, or 1 when that variance is 0), <see cref="Auto"/> (γ = 1 / d), or a fixed value &gt; 0.
/// </summary>
public readonly record struct SvmGamma
{
    private SvmGamma(int mode, double value)
    {
        Mode = mode;
        Value = value;
    }

    private int Mode { get; }

    /// <summary>The fixed value (NaN for <see cref="Scale"/> and <see cref="Auto"/>).</summary>
    public double Value { get; }

    /// <summary>γ = 1 / (d · Var(X)) (1 when Var(X) = 0).</summary>
    public static SvmGamma Scale { get; } = new(0, double.NaN);

    /// <summary>γ = 1 / d.</summary>
    public static SvmGamma Auto { get; } = new(1, double.NaN);

    /// <summary>A fixed γ (finite, &gt; 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">γ is not finite and positive.</exception>
    public static SvmGamma Of(double gamma) => gamma > 0 && double.IsFinite(gamma)
        ? new(2, gamma)
        : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "SvmGamma: a fixed gamma must be finite and > 0.");

    /// <summary>A fixed γ.</summary>
    public static implicit operator SvmGamma(double gamma) => Of(gamma);

    /// <summary>Whether this is <see cref="Scale"/>.</summary>
    public bool IsScale => Mode == 0;

    /// <summary>Whether this is <see cref="Auto"/>.</summary>
    public bool IsAuto => Mode == 1;

    /// <summary>The γ used for data x: (n, d) given as row-major values.</summary>
    internal double Resolve(ReadOnlySpan<double> x, int d)
    {
        if (Mode == 2) return Value;
        if (Mode == 1) return 1.0 / d;
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= x.Length;
        double var = 0;
        foreach (var v in x) var += (v - mean) * (v - mean);
        var /= x.Length;
        return var != 0 ? 1.0 / (d * var) : 1.0;
    }

    /// <summary>Text form: <c>scale</c>, <c>auto</c> or the value.</summary>
    public override string ToString() => Mode switch { 0 => "scale", 1 => "auto", _ => Value.ToString("R", CultureInfo.InvariantCulture) };

    /// <summary>Parses <see cref="ToString"/>.</summary>
    internal static SvmGamma Parse(string text) => text switch
    {
        "scale" => Scale,
        "auto" => Auto,
        _ => Of(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
    };
}

/// <summary>
/// A kernel with resolved parameters evaluated on dense row-major float64 data. Every entry is computed by the same
/// vectorised routine, so a value never depends on the batch it is computed in (or on the number of threads).
/// </summary>
internal sealed class KernelFunction
{
    public KernelFunction(SvmKernel kind, int degree, double gamma, double coef0)
    {
        Kind = kind;
        Degree = degree;
        Gamma = gamma;
        Coef0 = coef0;
    }

    public SvmKernel Kind { get; }
    public int Degree { get; }
    public double Gamma { get; }
    public double Coef0 { get; }

    /// <summary>Σ a_k b_k with a fixed vectorised order (depends only on the length).</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, k = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count * 2)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            int m = va.Length, v = 0;
            for (; v + 1 < m; v += 2)
            {
                acc0 += va[v] * vb[v];
                acc1 += va[v + 1] * vb[v + 1];
            }
            if (v < m) acc0 += va[v] * vb[v];
            s = Vector.Sum(acc0 + acc1);
            k = m * Vector<double>.Count;
        }
        for (; k < n; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>Σ (a_k − b_k)² with a fixed vectorised order.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, k = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc = Vector<double>.Zero;
            for (int v = 0; v < va.Length; v++)
            {
                var d = va[v] - vb[v];
                acc += d * d;
            }
            s = Vector.Sum(acc);
            k = va.Length * Vector<double>.Count;
        }
        for (; k < n; k++) { double d = a[k] - b[k]; s += d * d; }
        return s;
    }

    /// <summary>The kernel from a dot product and (for RBF) the squared norms, as libsvm's training kernel does.</summary>
    public double FromDot(double dot, double sqA, double sqB) => Kind switch
    {
        SvmKernel.Linear => dot,
        SvmKernel.Poly => IntPow(Gamma * dot + Coef0, Degree),
        SvmKernel.Rbf => Math.Exp(-Gamma * (sqA + sqB - 2 * dot)),
        SvmKernel.Sigmoid => Math.Tanh(Gamma * dot + Coef0),
        _ => throw new InvalidOperationException("FromDot does not apply to a precomputed kernel."),
    };

    /// <summary>
    /// Turns dot products into kernel values in place, entry by entry exactly as <see cref="FromDot"/> (one loop per
    /// kernel kind instead of a switch per entry). <paramref name="sqB"/> are the squared norms of the rows (RBF only).
    /// </summary>
    public void Transform(Span<double> dots, double sqA, ReadOnlySpan<double> sqB)
    {
        switch (Kind)
        {
            case SvmKernel.Linear: return;
            case SvmKernel.Rbf:
                for (int j = 0; j < dots.Length; j++) dots[j] = Math.Exp(-Gamma * (sqA + sqB[j] - 2 * dots[j]));
                return;
            case SvmKernel.Poly:
                for (int j = 0; j < dots.Length; j++) dots[j] = IntPow(Gamma * dots[j] + Coef0, Degree);
                return;
            case SvmKernel.Sigmoid:
                for (int j = 0; j < dots.Length; j++) dots[j] = Math.Tanh(Gamma * dots[j] + Coef0);
                return;
            default: throw new InvalidOperationException("Transform does not apply to a precomputed kernel.");
        }
    }

    /// <summary>k(a, b) evaluated directly (RBF from the squared distance, as libsvm's prediction kernel does).</summary>
    public double Evaluate(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Kind == SvmKernel.Rbf
        ? Math.Exp(-Gamma * SquaredDistance(a, b))
        : FromDot(Dot(a, b), 0, 0);

    /// <summary>x^k by repeated squaring (libsvm's <c>powi</c>).</summary>
    public static double IntPow(double x, int k)
    {
        double t = x, r = 1;
        for (int j = k; j > 0; j /= 2)
        {
            if (j % 2 == 1) r *= t;
            t *= t;
        }
        return r;
    }

    /// <summary>
    /// The kernel matrix between rows of <paramref name="a"/>: (m, d) and rows of <paramref name="b"/>: (p, d), as an
    /// (m, p) row-major array. Rows of the result are computed in parallel; each entry is independent.
    /// </summary>
    public double[] Matrix(double[] a, int m, double[] b, int p, int d)
    {
        var k = new double[(long)m * p];
        void Row(int i)
        {
            var ai = a.AsSpan(i * d, d);
            var ki = k.AsSpan(i * p, p);
            for (int j = 0; j < p; j++) ki[j] = Evaluate(ai, b.AsSpan(j * d, d));
        }
        if ((long)m * p * d < 200_000) for (int i = 0; i < m; i++) Row(i);
        else Parallel.For(0, m, Row);
        return k;
    }

    /// <summary>Converts a contiguous tensor to a float64 array.</summary>
    public static double[] ToDouble<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Float64.From(x);
}
