using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// The comparison <c>y = (a ≤ b)</c> into a <see cref="bool"/> tensor. Special values: false whenever either is NaN. Not differentiable
/// (the result is a mask). Kernel: <see cref="CompareKernel"/> (Vector512 compare, mask bits expanded to bytes).
/// </summary>
public readonly struct LeOperator<T> : IZipOperator<T, bool>, IComparePredicate<T> where T : INumber<T>
{
    /// <inheritdoc />
    public string Name => "le";
    /// <inheritdoc />
    public bool Invoke(T a, T b) => a <= b;
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<bool> y) => CompareKernel.Compare<T, LeOperator<T>>(a, b, y);
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> a, T b, Span<bool> y) => CompareKernel.Compare<T, LeOperator<T>>(a, b, y);
    /// <inheritdoc />
    public void Invoke(T a, ReadOnlySpan<T> b, Span<bool> y) => CompareKernel.Compare<T, LeOperator<T>>(a, b, y);
    static bool IComparePredicate<T>.Invoke(T a, T b) => a <= b;
    static Vector512<T> IComparePredicate<T>.Invoke(Vector512<T> a, Vector512<T> b) => Vector512.LessThanOrEqual(a, b);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>a ≤ b</c> with broadcasting, as a bool mask (see <see cref="LeOperator{T}"/>).</summary>
        public Tensor<bool> Le(Tensor<T> b) => ElementwiseMap.Zip<T, bool, LeOperator<T>>(a, b, default);
        /// <summary>Elementwise <c>a ≤ b</c> against a scalar, as a bool mask.</summary>
        public Tensor<bool> Le(T b) => ElementwiseMap.Zip<T, bool, LeOperator<T>>(a, b, default);
    }
}
