using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML.Cpu;

/// <summary>
/// A function written once in double precision, as a scalar and as a <see cref="Vector512{T}"/> kernel. Used for
/// functions that TensorPrimitives lacks (erf, erfc, Gelu, softplus): float32 inputs are widened to double, computed
/// and rounded back, which makes the float32 result correctly rounded in all but rare halfway cases at the cost of
/// twice the vector work.
/// </summary>
internal interface IDoublePrecisionKernel
{
    /// <summary>The scalar function (the reference twin of <see cref="Invoke(Vector512{double})"/>).</summary>
    double Invoke(double x);

    /// <summary>The same function on eight lanes.</summary>
    Vector512<double> Invoke(Vector512<double> x);
}

/// <summary>Applies an <see cref="IDoublePrecisionKernel"/> to float or double spans (other types: scalar loop).</summary>
internal static class DoublePrecisionKernel
{
    /// <summary><c>y[i] = f(x[i])</c>; x and y may be the same memory.</summary>
    public static void Apply<T, TKernel>(ReadOnlySpan<T> x, Span<T> y, TKernel f)
        where T : struct, INumberBase<T> where TKernel : struct, IDoublePrecisionKernel
    {
        if (y.Length < x.Length) throw new ArgumentException($"Destination is too short: {y.Length} < {x.Length}.", nameof(y));
        if (typeof(T) == typeof(double) && Vector512.IsHardwareAccelerated)
            ApplyDouble(MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(y), f);
        else if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
            ApplySingle(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), f);
        else
            for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(f.Invoke(double.CreateTruncating(x[i])));
    }

    private static void ApplyDouble<TKernel>(ReadOnlySpan<double> x, Span<double> y, TKernel f) where TKernel : struct, IDoublePrecisionKernel
    {
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            f.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        if (i < n)
        {
            // Tail: pad one vector on the stack so the tail runs the same vector code as the body.
            Span<double> tmp = stackalloc double[Vector512<double>.Count];
            tmp.Clear();
            x[i..].CopyTo(tmp);
            var v = f.Invoke(Vector512.Create<double>(tmp));
            v.CopyTo(tmp);
            tmp[..(n - i)].CopyTo(y[i..]);
        }
    }

    private static void ApplySingle<TKernel>(ReadOnlySpan<float> x, Span<float> y, TKernel f) where TKernel : struct, IDoublePrecisionKernel
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            Compute(Vector512.LoadUnsafe(ref xr, (nuint)i), f).StoreUnsafe(ref yr, (nuint)i);
        if (i < n)
        {
            Span<float> tmp = stackalloc float[Vector512<float>.Count];
            tmp.Clear();
            x[i..].CopyTo(tmp);
            Compute(Vector512.Create<float>(tmp), f).CopyTo(tmp);
            tmp[..(n - i)].CopyTo(y[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Compute<TKernel>(Vector512<float> v, TKernel f) where TKernel : struct, IDoublePrecisionKernel
    {
        var (lo, hi) = Vector512.Widen(v);
        return Vector512.Narrow(f.Invoke(lo), f.Invoke(hi));
    }
}
