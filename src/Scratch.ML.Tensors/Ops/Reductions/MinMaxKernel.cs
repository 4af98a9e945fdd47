using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML;

/// <summary>Chooses max or min for <see cref="MinMaxKernel"/>, in vector and scalar form.</summary>
internal interface IExtremeSelector<T> where T : INumber<T>
{
    static abstract Vector512<T> Pick(Vector512<T> a, Vector512<T> b);
    static abstract T Pick(T a, T b);
}

internal readonly struct PickMax<T> : IExtremeSelector<T> where T : INumber<T>
{
    public static Vector512<T> Pick(Vector512<T> a, Vector512<T> b) => Vector512.MaxNative(a, b);
    public static T Pick(T a, T b) => T.Max(a, b);
}

internal readonly struct PickMin<T> : IExtremeSelector<T> where T : INumber<T>
{
    public static Vector512<T> Pick(Vector512<T> a, Vector512<T> b) => Vector512.MinNative(a, b);
    public static T Pick(T a, T b) => T.Min(a, b);
}

/// <summary>
/// Max/min of a span at memory speed. TensorPrimitives.Max/Min honour IEEE NaN and ±0 rules in every vector step,
/// which costs about 2× on this hardware; here four independent accumulators use the native (non-IEEE) vector
/// max/min, a separate mask records whether any element was NaN (x ≠ x), and the rare cases the native instruction
/// gets wrong are handed to TensorPrimitives: any NaN present (the result is then NaN), or a result of ±0 (so that
/// max(−0, +0) = +0 exactly). The tail is one overlapping vector (max is idempotent).
/// The reference twin is TensorPrimitives.Max/Min itself; tests compare both on NaN, ±0 and tails.
/// </summary>
internal static class MinMaxKernel
{
    public static T Reduce<T, TSel>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> where TSel : IExtremeSelector<T>
    {
        int count = Vector512<T>.Count, n = x.Length;
        if (!Vector512.IsHardwareAccelerated || !Vector512<T>.IsSupported || n < 4 * count)
            return Fallback<T, TSel>(x);
        ref T r = ref MemoryMarshal.GetReference(x);
        var m0 = Vector512.LoadUnsafe(ref r);
        var m1 = m0;
        var m2 = m0;
        var m3 = m0;
        var nan = Vector512<T>.Zero;
        int i = 0;
        for (; i <= n - 4 * count; i += 4 * count)
        {
            var v0 = Vector512.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref r, (nuint)(i + count));
            var v2 = Vector512.LoadUnsafe(ref r, (nuint)(i + 2 * count));
            var v3 = Vector512.LoadUnsafe(ref r, (nuint)(i + 3 * count));
            m0 = TSel.Pick(m0, v0);
            m1 = TSel.Pick(m1, v1);
            m2 = TSel.Pick(m2, v2);
            m3 = TSel.Pick(m3, v3);
            nan |= ~(Vector512.Equals(v0, v0) & Vector512.Equals(v1, v1) & Vector512.Equals(v2, v2) & Vector512.Equals(v3, v3));
        }
        for (; i < n; i += count)
        {
            var v = Vector512.LoadUnsafe(ref r, (nuint)Math.Min(i, n - count));
            m0 = TSel.Pick(m0, v);
            nan |= ~Vector512.Equals(v, v);
        }
        if (nan != Vector512<T>.Zero) return Fallback<T, TSel>(x);
        var m = TSel.Pick(TSel.Pick(m0, m1), TSel.Pick(m2, m3));
        T result = m.GetElement(0);
        for (int k = 1; k < count; k++) result = TSel.Pick(result, m.GetElement(k));
        return T.IsZero(result) ? Fallback<T, TSel>(x) : result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Fallback<T, TSel>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> where TSel : IExtremeSelector<T>
        => typeof(TSel) == typeof(PickMax<T>) ? TensorPrimitives.Max(x) : TensorPrimitives.Min(x);
}
