using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// <c>y = (1/β)·ln(1 + e^(β·x))</c>, linear (<c>y = x</c>) where β·x &gt; threshold (PyTorch's <c>nn.Softplus</c>).
/// Shapes: x (*) → y (*).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Softplus<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="beta">β &gt; 0 (default 1).</param>
    /// <param name="threshold">The linear region starts above β·x &gt; threshold (default 20).</param>
    /// <exception cref="ArgumentOutOfRangeException">beta is not positive and finite, or threshold is NaN.</exception>
    public Softplus(double beta = 1.0, double threshold = 20.0)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Softplus: beta must be a positive finite number.");
        if (double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus: threshold must not be NaN.");
        Beta = beta;
        Threshold = threshold;
    }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>The linear-region threshold on β·x.</summary>
    public double Threshold { get; }

    /// <summary>Applies softplus (the differentiable <c>SoftplusBeta</c> tensor op).</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.SoftplusBeta(Beta, Threshold);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => FormattableString.Invariant($"beta={Beta}, threshold={Threshold}");
}
