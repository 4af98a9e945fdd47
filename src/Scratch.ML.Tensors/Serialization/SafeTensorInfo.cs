namespace Scratch.ML.Serialization;

/// <summary>One validated header entry of a safetensors file.</summary>
/// <param name="Name">The tensor's key (e.g. <c>0.weight</c>).</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The dimensions (empty for a 0-d tensor); every entry ≥ 0.</param>
/// <param name="Begin">Start of the tensor's bytes, relative to the start of the byte buffer.</param>
/// <param name="End">End (exclusive) of the tensor's bytes; <c>End − Begin = Π Shape × SizeOf(DType)</c>.</param>
public sealed record SafeTensorInfo(string Name, SafeTensorsDType DType, int[] Shape, long Begin, long End)
{
    /// <summary>The number of elements, <c>Π Shape</c> (1 for a 0-d tensor).</summary>
    public int Length => Shapes.Numel(Shape);

    /// <summary>The shape formatted like <c>(16, 8)</c>.</summary>
    public override string ToString() => $"{Name}: {DType} {Shapes.Format(Shape)} bytes [{Begin}, {End})";
}
