using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public void Map<TIn, TOut, TOp>(Tensor<TIn> x, Tensor<TOut> y, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOperator<TIn, TOut>
        => MapDriver.Map(x, y, op);

    /// <inheritdoc />
    public void Zip<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, Tensor<TOut> y, TOp op)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut>
        => MapDriver.Zip(a, b, y, op);

    /// <inheritdoc />
    public void Where<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged
    {
        // y = b first (any layout, broadcasting through stride 0), then overwrite where the condition holds: the
        // select pass walks three operands, which is what RowIterator supports.
        CopyDriver.Copy(b, y);
        MapDriver.Select(condition, a, y);
    }
}
