namespace Scratch.ML.Operators;

/// <summary>
/// A reduction that needs a whole row at once (two-pass variance, max-shifted log-sum-exp, arbitrary-p norms): it
/// maps one contiguous row to one value. Implemented by structs whose fields carry parameters (ddof, p); the drivers
/// are generic over the struct, so calls are direct and inlinable.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IRowReduceOperator<T>
{
    /// <summary>The op's name (used in error messages and by GPU backends to find the kernel).</summary>
    string Name { get; }

    /// <summary>Reduces one contiguous row (possibly empty) to a value.</summary>
    T Reduce(ReadOnlySpan<T> row);
}

/// <summary>
/// A transform of whole rows along one axis (softmax, cumulative sums): <c>y = f(x)</c> for one contiguous row
/// of equal length in and out. <c>x</c> and <c>y</c> never overlap.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IRowTransformOperator<T>
{
    /// <summary>The op's name (used in error messages and by GPU backends to find the kernel).</summary>
    string Name { get; }

    /// <summary>Transforms one contiguous row.</summary>
    /// <param name="x">The input row.</param>
    /// <param name="y">The output row, of the same length, not overlapping x.</param>
    void Transform(ReadOnlySpan<T> x, Span<T> y);
}
