using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>
/// The managed SIMD backend: the default device and the reference every other backend is tested against. Each member
/// hands off to a loop driver that owns layouts (contiguous, row-strided, general), tails and threading.
/// </summary>
public sealed partial class CpuBackend : ITensorBackend
{
    private CpuBackend() { }

    /// <summary>The single instance, owned by <see cref="Device.Cpu"/>.</summary>
    public static CpuBackend Instance { get; } = new();

    /// <inheritdoc />
    public Device Device => Device.Cpu;

    /// <inheritdoc />
    /// <remarks>Large buffers come from <see cref="HostBufferPool{T}"/> (cleared) when the backward engine has returned one.</remarks>
    public TensorStorage<T> Allocate<T>(int length) where T : unmanaged => new CpuStorage<T>(HostBufferPool<T>.Rent(length, clear: true));

    /// <inheritdoc />
    public TensorStorage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged => new CpuStorage<T>(data.ToArray());

    /// <inheritdoc />
    public void Download<T>(Tensor<T> source, Span<T> destination) where T : unmanaged
    {
        var src = source.HostArray("Download");
        if (source.IsContiguous)
        {
            src.AsSpan(source.offset, source.Length).CopyTo(destination);
            return;
        }
        var flat = new RowIterator(source.shape, source.strides, source.strides);
        int inner = flat.Inner, k = 0;
        int sx = flat.InnerStrideA;
        for (int row = 0; row < flat.Rows; row++, flat.MoveNext())
        {
            int o = source.offset + flat.OffsetA;
            for (int j = 0; j < inner; j++, o += sx) destination[k++] = src[o];
        }
    }

    /// <inheritdoc />
    public void Copy<T>(Tensor<T> source, Tensor<T> destination) where T : unmanaged
        => CopyDriver.Copy(source, destination);

    /// <inheritdoc />
    public void Fill<T>(Tensor<T> destination, T value) where T : unmanaged
        => CopyDriver.Fill(destination, value);

    /// <inheritdoc />
    public void Unary<T, TOp>(Tensor<T> x, Tensor<T> y) where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>
        => UnaryDriver.Run<T, TOp>(x, y);

    /// <inheritdoc />
    public void Binary<T, TOp>(Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
        => BinaryDriver.Run<T, TOp>(a, b, y);
}
