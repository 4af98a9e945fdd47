using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Svm;

/// <summary>Option validation, data preparation and the prediction-time kernel shared by the kernel SVMs.</summary>
internal static class SvmCommon
{
    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Validates the options every kernel SVM shares.</summary>
    public static void Validate(string name, SvmKernel kernel, int degree, double coef0, double tol, double cacheSizeMb, long maxIter)
    {
        if (!Enum.IsDefined(kernel)) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"{name}: unknown kernel.");
        if (degree < 0) throw new ArgumentOutOfRangeException("Degree", degree, $"{name}: Degree must be ≥ 0.");
        if (!double.IsFinite(coef0)) throw new ArgumentOutOfRangeException("Coef0", coef0, $"{name}: Coef0 must be finite.");
        if (!(tol > 0) || double.IsInfinity(tol)) throw new ArgumentOutOfRangeException("Tol", tol, $"{name}: Tol must be finite and > 0.");
        if (!(cacheSizeMb > 0) || double.IsInfinity(cacheSizeMb)) throw new ArgumentOutOfRangeException("CacheSizeMb", cacheSizeMb, $"{name}: CacheSizeMb must be finite and > 0.");
        if (maxIter < -1) throw new ArgumentOutOfRangeException("MaxIter", maxIter, $"{name}: MaxIter must be -1 (no limit) or ≥ 0.");
    }

    /// <summary>Checks a positive finite parameter (C, nu …).</summary>
    public static void Positive(string name, string option, double v)
    {
        if (!(v > 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(option, v, $"{name}: {option} must be finite and > 0.");
    }

    /// <summary>
    /// Validates x for fitting and returns it as float64 with the resolved kernel; for a precomputed kernel x must be
    /// the square (n, n) Gram matrix.
    /// </summary>
    public static (double[] Data, int N, int D, KernelFunction Kernel) PrepareFit<T>(string name, Tensor<T> x, SvmKernel kind, int degree, SvmGamma gamma, double coef0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        if (kind == SvmKernel.Precomputed && n != d)
            throw new ArgumentException($"{name}: with a precomputed kernel x must be the square (n, n) Gram matrix, got shape ({n}, {d}).", nameof(x));
        var data = KernelFunction.ToDouble(xs);
        double g = kind is SvmKernel.Linear or SvmKernel.Precomputed ? 0 : gamma.Resolve(data, d);
        return (data, n, d, new KernelFunction(kind, degree, g, coef0));
    }

    /// <summary>
    /// The (m, nSV) kernel matrix between the rows of x and the support vectors (for a precomputed kernel: the columns
    /// <paramref name="support"/> of x, which is (m, n_train)).
    /// </summary>
    public static double[] KernelToSupport<T>(string model, Tensor<T> x, int featureCount, KernelFunction kernel, double[] svData, int[] support, out int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(model, x, featureCount);
        m = xs.Shape[0];
        var data = KernelFunction.ToDouble(xs);
        int nSv = support.Length;
        if (kernel.Kind != SvmKernel.Precomputed) return kernel.Matrix(data, m, svData, nSv, featureCount);
        var k = new double[(long)m * nSv];
        for (int i = 0; i < m; i++)
            for (int s = 0; s < nSv; s++) k[(long)i * nSv + s] = data[(long)i * featureCount + support[s]];
        return k;
    }

    /// <summary>The kernel options as model-file metadata.</summary>
    public static Dictionary<string, string> KernelMetadata(SvmKernel kernel, int degree, SvmGamma gamma, double coef0, double resolvedGamma,
        double tol, bool shrinking, double cacheSizeMb, long maxIter) => new()
    {
        ["kernel"] = kernel.ToString(),
        ["degree"] = degree.ToString(CultureInfo.InvariantCulture),
        ["gamma"] = gamma.ToString(),
        ["gamma_value"] = Num(resolvedGamma),
        ["coef0"] = Num(coef0),
        ["tol"] = Num(tol),
        ["shrinking"] = shrinking.ToString(CultureInfo.InvariantCulture),
        ["cache_size_mb"] = Num(cacheSizeMb),
        ["max_iter"] = maxIter.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Converts values to a tensor of T.</summary>
    public static Tensor<T> Cast<T>(double[] v, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new T[v.Length];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(v[i]);
        return Tensor.FromArray(a, shape);
    }

    /// <summary>Converts integers to a tensor of T (exact below 2²⁴ for float).</summary>
    public static Tensor<T> Cast<T>(int[] v) where T : unmanaged, IFloatingPointIeee754<T> => Cast<T>(Array.ConvertAll(v, i => (double)i), v.Length);

    /// <summary>Reads integers stored by <see cref="Cast{T}(int[])"/>.</summary>
    public static int[] Ints<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => Array.ConvertAll(t.ToArray(), v => int.CreateTruncating(v));
}
