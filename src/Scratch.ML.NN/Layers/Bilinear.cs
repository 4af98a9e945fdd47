using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

/// <summary>
/// A bilinear map <c>y_o = x₁ᵀ·A_o·x₂ + b_o</c> (PyTorch's <c>nn.Bilinear</c>). Shapes: x₁ (…, in1), x₂ (…, in2) with
/// the same leading axes → y (…, out); A (out, in1, in2); b (out). Two inputs, so it is a <see cref="Module{T}"/>
/// rather than a single-input <see cref="Layer{T}"/>.
/// </summary>
/// <remarks>
/// Initialisation matches PyTorch: A and b ~ U(−1/√in1, 1/√in1). Computed as one matmul
/// <c>u = x₁·A'</c> with A' = A permuted to (in1, out·in2), then <c>y_o = Σ_j u_(o,j)·x₂_j</c>; gradients come from the
/// matmul, product and sum VJPs: ∂L/∂A_oij = Σ g_o·x₁_i·x₂_j, ∂L/∂x₁ = Σ_o g_o·A_o·x₂, ∂L/∂x₂ = Σ_o g_o·A_oᵀ·x₁.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Bilinear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="in1Features">Size of x₁'s last axis (≥ 1).</param>
    /// <param name="in2Features">Size of x₂'s last axis (≥ 1).</param>
    /// <param name="outFeatures">Output size (≥ 1).</param>
    /// <param name="bias">Whether to learn b.</param>
    /// <param name="generator">Initialisation randomness (default: the library-wide generator).</param>
    /// <exception cref="ArgumentOutOfRangeException">A feature count is below 1.</exception>
    public Bilinear(int in1Features, int in2Features, int outFeatures, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(in1Features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(in2Features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        In1Features = in1Features;
        In2Features = in2Features;
        OutFeatures = outFeatures;
        var g = Init.Resolve(generator);
        double bound = 1.0 / Math.Sqrt(in1Features);
        Weight = RegisterParameter("weight", Tensor.Uniform<T>(-bound, bound, g, outFeatures, in1Features, in2Features));
        if (bias) Bias = RegisterParameter("bias", Tensor.Uniform<T>(-bound, bound, g, outFeatures));
    }

    /// <summary>in1.</summary>
    public int In1Features { get; }

    /// <summary>in2.</summary>
    public int In2Features { get; }

    /// <summary>out.</summary>
    public int OutFeatures { get; }

    /// <summary>A: (out, in1, in2).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>b: (out), or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>y = x₁ᵀ·A·x₂ + b. x₁ (…, in1), x₂ (…, in2) → (…, out).</summary>
    /// <exception cref="ArgumentException">A last axis has the wrong size or the leading axes differ.</exception>
    public Tensor<T> Forward(Tensor<T> input1, Tensor<T> input2)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        if (input1.Rank == 0 || input1.Shape[^1] != In1Features)
            throw new ArgumentException($"Bilinear: expected input1 (…, {In1Features}), got {Shapes.Format(input1.Shape)}.", nameof(input1));
        if (input2.Rank == 0 || input2.Shape[^1] != In2Features)
            throw new ArgumentException($"Bilinear: expected input2 (…, {In2Features}), got {Shapes.Format(input2.Shape)}.", nameof(input2));
        if (!Shapes.Equal(input1.Shape[..^1], input2.Shape[..^1]))
            throw new ArgumentException($"Bilinear: the leading axes of input1 {Shapes.Format(input1.Shape)} and input2 {Shapes.Format(input2.Shape)} must match.", nameof(input2));
        var lead = input1.Shape[..^1].ToArray();
        var x1 = input1.Reshape(-1, In1Features);                                   // (N, in1)
        var x2 = input2.Reshape(-1, 1, In2Features);                                // (N, 1, in2)
        var a = Weight.Value.Permute(1, 0, 2).Reshape(In1Features, OutFeatures * In2Features); // (in1, out·in2)
        var u = x1.MatMul(a).Reshape(-1, OutFeatures, In2Features);                 // (N, out, in2)
        var y = (u * x2).Sum(-1);                                                   // (N, out)
        if (Bias is not null) y += Bias.Value;
        return y.Reshape([.. lead, OutFeatures]);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"in1_features={In1Features}, in2_features={In2Features}, out_features={OutFeatures}, bias={Bias is not null}";
}
