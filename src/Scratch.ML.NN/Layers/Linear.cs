using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

/// <summary>
/// A fully connected layer <c>y = x·Wᵀ + b</c> (PyTorch's <c>nn.Linear</c>).
/// Shapes: x (…, in) → y (…, out); W (out, in); b (out).
/// </summary>
/// <remarks>
/// Initialisation matches PyTorch: W and b ~ U(−1/√in, 1/√in) (Kaiming-uniform with a = √5). The weight is stored
/// (out, in) like PyTorch, so state dicts load directly; the product reads Wᵀ through strides (no copy).
/// The forward pass is the fused <c>Tensor.Linear</c> op (addmm: the output starts as b and one GEMM accumulates
/// x·Wᵀ into it) with one backward node giving ∂L/∂x = g·W, ∂L/∂W = gᵀ·x and ∂L/∂b = Σ g over the leading axes.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Linear<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inFeatures">Size of the last input axis (≥ 1).</param>
    /// <param name="outFeatures">Size of the last output axis (≥ 1).</param>
    /// <param name="bias">Whether to add a learnable bias.</param>
    /// <param name="generator">Initialisation randomness (default: the library-wide generator, see <see cref="Init.ManualSeed"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is below 1.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var g = Init.Resolve(generator);
        double bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", Tensor.Uniform<T>(-bound, bound, g, outFeatures, inFeatures));
        if (bias) Bias = RegisterParameter("bias", Tensor.Uniform<T>(-bound, bound, g, outFeatures));
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>W: (out, in).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b: (out), or null without bias.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>y = x·Wᵀ + b. x: (…, in) → (…, out).</summary>
    /// <exception cref="ArgumentException">The last axis of x is not <see cref="InFeatures"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Shape[^1] != InFeatures)
            throw new ArgumentException($"Linear: expected input (…, {InFeatures}), got {Shapes.Format(input.Shape)}.", nameof(input));
        return input.Linear(Weight.Value, Bias?.Value);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={Bias is not null}";
}
