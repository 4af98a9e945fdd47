using System.Numerics;
using Scratch.ML.Operators;

namespace Scratch.ML;

// Reduction, scan and sort primitives (see Ops/Reductions, Ops/Scans, Ops/Sorting and Cpu/ReduceDriver.cs).
public partial interface ITensorBackend
{
    /// <summary>
    /// <c>y = TOp-reduce(x)</c> over <paramref name="axes"/> (sorted, distinct, non-empty unless x is 0-d);
    /// <paramref name="y"/> is contiguous with x's shape except that reduced axes have size 1.
    /// </summary>
    void Reduce<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y) where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>;

    /// <summary>
    /// <c>y[o] = op.Reduce(row o)</c>, a row being the elements of x over <paramref name="axes"/> at one kept position;
    /// <paramref name="y"/> is contiguous with the keep-dims shape.
    /// </summary>
    void ReduceRows<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowReduceOperator<T>;

    /// <summary>
    /// The index (row-major over <paramref name="axes"/>) of the first maximum (<paramref name="max"/>) or minimum of
    /// each row; NaN counts as the extreme (the first NaN wins). <paramref name="y"/> is contiguous, keep-dims shape.
    /// </summary>
    void ArgReduce<T>(Tensor<T> x, int[] axes, Tensor<long> y, bool max) where T : unmanaged, INumber<T>;

    /// <summary>The number of non-zero elements of each row (NaN counts as non-zero, −0 as zero); y is contiguous, keep-dims shape.</summary>
    void CountNonzero<T>(Tensor<T> x, int[] axes, Tensor<long> y) where T : unmanaged, INumberBase<T>;

    /// <summary><c>y = op(x)</c> row by row along <paramref name="axis"/>; x and y have equal shapes and do not overlap.</summary>
    void TransformRows<T, TOp>(Tensor<T> x, int axis, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowTransformOperator<T>;

    /// <summary>
    /// Stable sort of every row along <paramref name="axis"/> (NaN last ascending, first descending), writing the first
    /// k sorted values and/or their source indices, k being the outputs' size along the axis. The outputs (either may
    /// be null, not both) are contiguous with x's shape except along the axis.
    /// </summary>
    void Sort<T>(Tensor<T> x, int axis, bool descending, Tensor<T>? values, Tensor<long>? indices) where T : unmanaged, INumber<T>;
}
