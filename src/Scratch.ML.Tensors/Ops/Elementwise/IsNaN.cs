using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = (x is NaN)</c> as a <see cref="bool"/> tensor. Special values: isnan(±∞) = false. Not differentiable (a mask).
/// Kernel: <see cref="CompareKernel"/>.
/// </summary>
public readonly struct IsNaNOperator<T> : IMapOperator<T, bool>, IUnaryPredicate<T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "isnan";
    /// <inheritdoc />
    public bool Invoke(T x) => T.IsNaN(x);
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<bool> y) => CompareKernel.Test<T, IsNaNOperator<T>>(x, y);
    static bool IUnaryPredicate<T>.Invoke(T x) => T.IsNaN(x);
    static Vector512<T> IUnaryPredicate<T>.Invoke(Vector512<T> x) => ~Vector512.Equals(x, x);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise test <c>x is NaN</c>, as a bool mask (see <see cref="IsNaNOperator{T}"/>).</summary>
        public Tensor<bool> IsNaN() => ElementwiseMap.Map<T, bool, IsNaNOperator<T>>(x, default);
    }
}
