using Scratch.ML.Rng;

namespace Scratch.ML;

public partial interface ITensorBackend
{
    /// <summary>
    /// Overwrites the contiguous <paramref name="destination"/> with the fixed-rate random draws described by
    /// <paramref name="fill"/> (Philox4x32-10 counters; layout in <see cref="PhiloxFill"/> and <c>docs/random.md</c>).
    /// </summary>
    void RandomFill<T>(Tensor<T> destination, PhiloxFill fill) where T : unmanaged;
}
