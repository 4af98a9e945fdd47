using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Parametric Relu (PyTorch's <c>nn.PReLU</c>): <c>y = x</c> for x &gt; 0, <c>y = a·x</c> otherwise, with a learnable
/// slope a — one shared (num_parameters = 1) or one per channel (axis 1). Shapes: x (N, C, …) → same; weight (num_parameters).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PRelu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with every slope set to <paramref name="init"/>.</summary>
    /// <param name="numParameters">1 (shared slope) or the channel count C (default 1).</param>
    /// <param name="init">Initial slope (default 0.25, PyTorch's).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numParameters"/> is below 1 or <paramref name="init"/> is not finite.</exception>
    public PRelu(int numParameters = 1, double init = 0.25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numParameters, 1);
        if (!double.IsFinite(init)) throw new ArgumentOutOfRangeException(nameof(init), init, "PRelu: init must be finite.");
        NumParameters = numParameters;
        Weight = RegisterParameter("weight", Tensor.Full(T.CreateChecked(init), numParameters));
    }

    /// <summary>1 or C.</summary>
    public int NumParameters { get; }

    /// <summary>The slopes a: (num_parameters).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Applies the activation (the <c>Prelu</c> tensor op).</summary>
    /// <exception cref="ArgumentException">num_parameters &gt; 1 and axis 1 of x has another size.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Prelu(Weight.Value);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"num_parameters={NumParameters}";
}
