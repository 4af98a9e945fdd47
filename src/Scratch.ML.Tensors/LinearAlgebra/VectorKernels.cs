using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// The level-1 building blocks of the decompositions, on contiguous rows: <c>y += α·x</c>, dot products and plane
/// rotations. Axpy and dot go through <see cref="TensorPrimitives"/> (SIMD, any width); rotations use
/// <see cref="Vector512{T}"/> where the CPU has AVX-512 (else <see cref="Vector{T}"/>) with a scalar tail.
/// </summary>
internal static class VectorKernels
{
    /// <summary><c>y ← y + α·x</c> (BLAS axpy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
        => TensorPrimitives.MultiplyAdd(x, alpha, y, y);

    /// <summary><c>Σ xᵢ·yᵢ</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : IFloatingPointIeee754<T>
        => TensorPrimitives.Dot(x, y);

    /// <summary>
    /// The plane rotation <c>(x, y) ← (c·x + s·y, −s·x + c·y)</c> applied elementwise to two equally long rows.
    /// </summary>
    public static void Rotate<T>(Span<T> x, Span<T> y, T c, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count)
        {
            if (y.Length < n) throw new ArgumentException("Rotate: y is shorter than x.", nameof(y));
            ref T rx = ref MemoryMarshal.GetReference(x);
            ref T ry = ref MemoryMarshal.GetReference(y);
            var wc = Vector512.Create(c);
            var ws = Vector512.Create(s);
            int last = n - Vector512<T>.Count;
            for (; i <= last; i += Vector512<T>.Count)
            {
                var a = Vector512.LoadUnsafe(ref rx, (nuint)i);
                var b = Vector512.LoadUnsafe(ref ry, (nuint)i);
                (wc * a + ws * b).StoreUnsafe(ref rx, (nuint)i);
                (wc * b - ws * a).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..n]);
            var vc = new Vector<T>(c);
            var vs = new Vector<T>(s);
            for (int k = 0; k < vx.Length; k++)
            {
                var a = vx[k];
                var b = vy[k];
                vx[k] = vc * a + vs * b;
                vy[k] = vc * b - vs * a;
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < n; i++)
        {
            T a = x[i], b = y[i];
            x[i] = c * a + s * b;
            y[i] = c * b - s * a;
        }
    }

    /// <summary>The three inner products <c>x·x</c>, <c>y·y</c>, <c>x·y</c> in one pass (one-sided Jacobi).</summary>
    public static void Gram<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, out T xx, out T yy, out T xy) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        T sxx = T.Zero, syy = T.Zero, sxy = T.Zero;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= Vector512<T>.Count)
        {
            var wx = MemoryMarshal.Cast<T, Vector512<T>>(x);
            var wy = MemoryMarshal.Cast<T, Vector512<T>>(y[..n]);
            Vector512<T> axx = Vector512<T>.Zero, ayy = Vector512<T>.Zero, axy = Vector512<T>.Zero;
            for (int k = 0; k < wx.Length; k++)
            {
                var a = wx[k];
                var b = wy[k];
                axx += a * a;
                ayy += b * b;
                axy += a * b;
            }
            sxx = Vector512.Sum(axx);
            syy = Vector512.Sum(ayy);
            sxy = Vector512.Sum(axy);
            i = wx.Length * Vector512<T>.Count;
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y[..n]);
            Vector<T> axx = Vector<T>.Zero, ayy = Vector<T>.Zero, axy = Vector<T>.Zero;
            for (int k = 0; k < vx.Length; k++)
            {
                var a = vx[k];
                var b = vy[k];
                axx += a * a;
                ayy += b * b;
                axy += a * b;
            }
            sxx = Vector.Sum(axx);
            syy = Vector.Sum(ayy);
            sxy = Vector.Sum(axy);
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < n; i++)
        {
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }
        xx = sxx;
        yy = syy;
        xy = sxy;
    }

    /// <summary>√(x² + z²) without the cost of a scaled hypot when no overflow or harmful underflow can occur.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Hypot<T>(T x, T z) where T : IFloatingPointIeee754<T>
    {
        T r = T.Sqrt(x * x + z * z);
        return T.IsFinite(r) && r > T.Sqrt(T.Epsilon) * T.CreateTruncating(1e10) ? r : T.Hypot(x, z);
    }

    /// <summary>Swaps two equally long rows.</summary>
    public static void Swap<T>(Span<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) (x[i], y[i]) = (y[i], x[i]);
    }
}
