using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014; PyTorch's <c>nn.Dropout</c>): in training mode each element is zeroed
/// with probability p and the survivors are scaled by 1/(1 − p), so E[y] = x and nothing changes at evaluation time;
/// in eval mode (<see cref="Module{T}.Eval"/>) it is the identity. Shapes: x (*) → y (*).
/// Gradient: ∂L/∂x = g·mask/(1 − p) with the same mask.
/// </summary>
/// <remarks>
/// The mask is drawn from the layer's own <see cref="Generator"/> (given, or forked from the library-wide generator
/// at construction), so a seeded network drops the same elements run after run. p = 1 zeroes everything (as PyTorch).
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Dropout<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Generator generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1] (default 0.5).</param>
    /// <param name="generator">The mask randomness (default: a fork of the library-wide generator, see <see cref="Init.ManualSeed"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: probability p must be in [0, 1], got {p}.");
        P = p;
        this.generator = Init.Resolve(generator);
    }

    /// <summary>The drop probability.</summary>
    public double P { get; }

    /// <summary>Training: x·mask/(1 − p) with mask ~ Bernoulli(1 − p); eval (or p = 0): x itself.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Training || P == 0) return input;
        if (P == 1) return input * T.Zero;
        var keep = Tensor.Bernoulli(1 - P, generator, input.ShapeArray()).Cast<T>();
        keep.MulInPlace(T.CreateChecked(1 / (1 - P)));
        if (!keep.Device.Equals(input.Device)) keep = keep.To(input.Device);
        return input * keep;
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"p={P}");
}
