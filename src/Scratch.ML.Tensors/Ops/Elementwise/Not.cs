using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>Logical <c>y = ¬x</c> of a bool tensor: bytes 0/1 XOR 1 (TensorPrimitives.Xor over the reinterpreted span).</summary>
public readonly struct LogicalNotOperator : IMapOperator<bool, bool>
{
    /// <inheritdoc />
    public string Name => "logical_not";
    /// <inheritdoc />
    public bool Invoke(bool x) => !x;
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<bool> x, Span<bool> y)
        => TensorPrimitives.Xor(MemoryMarshal.Cast<bool, byte>(x), (byte)1, MemoryMarshal.Cast<bool, byte>(y));
}

public static partial class Tensor
{
    extension(Tensor<bool> x)
    {
        /// <summary>Elementwise logical negation.</summary>
        public Tensor<bool> Not() => ElementwiseMap.Map<bool, bool, LogicalNotOperator>(x, default);
        /// <summary>In-place logical negation; returns x.</summary>
        public Tensor<bool> NotInPlace() => ElementwiseMap.MapInPlace(x, default(LogicalNotOperator));

        /// <summary>Elementwise logical negation.</summary>
        public static Tensor<bool> operator !(Tensor<bool> value) => ElementwiseMap.Map<bool, bool, LogicalNotOperator>(value, default);
    }
}
