using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.ML.NN;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// STAND-IN (benchmark-local, to be replaced by the library's Adam from the nn-optim area once merged): Adam with
/// PyTorch's exact formula (amsgrad off, no weight decay), fused over each parameter's span:
/// <code>
/// m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
/// p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
/// </code>
/// State buffers are allocated once; a step allocates nothing.
/// </summary>
internal sealed class StandInAdam
{
    private readonly Parameter<float>[] parameters;
    private readonly float[][] m, v;
    private readonly float lr, beta1, beta2, eps;
    private int t;

    public StandInAdam(IEnumerable<Parameter<float>> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        this.parameters = parameters.ToArray();
        m = this.parameters.Select(p => new float[p.Length]).ToArray();
        v = this.parameters.Select(p => new float[p.Length]).ToArray();
        (this.lr, this.beta1, this.beta2, this.eps) = (lr, beta1, beta2, eps);
    }

    /// <summary>Sets every gradient to null (PyTorch 2's <c>zero_grad(set_to_none=True)</c>) or zero-fills it.</summary>
    public void ZeroGrad(bool setToNone)
    {
        foreach (var p in parameters)
        {
            if (p.Grad is null) continue;
            if (setToNone) p.Grad = null;
            else p.Grad.AsSpan().Clear();
        }
    }

    public void Step()
    {
        t++;
        float bc1 = 1f - MathF.Pow(beta1, t), bc2 = 1f - MathF.Pow(beta2, t);
        float stepSize = lr / bc1, bc2Sqrt = MathF.Sqrt(bc2);
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.Grad is not { } g) continue;
            int n = p.Length;
            if (Parallelism.MaxThreads == 1 || n < 2 * Chunk)
            {
                Update(p.Value.AsSpan(), g.AsSpan(), m[i], v[i], beta1, beta2, eps, stepSize, bc2Sqrt);
                continue;
            }
            // Like PyTorch's intra-op parallelism on large tensors: fixed chunks, so results do not depend on threads.
            var (pv, gv, mi, vi) = (p.Value, g, m[i], v[i]);
            Parallelism.For((n + Chunk - 1) / Chunk, c =>
            {
                int lo = c * Chunk, len = Math.Min(Chunk, n - lo);
                Update(pv.AsSpan().Slice(lo, len), gv.AsSpan().Slice(lo, len), mi.AsSpan(lo, len), vi.AsSpan(lo, len),
                    beta1, beta2, eps, stepSize, bc2Sqrt);
            });
        }
    }

    private const int Chunk = 1 << 16;

    /// <summary>The reference twin of the vector loop (scalar, same operation order).</summary>
    internal static void UpdateReference(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float beta1, float beta2, float eps, float stepSize, float bc2Sqrt)
    {
        for (int j = 0; j < p.Length; j++)
        {
            m[j] = beta1 * m[j] + (1 - beta1) * g[j];
            v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
            p[j] -= stepSize * (m[j] / (MathF.Sqrt(v[j]) / bc2Sqrt + eps));
        }
    }

    internal static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float beta1, float beta2, float eps, float stepSize, float bc2Sqrt)
    {
        int n = p.Length, j = 0;
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(m);
        ref float rv = ref MemoryMarshal.GetReference(v);
        if (Vector512.IsHardwareAccelerated)
        {
            var b1 = Vector512.Create(beta1); var c1 = Vector512.Create(1 - beta1);
            var b2 = Vector512.Create(beta2); var c2 = Vector512.Create(1 - beta2);
            var e = Vector512.Create(eps); var s = Vector512.Create(stepSize); var bs = Vector512.Create(bc2Sqrt);
            for (; j <= n - 16; j += 16)
            {
                var gj = Vector512.LoadUnsafe(ref rg, (nuint)j);
                var mj = b1 * Vector512.LoadUnsafe(ref rm, (nuint)j) + c1 * gj;
                var vj = b2 * Vector512.LoadUnsafe(ref rv, (nuint)j) + c2 * gj * gj;
                mj.StoreUnsafe(ref rm, (nuint)j);
                vj.StoreUnsafe(ref rv, (nuint)j);
                var pj = Vector512.LoadUnsafe(ref rp, (nuint)j) - s * (mj / (Vector512.Sqrt(vj) / bs + e));
                pj.StoreUnsafe(ref rp, (nuint)j);
            }
        }
        UpdateReference(p[j..], g[j..], m[j..], v[j..], beta1, beta2, eps, stepSize, bc2Sqrt);
    }
}
