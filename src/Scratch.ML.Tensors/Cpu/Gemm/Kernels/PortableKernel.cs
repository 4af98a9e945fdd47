using System.Numerics;
using System.Runtime.CompilerServices;

namespace Scratch.ML.Cpu;

/// <summary>
/// The portable micro-kernel for machines without AVX2/AVX-512 (ARM64 NEON, older x86): 4×(2·Vector&lt;T&gt;.Count)
/// with eight <see cref="Vector{T}"/> accumulators, using the platform's fused multiply-add.
/// </summary>
internal readonly unsafe struct PortableKernel<T> : IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;
    public static int NR => 2 * Vector<T>.Count;
    public static bool IsSupported => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint rsC, T alpha, T beta)
    {
        int w = Vector<T>.Count;
        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Vector.Load(b), b1 = Vector.Load(b + w);
            Vector<T> x = new(a[0]);
            c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = new(a[1]);
            c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = new(a[2]);
            c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = new(a[3]);
            c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            a += 4; b += 2 * w;
        }
        Vector<T> va = new(alpha), vb = new(beta);
        bool overwrite = T.IsZero(beta);
        Row(c, c00, c01, va, vb, overwrite, w); c += rsC;
        Row(c, c10, c11, va, vb, overwrite, w); c += rsC;
        Row(c, c20, c21, va, vb, overwrite, w); c += rsC;
        Row(c, c30, c31, va, vb, overwrite, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma(Vector<T> x, Vector<T> y, Vector<T> acc)
    {
        if (typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
        return x * y + acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(T* c, Vector<T> x0, Vector<T> x1, Vector<T> va, Vector<T> vb, bool overwrite, int w)
    {
        if (overwrite)
        {
            Vector.Store(x0 * va, c);
            Vector.Store(x1 * va, c + w);
        }
        else
        {
            Vector.Store(Fma(x0, va, Vector.Load(c) * vb), c);
            Vector.Store(Fma(x1, va, Vector.Load(c + w) * vb), c + w);
        }
    }
}
