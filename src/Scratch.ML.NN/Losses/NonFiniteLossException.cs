namespace Scratch.ML.NN;

/// <summary>
/// Thrown by <see cref="LossChecks.ThrowIfNotFinite{T}(Tensor{T}, string?)"/> when a loss holds NaN or ±∞ — usually
/// a diverging learning rate, log of zero in a hand-written loss, or bad input data.
/// </summary>
public sealed class NonFiniteLossException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was found.</param>
    /// <param name="nanCount">How many elements are NaN.</param>
    /// <param name="infinityCount">How many elements are ±∞.</param>
    /// <param name="firstIndex">The flat (row-major) index of the first non-finite element.</param>
    public NonFiniteLossException(string message, int nanCount, int infinityCount, int firstIndex) : base(message)
    {
        NanCount = nanCount;
        InfinityCount = infinityCount;
        FirstIndex = firstIndex;
    }

    /// <summary>Number of NaN elements in the loss.</summary>
    public int NanCount { get; }

    /// <summary>Number of +∞ or −∞ elements in the loss.</summary>
    public int InfinityCount { get; }

    /// <summary>Flat row-major index of the first non-finite element (0 for a scalar loss).</summary>
    public int FirstIndex { get; }
}
