using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// The contract between op call sites and a device: the primitive operations every backend implements. Public ops
/// (<c>Tensor.Exp</c>, <c>MatMul</c>, …) validate arguments, compute output shapes and broadcast strides, allocate the
/// result on the inputs' device and call exactly one of these members; a new backend (OpenCL, CUDA) implements this
/// interface and no op call site changes. See <c>docs/architecture.md</c>.
/// </summary>
/// <remarks>
/// Every tensor argument carries (storage, shape, strides, offset): kernels address storage by element offset, never
/// by pointer arithmetic, which is what OpenCL buffers require. Inputs have already been broadcast to the output's
/// shape (broadcast axes have stride 0). Outputs may be strided views (in-place ops write through views).
/// A backend that lacks a kernel throws <see cref="NotSupportedException"/> naming the op and the device.
/// The interface is partial: each family of primitives declares its members in its own file.
/// </remarks>
public partial interface ITensorBackend
{
    /// <summary>The device this backend computes on.</summary>
    Device Device { get; }

    /// <summary>Allocates zero-filled storage of <paramref name="length"/> elements.</summary>
    TensorStorage<T> Allocate<T>(int length) where T : unmanaged;

    /// <summary>Allocates storage holding a copy of <paramref name="data"/>.</summary>
    TensorStorage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged;

    /// <summary>Copies the elements of <paramref name="source"/> (any layout) in row-major order to host memory.</summary>
    void Download<T>(Tensor<T> source, Span<T> destination) where T : unmanaged;

    /// <summary><c>destination[i] = source[i]</c> for two tensors of equal shape with any layouts.</summary>
    void Copy<T>(Tensor<T> source, Tensor<T> destination) where T : unmanaged;

    /// <summary><c>destination[i] = value</c>.</summary>
    void Fill<T>(Tensor<T> destination, T value) where T : unmanaged;

    /// <summary><c>y[i] = TOp(x[i])</c>; <paramref name="x"/> and <paramref name="y"/> have equal shapes.</summary>
    void Unary<T, TOp>(Tensor<T> x, Tensor<T> y) where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>;

    /// <summary><c>y[i] = TOp(a[i], b[i])</c>; <paramref name="a"/> and <paramref name="b"/> are already broadcast to y's shape.</summary>
    void Binary<T, TOp>(Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>;
}
