using Scratch.ML.Operators;

namespace Scratch.ML;

public partial interface ITensorBackend
{
    /// <summary>
    /// <c>y[i] = op(x[i])</c> for a type-changing or parameterised elementwise function; <paramref name="x"/> and
    /// <paramref name="y"/> have equal shapes. When the element types are equal, y may be x itself (in place).
    /// </summary>
    void Map<TIn, TOut, TOp>(Tensor<TIn> x, Tensor<TOut> y, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOperator<TIn, TOut>;

    /// <summary><c>y[i] = op(a[i], b[i])</c>; a and b are already broadcast to y's shape; y does not overlap them.</summary>
    void Zip<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, Tensor<TOut> y, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut>;

    /// <summary>
    /// <c>y[i] = condition[i] ? a[i] : b[i]</c>; all three are already broadcast to y's shape; y does not overlap them.
    /// </summary>
    void Where<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged;
}
