using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.ML.NN;

/// <summary>
/// The Adam/AdamW update of one parameter, twice: <see cref="Fused"/>, one pass over contiguous host spans (the hot
/// path), and <see cref="Reference"/>, the same maths as a readable sequence of tensor ops mirroring PyTorch 1.13's
/// <c>_single_tensor_adam(w)</c> (any device or layout; tests check the two agree).
/// </summary>
/// <remarks>
/// With g the gradient, t the step, λ the weight decay:
/// <code>
/// θ ← θ·(1 − lr·λ)                      (AdamW: decoupled decay)      g ← g + λ·θ   (Adam: L2 in the gradient)
/// m ← β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// v̂ ← max(v̂, v)                        (amsgrad; the denominator then uses v̂)
/// denom = √v / √(1 − β₂ᵗ) + ε
/// θ ← θ − (lr / (1 − β₁ᵗ)) · m / denom
/// </code>
/// </remarks>
internal static class AdamKernel
{
    /// <summary>Scalars of one step, computed once per group (PyTorch computes them in double from Python floats).</summary>
    /// <param name="Beta1">β₁.</param>
    /// <param name="Beta2">β₂.</param>
    /// <param name="L2">λ added to the gradient (Adam), else 0.</param>
    /// <param name="Decay">1 − lr·λ multiplying θ first (AdamW), else 1.</param>
    /// <param name="Bc2Sqrt">√(1 − β₂ᵗ).</param>
    /// <param name="Eps">ε.</param>
    /// <param name="StepSize">lr / (1 − β₁ᵗ).</param>
    /// <param name="Amsgrad">Keep the running maximum of v.</param>
    public readonly record struct Coefficients(double Beta1, double Beta2, double L2, double Decay, double Bc2Sqrt, double Eps, double StepSize, bool Amsgrad);

    /// <summary>The coefficients for step <paramref name="step"/> (1-based).</summary>
    public static Coefficients For(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool amsgrad, double step)
        => new(beta1, beta2, decoupled ? 0 : weightDecay, decoupled ? 1 - lr * weightDecay : 1,
               Math.Sqrt(1 - Math.Pow(beta2, step)), eps, lr / (1 - Math.Pow(beta1, step)), amsgrad);

