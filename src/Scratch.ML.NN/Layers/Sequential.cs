using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Layers applied in order, <c>y = fₙ(…f₂(f₁(x)))</c> (PyTorch's <c>nn.Sequential</c>). Children are named "0", "1", …
/// so state-dict keys read <c>0.weight</c>, <c>2.bias</c> like PyTorch's.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Sequential<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Layer<T>> layers = [];

    /// <summary>Creates the chain.</summary>
    public Sequential(params Layer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var l in layers) Add(l);
    }

    /// <summary>Appends a layer (named by its position); returns this.</summary>
    public Sequential<T> Add(Layer<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        RegisterModule(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        layers.Add(layer);
        return this;
    }

    /// <summary>The number of layers.</summary>
    public int Count => layers.Count;

    /// <summary>Layer <paramref name="index"/>.</summary>
    public Layer<T> this[int index] => layers[index];

    /// <summary>Feeds the input through every layer's <see cref="Layer{T}.Call"/> (so their hooks run).</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var l in layers) x = l.Call(x);
        return x;
    }
}
