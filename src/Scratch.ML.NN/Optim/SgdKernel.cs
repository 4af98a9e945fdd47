using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.ML.NN;

/// <summary>
/// The SGD update of one parameter after its first step, twice: <see cref="Fused"/>, one pass over contiguous host
/// spans, and <see cref="Reference"/>, PyTorch 1.13's <c>_single_tensor_sgd</c> op sequence on tensors (any device or
/// layout). Same operations in the same order, so the two agree bitwise.
/// </summary>
/// <remarks>
/// <code>
/// d = g + λ·θ                       (λ ≠ 0)
/// b ← μ·b + (1 − τ)·d               (μ ≠ 0; the first step instead sets b = d, handled by the caller)
/// d = d + μ·b  (nesterov)   or  d = b
/// θ ← θ − lr·d
/// </code>
/// </remarks>
internal static class SgdKernel
{
    /// <summary>One fused pass; <paramref name="buf"/> is empty when μ = 0.</summary>
    public static void Fused<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> buf, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        bool hasMomentum = momentum != 0, hasWd = weightDecay != 0;
        if (grad.Length != n || (hasMomentum && buf.Length != n))
            throw new ArgumentException($"SgdKernel.Fused: span lengths differ (θ {n}, g {grad.Length}, buffer {buf.Length}).");
        T mu = T.CreateTruncating(momentum), keep = T.CreateTruncating(1 - dampening), wd = T.CreateTruncating(weightDecay), negLr = T.CreateTruncating(-lr);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && n >= Vector<T>.Count)
        {
            ref T rp = ref MemoryMarshal.GetReference(theta);
            ref T rg = ref MemoryMarshal.GetReference(grad);
            ref T rb = ref MemoryMarshal.GetReference(buf);
            Vector<T> vmu = new(mu), vkeep = new(keep), vwd = new(wd), vlr = new(negLr);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                nuint k = (nuint)i;
                var p = Vector.LoadUnsafe(ref rp, k);
                var d = Vector.LoadUnsafe(ref rg, k);
                if (hasWd) d += p * vwd;
                if (hasMomentum)
                {
                    var b = Vector.LoadUnsafe(ref rb, k) * vmu + d * vkeep;
                    b.StoreUnsafe(ref rb, k);
                    d = nesterov ? d + b * vmu : b;
                }
                (p + d * vlr).StoreUnsafe(ref rp, k);
            }
        }
        for (; i < n; i++)
        {
            T p = theta[i], d = grad[i];
            if (hasWd) d += p * wd;
            if (hasMomentum)
            {
                T b = buf[i] * mu + d * keep;
                buf[i] = b;
                d = nesterov ? d + b * mu : b;
            }
            theta[i] = p + d * negLr;
        }
    }

    /// <summary>The readable twin on tensors; <paramref name="buf"/> is null when μ = 0.</summary>
    public static void Reference<T>(Tensor<T> theta, Tensor<T> grad, Tensor<T>? buf, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = weightDecay != 0 ? OptimMath.Scaled(grad, theta, weightDecay) : grad;
        if (momentum != 0)
        {
            ArgumentNullException.ThrowIfNull(buf);
            OptimMath.AddScaled(buf.MulInPlace(T.CreateTruncating(momentum)), d, 1 - dampening);
            d = nesterov ? OptimMath.Scaled(d, buf, momentum) : buf;
        }
        OptimMath.AddScaled(theta, d, -lr);
    }
}
