using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = (x is +∞ or −∞)</c> as a <see cref="bool"/> tensor. Special values: isinf(NaN) = false. Not differentiable (a mask).
/// Kernel: <see cref="CompareKernel"/>.
/// </summary>
public readonly struct IsInfOperator<T> : IMapOperator<T, bool>, IUnaryPredicate<T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "isinf";
    /// <inheritdoc />
    public bool Invoke(T x) => T.IsInfinity(x);
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<bool> y) => CompareKernel.Test<T, IsInfOperator<T>>(x, y);
    static bool IUnaryPredicate<T>.Invoke(T x) => T.IsInfinity(x);
    static Vector512<T> IUnaryPredicate<T>.Invoke(Vector512<T> x) => Vector512.Equals(Vector512.Abs(x), Vector512.Create(T.PositiveInfinity));
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise test <c>x is +∞ or −∞</c>, as a bool mask (see <see cref="IsInfOperator{T}"/>).</summary>
        public Tensor<bool> IsInf() => ElementwiseMap.Map<T, bool, IsInfOperator<T>>(x, default);
    }
}
