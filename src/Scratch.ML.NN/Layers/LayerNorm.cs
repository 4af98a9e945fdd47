using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Layer normalisation over the trailing <see cref="NormalizedShape"/> axes (PyTorch's <c>nn.LayerNorm</c>):
/// <c>y = (x − μ)/√(σ² + eps)·w + b</c> with the biased variance. Shapes: x (…, *normalized_shape) → same;
/// weight, bias (*normalized_shape), initialised to ones and zeros.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LayerNorm<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] normalizedShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dimensions to normalise over (at least one, each ≥ 1).</param>
    /// <param name="eps">Added to the variance (default 1e-5).</param>
    /// <param name="elementwiseAffine">Whether to learn w (and b) (default true).</param>
    /// <param name="bias">Whether to learn b when affine (default true, PyTorch ≥ 2.1).</param>
    /// <exception cref="ArgumentException">normalizedShape is empty or has a dimension below 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">eps is negative or not finite.</exception>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || Array.Exists(normalizedShape, d => d < 1))
            throw new ArgumentException($"LayerNorm: normalizedShape must be non-empty with dimensions >= 1, got {Shapes.Format(normalizedShape)}.", nameof(normalizedShape));
        if (!(eps >= 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be finite and >= 0.");
        this.normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones<T>(normalizedShape));
            if (bias) Bias = RegisterParameter("bias", Tensor.Zeros<T>(normalizedShape));
        }
    }

    /// <summary>Normalises over the last axis of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, bool bias = true)
        : this([normalizedShape], eps, elementwiseAffine, bias) { }

    /// <summary>The trailing dimensions normalised over.</summary>
    public ReadOnlySpan<int> NormalizedShape => normalizedShape;

    /// <summary>The variance epsilon.</summary>
    public double Eps { get; }

    /// <summary>w: (*normalized_shape), or null without affine.</summary>
    public Parameter<T>? Weight { get; }

    /// <summary>b: (*normalized_shape), or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>Normalises each row of the trailing axes (the fused <c>LayerNorm</c> tensor op).</summary>
    /// <exception cref="ArgumentException">The input does not end with <see cref="NormalizedShape"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.LayerNorm(normalizedShape, Weight?.Value, Bias?.Value, Eps);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"{Shapes.Format(normalizedShape)}, eps={Eps}, elementwise_affine={Weight is not null}");
}
