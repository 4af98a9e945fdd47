using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = (x is neither infinite nor NaN)</c> as a <see cref="bool"/> tensor. Special values: isfinite(NaN) = false, isfinite(±∞) = false. Not differentiable (a mask).
/// Kernel: <see cref="CompareKernel"/>.
/// </summary>
public readonly struct IsFiniteOperator<T> : IMapOperator<T, bool>, IUnaryPredicate<T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "isfinite";
    /// <inheritdoc />
    public bool Invoke(T x) => T.IsFinite(x);
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<bool> y) => CompareKernel.Test<T, IsFiniteOperator<T>>(x, y);
    static bool IUnaryPredicate<T>.Invoke(T x) => T.IsFinite(x);
    static Vector512<T> IUnaryPredicate<T>.Invoke(Vector512<T> x) => Vector512.LessThan(Vector512.Abs(x), Vector512.Create(T.PositiveInfinity));
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise test <c>x is neither infinite nor NaN</c>, as a bool mask (see <see cref="IsFiniteOperator{T}"/>).</summary>
        public Tensor<bool> IsFinite() => ElementwiseMap.Map<T, bool, IsFiniteOperator<T>>(x, default);
    }
}
