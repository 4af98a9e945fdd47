using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Root-mean-square normalisation over the trailing <see cref="NormalizedShape"/> axes (PyTorch 2.4's
/// <c>nn.RMSNorm</c>): <c>y = x/√(mean(x²) + eps)·w</c>. Shapes: x (…, *normalized_shape) → same;
/// weight (*normalized_shape), initialised to ones. No centring and no bias.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RmsNorm<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] normalizedShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dimensions (at least one, each ≥ 1).</param>
    /// <param name="eps">Added to the mean square; null (default) = the machine epsilon of T, as PyTorch's <c>eps=None</c>.</param>
    /// <param name="elementwiseAffine">Whether to learn w (default true).</param>
    /// <exception cref="ArgumentException">normalizedShape is empty or has a dimension below 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">eps is negative or not finite.</exception>
    public RmsNorm(int[] normalizedShape, double? eps = null, bool elementwiseAffine = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || Array.Exists(normalizedShape, d => d < 1))
            throw new ArgumentException($"RmsNorm: normalizedShape must be non-empty with dimensions >= 1, got {Shapes.Format(normalizedShape)}.", nameof(normalizedShape));
        if (eps is double e && (!(e >= 0) || double.IsInfinity(e)))
            throw new ArgumentOutOfRangeException(nameof(eps), e, "RmsNorm: eps must be finite and >= 0.");
        this.normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine) Weight = RegisterParameter("weight", Tensor.Ones<T>(normalizedShape));
    }

    /// <summary>Normalises over the last axis of size <paramref name="normalizedShape"/>.</summary>
    public RmsNorm(int normalizedShape, double? eps = null, bool elementwiseAffine = true)
        : this([normalizedShape], eps, elementwiseAffine) { }

    /// <summary>The trailing dimensions normalised over.</summary>
    public ReadOnlySpan<int> NormalizedShape => normalizedShape;

    /// <summary>The epsilon, or null for the machine epsilon of T.</summary>
    public double? Eps { get; }

    /// <summary>w: (*normalized_shape), or null.</summary>
    public Parameter<T>? Weight { get; }

    /// <summary>Normalises each row (the fused <c>RmsNorm</c> tensor op).</summary>
    /// <exception cref="ArgumentException">The input does not end with <see cref="NormalizedShape"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.RmsNorm(normalizedShape, Weight?.Value, Eps);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"{Shapes.Format(normalizedShape)}, eps={Eps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None"}, elementwise_affine={Weight is not null}");
}
