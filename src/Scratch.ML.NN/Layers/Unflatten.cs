using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Splits axis <see cref="Dim"/> into <see cref="Sizes"/> (PyTorch's <c>nn.Unflatten</c>): (N, 12) with dim 1 and sizes
/// (3, 4) becomes (N, 3, 4). One size may be −1 (inferred). The inverse of <see cref="Flatten{T}"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Unflatten<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] sizes;

    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The axis to split (negative counts from the end).</param>
    /// <param name="sizes">The new sizes (at least one; each ≥ 0 except at most one −1).</param>
    /// <exception cref="ArgumentException">sizes is empty, has a value below −1, or more than one −1.</exception>
    public Unflatten(int dim, params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0) throw new ArgumentException("Unflatten: sizes must not be empty.", nameof(sizes));
        if (Array.Exists(sizes, s => s < -1) || sizes.Count(s => s == -1) > 1)
            throw new ArgumentException($"Unflatten: sizes must be >= 0 with at most one -1, got {Shapes.Format(sizes)}.", nameof(sizes));
        Dim = dim;
        this.sizes = (int[])sizes.Clone();
    }

    /// <summary>The axis that is split.</summary>
    public int Dim { get; }

    /// <summary>The sizes it is split into.</summary>
    public ReadOnlySpan<int> Sizes => sizes;

    /// <summary>x (…, d, …) → (…, s₀, s₁, …, …) with Π sᵢ = d.</summary>
    /// <exception cref="ArgumentException">The sizes do not multiply to the size of axis <see cref="Dim"/>.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int d = Shapes.NormalizeAxis(Dim, input.Rank, nameof(Dim));
        var resolved = (int[])sizes.Clone();
        long known = 1;
        int infer = Array.IndexOf(resolved, -1);
        foreach (int s in resolved) if (s != -1) known *= s;
        if (infer >= 0 && known != 0 && input.Shape[d] % known == 0) resolved[infer] = (int)(input.Shape[d] / known);
        else if (infer >= 0 || known != input.Shape[d])
            throw new ArgumentException($"Unflatten: sizes {Shapes.Format(sizes)} do not multiply to {input.Shape[d]}, the size of axis {Dim} of {Shapes.Format(input.Shape)}.", nameof(input));
        var shape = new List<int>(input.Rank + resolved.Length);
        for (int i = 0; i < d; i++) shape.Add(input.Shape[i]);
        shape.AddRange(resolved);
        for (int i = d + 1; i < input.Rank; i++) shape.Add(input.Shape[i]);
        return input.Reshape([.. shape]);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"dim={Dim}, unflattened_size={Shapes.Format(sizes)}";
}