    /// <summary>
    /// One fused pass: θ, m, v, v̂ updated in place; g read. All spans have the parameter's length (v̂ may be empty
    /// without amsgrad). Same rounding sequence as <see cref="Reference"/>.
    /// </summary>
    public static void Fused<T>(Span<T> theta, ReadOnlySpan<T> grad, Span<T> m, Span<T> v, Span<T> vMax, in Coefficients c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        if (grad.Length != n || m.Length != n || v.Length != n || (c.Amsgrad && vMax.Length != n))
            throw new ArgumentException($"AdamKernel.Fused: span lengths differ (θ {n}, g {grad.Length}, m {m.Length}, v {v.Length}, v̂ {vMax.Length}).");
        T b1 = T.CreateTruncating(c.Beta1), b2 = T.CreateTruncating(c.Beta2);
        T a1 = T.CreateTruncating(1 - c.Beta1), a2 = T.CreateTruncating(1 - c.Beta2);
        T l2 = T.CreateTruncating(c.L2), decay = T.CreateTruncating(c.Decay);
        T bc2 = T.CreateTruncating(c.Bc2Sqrt), eps = T.CreateTruncating(c.Eps), negStep = T.CreateTruncating(-c.StepSize);
        bool hasL2 = c.L2 != 0, hasDecay = c.Decay != 1, ams = c.Amsgrad;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && n >= Vector<T>.Count)
        {
            // The same operations in the same order on Vector<T>.Count lanes: each IEEE op is correctly rounded in
            // both forms and the JIT does not contract a·b + c into an FMA, so lanes and scalar tail agree bitwise.
            ref T rp = ref MemoryMarshal.GetReference(theta);
            ref T rg = ref MemoryMarshal.GetReference(grad);
            ref T rm = ref MemoryMarshal.GetReference(m);
            ref T rv = ref MemoryMarshal.GetReference(v);
            ref T rx = ref MemoryMarshal.GetReference(vMax);
            Vector<T> vb1 = new(b1), vb2 = new(b2), va1 = new(a1), va2 = new(a2), vl2 = new(l2), vdecay = new(decay);
            Vector<T> vbc2 = new(bc2), veps = new(eps), vneg = new(negStep);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                nuint k = (nuint)i;
                var p = Vector.LoadUnsafe(ref rp, k);
                if (hasDecay) p *= vdecay;
                var g = Vector.LoadUnsafe(ref rg, k);
                if (hasL2) g += p * vl2;
                var mi = Vector.LoadUnsafe(ref rm, k) * vb1 + g * va1;
                var vi = Vector.LoadUnsafe(ref rv, k) * vb2 + g * va2 * g;
                mi.StoreUnsafe(ref rm, k);
                vi.StoreUnsafe(ref rv, k);
                if (ams)
                {
                    vi = Vector.Max(Vector.LoadUnsafe(ref rx, k), vi);
                    vi.StoreUnsafe(ref rx, k);
                }
                var denom = Vector.SquareRoot(vi) / vbc2 + veps;
                (p + mi / denom * vneg).StoreUnsafe(ref rp, k);
            }
        }
        for (; i < n; i++)
        {
            T p = theta[i];
            if (hasDecay) p *= decay;
            T g = grad[i];
            if (hasL2) g += p * l2;
            T mi = m[i] * b1 + g * a1;
            T vi = v[i] * b2 + g * a2 * g;
            m[i] = mi;
            v[i] = vi;
            if (ams)
            {
                vi = T.Max(vMax[i], vi);
                vMax[i] = vi;
            }
            T denom = T.Sqrt(vi) / bc2 + eps;
            theta[i] = p + mi / denom * negStep;
        }
    }

    /// <summary>The readable twin: the same update as PyTorch's op sequence, on tensors of any device/layout.</summary>
    public static void Reference<T>(Tensor<T> theta, Tensor<T> grad, Tensor<T> m, Tensor<T> v, Tensor<T>? vMax, in Coefficients c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.Decay != 1) theta.MulInPlace(T.CreateTruncating(c.Decay));
        if (c.L2 != 0) grad = OptimMath.Scaled(grad, theta, c.L2);
        OptimMath.AddScaled(m.MulInPlace(T.CreateTruncating(c.Beta1)), grad, 1 - c.Beta1);
        OptimMath.AddCMul(v.MulInPlace(T.CreateTruncating(c.Beta2)), grad, grad, 1 - c.Beta2);
        Tensor<T> second = v;
        if (c.Amsgrad)
        {
            ArgumentNullException.ThrowIfNull(vMax);
            second = vMax.MaximumInPlace(v);
        }
        var denom = (second.Sqrt() / T.CreateTruncating(c.Bc2Sqrt)).AddInPlace(Tensor.Scalar(T.CreateTruncating(c.Eps), theta.Device));
        OptimMath.AddCDiv(theta, m, denom, -c.StepSize);
    }

    /// <summary>
    /// Updates one parameter, creating its state on first use: the fused loop when every tensor is contiguous on the
    /// host, else the reference ops.
    /// </summary>
    public static void Update<T>(Parameter<T> p, Tensor<T> grad, ParamState<T> st, double lr, double beta1, double beta2, double eps, double wd, bool decoupled, bool amsgrad, bool forceReference)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var theta = p.Value;
        if (!st.Tensors.TryGetValue("exp_avg", out var m))
        {
            st.Scalars["step"] = 0;
            st.Tensors["exp_avg"] = m = Tensor.ZerosLike(theta);
            st.Tensors["exp_avg_sq"] = Tensor.ZerosLike(theta);
            if (amsgrad) st.Tensors["max_exp_avg_sq"] = Tensor.ZerosLike(theta);
        }
        var v = st.Tensors["exp_avg_sq"];
        var vMax = amsgrad ? st.Tensors["max_exp_avg_sq"] : null;
        double step = st.Scalars["step"] + 1;
        st.Scalars["step"] = step;
        var c = For(lr, beta1, beta2, eps, wd, decoupled, amsgrad, step);
        if (!forceReference && OptimMath.IsHostContiguous(theta) && OptimMath.IsHostContiguous(grad))
            FusedChunked(theta, grad, m, v, vMax, c);
        else
            Reference(theta, grad, m, v, vMax, c);
    }

    /// <summary>
    /// <see cref="Fused"/> over fixed chunks of <see cref="Parallelism.ElementwiseThreshold"/> elements, run on up to
    /// <see cref="Parallelism.MaxThreads"/> threads. Every element's update is independent of the others, so the result
    /// is bitwise the same for any thread count (chunk boundaries are multiples of the vector width).
    /// </summary>
    private static void FusedChunked<T>(Tensor<T> theta, Tensor<T> grad, Tensor<T> m, Tensor<T> v, Tensor<T>? vMax, Coefficients c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        const int chunk = Parallelism.ElementwiseThreshold;
        if (n <= chunk || Parallelism.MaxThreads == 1)
        {
            Fused(theta.AsSpan(), grad.AsSpan(), m.AsSpan(), v.AsSpan(), vMax is null ? default : vMax.AsSpan(), c);
            return;
        }
        Parallelism.For((n + chunk - 1) / chunk, k =>
        {
            int start = k * chunk, length = Math.Min(chunk, n - start);
            Fused(theta.AsSpan().Slice(start, length), grad.AsSpan().Slice(start, length), m.AsSpan().Slice(start, length),
                v.AsSpan().Slice(start, length), vMax is null ? default : vMax.AsSpan().Slice(start, length), c);
        });
    }
}
