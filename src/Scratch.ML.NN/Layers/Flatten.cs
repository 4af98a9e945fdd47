using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Collapses axes <see cref="StartDim"/>..<see cref="EndDim"/> (inclusive) into one (PyTorch's <c>nn.Flatten</c>,
/// defaults start_dim = 1, end_dim = −1, so a batch (N, C, H, W) becomes (N, C·H·W)). A view when the layout allows;
/// the gradient is reshaped back.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="startDim">First axis to merge (default 1; negative counts from the end).</param>
/// <param name="endDim">Last axis to merge (default −1).</param>
public sealed class Flatten<T>(int startDim = 1, int endDim = -1) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>First merged axis.</summary>
    public int StartDim { get; } = startDim;

    /// <summary>Last merged axis.</summary>
    public int EndDim { get; } = endDim;

    /// <summary>x (d₀, …, d_s, …, d_e, …) → (d₀, …, d_s·…·d_e, …).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside the input's rank.</exception>
    /// <exception cref="ArgumentException">The start axis comes after the end axis.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
