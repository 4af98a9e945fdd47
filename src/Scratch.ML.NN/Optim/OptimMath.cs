using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// PyTorch's fused in-place tensor updates written with the library's in-place ops, in the same rounding order as
/// ATen's CPU kernels: <c>add_(b, alpha)</c>, <c>addcmul_(b, c, value)</c>, <c>addcdiv_(b, c, value)</c>.
/// Callers run inside <see cref="Autograd.NoGrad"/>.
/// </summary>
internal static class OptimMath
{
    /// <summary><c>a ← a + alpha·b</c> (PyTorch's <c>a.add_(b, alpha=alpha)</c>); returns a.</summary>
    public static Tensor<T> AddScaled<T>(Tensor<T> a, Tensor<T> b, double alpha) where T : unmanaged, IFloatingPointIeee754<T>
        => alpha == 1 ? a.AddInPlace(b) : a.AddInPlace(b * T.CreateTruncating(alpha));

    /// <summary><c>a + alpha·b</c> as a new tensor (PyTorch's <c>a.add(b, alpha=alpha)</c>).</summary>
    public static Tensor<T> Scaled<T>(Tensor<T> a, Tensor<T> b, double alpha) where T : unmanaged, IFloatingPointIeee754<T>
        => AddScaled(a.Clone(), b, alpha);

    /// <summary><c>a ← a + value·b·c</c> (PyTorch's <c>addcmul_</c>: <c>(value·b)·c</c>); returns a.</summary>
    public static Tensor<T> AddCMul<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, double value) where T : unmanaged, IFloatingPointIeee754<T>
        => a.AddInPlace(b * T.CreateTruncating(value) * c);

    /// <summary><c>a ← a + value·(b / c)</c> (PyTorch's <c>addcdiv_</c>); returns a.</summary>
    public static Tensor<T> AddCDiv<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, double value) where T : unmanaged, IFloatingPointIeee754<T>
        => a.AddInPlace(b / c * T.CreateTruncating(value));

    /// <summary>Whether the tensor's elements can be addressed as one span (contiguous, on the CPU).</summary>
    public static bool IsHostContiguous<T>(Tensor<T> t) where T : unmanaged
        => t.IsContiguous && t.Storage is CpuStorage<T>;
}
