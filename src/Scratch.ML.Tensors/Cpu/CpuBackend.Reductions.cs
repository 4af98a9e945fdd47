using System.Numerics;
using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public void Reduce<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y) where T : unmanaged where TOp : struct, IReduceOperator<TOp, T>
        => ReduceDriver.Run<T, TOp>(x, axes, y);

    /// <inheritdoc />
    public void ReduceRows<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowReduceOperator<T>
        => RowsDriver.Reduce(x, axes, y.HostArray(op.Name), y.offset, y.Length, new RowReduceAdapter<T, TOp>(op), rowMajor: false);

    /// <inheritdoc />
    public void ArgReduce<T>(Tensor<T> x, int[] axes, Tensor<long> y, bool max) where T : unmanaged, INumber<T>
    {
        var ys = y.HostArray(max ? "argmax" : "argmin");
        if (max) RowsDriver.Reduce(x, axes, ys, y.offset, y.Length, new ArgExtremum<T, MaxSelector<T>>(), rowMajor: true);
        else RowsDriver.Reduce(x, axes, ys, y.offset, y.Length, new ArgExtremum<T, MinSelector<T>>(), rowMajor: true);
    }

    /// <inheritdoc />
    public void CountNonzero<T>(Tensor<T> x, int[] axes, Tensor<long> y) where T : unmanaged, INumberBase<T>
        => RowsDriver.Reduce(x, axes, y.HostArray("count_nonzero"), y.offset, y.Length, new NonzeroCounter<T>(), rowMajor: false);

    /// <inheritdoc />
    public void TransformRows<T, TOp>(Tensor<T> x, int axis, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowTransformOperator<T>
        => RowsDriver.Transform(x, axis, y, op);

    /// <inheritdoc />
    public void Sort<T>(Tensor<T> x, int axis, bool descending, Tensor<T>? values, Tensor<long>? indices) where T : unmanaged, INumber<T>
        => SortDriver.Run(x, axis, descending, values, indices);
}
