using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML;

/// <summary>A predicate of two values with a <see cref="Vector512{T}"/> form returning an all-ones/all-zeros lane mask.</summary>
internal interface IComparePredicate<T>
{
    static abstract bool Invoke(T a, T b);
    static abstract Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);
}

/// <summary>A predicate of one value with a <see cref="Vector512{T}"/> lane-mask form (IsNaN, IsInf, IsFinite).</summary>
internal interface IUnaryPredicate<T>
{
    static abstract bool Invoke(T x);
    static abstract Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>
/// Vector kernels producing <see cref="bool"/> tensors. A compare gives a lane mask; its sign bits
/// (<see cref="Vector512.ExtractMostSignificantBits{T}(Vector512{T})"/>) are expanded eight at a time to eight bytes of
/// 0/1 through a 256-entry table, so one 64-bit store writes eight bools.
/// </summary>
internal static class CompareKernel
{
    /// <summary>ByteMasks[k] has byte j = bit j of k.</summary>
    private static readonly ulong[] ByteMasks = BuildByteMasks();

    private static ulong[] BuildByteMasks()
    {
        var t = new ulong[256];
        for (int k = 0; k < 256; k++)
            for (int j = 0; j < 8; j++)
                if ((k & (1 << j)) != 0) t[k] |= 1UL << (8 * j);
        return t;
    }

    private static bool Vectorised<T>() => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && Vector512<T>.Count >= 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMask<T>(Vector512<T> mask, ref byte y)
    {
        ulong bits = Vector512.ExtractMostSignificantBits(mask);
        for (int g = 0; g < Vector512<T>.Count; g += 8, bits >>= 8)
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref y, g), ByteMasks[(int)(bits & 0xFF)]);
    }

    public static void Compare<T, TP>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<bool> y) where TP : IComparePredicate<T>
    {
        if (b.Length != a.Length || y.Length < a.Length)
            throw new ArgumentException($"Span lengths differ: a {a.Length}, b {b.Length}, y {y.Length}.");
        int i = 0, n = a.Length;
        if (Vectorised<T>())
        {
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T br = ref MemoryMarshal.GetReference(b);
            ref byte yr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(y));
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                StoreMask(TP.Invoke(Vector512.LoadUnsafe(ref ar, (nuint)i), Vector512.LoadUnsafe(ref br, (nuint)i)), ref Unsafe.Add(ref yr, i));
        }
        for (; i < n; i++) y[i] = TP.Invoke(a[i], b[i]);
    }

    public static void Compare<T, TP>(ReadOnlySpan<T> a, T b, Span<bool> y) where TP : IComparePredicate<T>
    {
        if (y.Length < a.Length) throw new ArgumentException($"Destination is too short: {y.Length} < {a.Length}.", nameof(y));
        int i = 0, n = a.Length;
        if (Vectorised<T>())
        {
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref byte yr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(y));
            var bv = Vector512.Create(b);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                StoreMask(TP.Invoke(Vector512.LoadUnsafe(ref ar, (nuint)i), bv), ref Unsafe.Add(ref yr, i));
        }
        for (; i < n; i++) y[i] = TP.Invoke(a[i], b);
    }

    public static void Compare<T, TP>(T a, ReadOnlySpan<T> b, Span<bool> y) where TP : IComparePredicate<T>
    {
        if (y.Length < b.Length) throw new ArgumentException($"Destination is too short: {y.Length} < {b.Length}.", nameof(y));
        int i = 0, n = b.Length;
        if (Vectorised<T>())
        {
            ref T br = ref MemoryMarshal.GetReference(b);
            ref byte yr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(y));
            var av = Vector512.Create(a);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                StoreMask(TP.Invoke(av, Vector512.LoadUnsafe(ref br, (nuint)i)), ref Unsafe.Add(ref yr, i));
        }
        for (; i < n; i++) y[i] = TP.Invoke(a, b[i]);
    }

    public static void Test<T, TP>(ReadOnlySpan<T> x, Span<bool> y) where TP : IUnaryPredicate<T>
    {
        if (y.Length < x.Length) throw new ArgumentException($"Destination is too short: {y.Length} < {x.Length}.", nameof(y));
        int i = 0, n = x.Length;
        if (Vectorised<T>())
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref byte yr = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(y));
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                StoreMask(TP.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i)), ref Unsafe.Add(ref yr, i));
        }
        for (; i < n; i++) y[i] = TP.Invoke(x[i]);
    }
}
