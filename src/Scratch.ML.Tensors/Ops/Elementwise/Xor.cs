using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// Logical <c>y = a ⊕ b</c> of two bool tensors. Bools are stored as bytes 0/1, so the kernel is TensorPrimitives'
/// byte-wise <c>Xor</c> over the reinterpreted spans.
/// </summary>
public readonly struct LogicalXorOperator : IZipOperator<bool, bool>
{
    /// <inheritdoc />
    public string Name => "logical_xor";
    /// <inheritdoc />
    public bool Invoke(bool a, bool b) => a ^ b;
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> y)
        => TensorPrimitives.Xor(MemoryMarshal.Cast<bool, byte>(a), MemoryMarshal.Cast<bool, byte>(b), MemoryMarshal.Cast<bool, byte>(y));
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<bool> a, bool b, Span<bool> y)
        => TensorPrimitives.Xor(MemoryMarshal.Cast<bool, byte>(a), b ? (byte)1 : (byte)0, MemoryMarshal.Cast<bool, byte>(y));
    /// <inheritdoc />
    public void Invoke(bool a, ReadOnlySpan<bool> b, Span<bool> y)
        => TensorPrimitives.Xor(MemoryMarshal.Cast<bool, byte>(b), a ? (byte)1 : (byte)0, MemoryMarshal.Cast<bool, byte>(y));
}

public static partial class Tensor
{
    extension(Tensor<bool> a)
    {
        /// <summary>Elementwise logical <c>a ⊕ b</c> with broadcasting.</summary>
        public Tensor<bool> Xor(Tensor<bool> b) => ElementwiseMap.Zip<bool, bool, LogicalXorOperator>(a, b, default);

        /// <summary>Elementwise logical <c>a ⊕ b</c> with broadcasting.</summary>
        public static Tensor<bool> operator ^(Tensor<bool> x, Tensor<bool> y) => ElementwiseMap.Zip<bool, bool, LogicalXorOperator>(x, y, default);
    }
}
