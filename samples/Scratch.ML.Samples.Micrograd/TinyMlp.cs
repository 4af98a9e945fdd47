namespace Scratch.ML.Samples.Micrograd;

/// <summary>A neuron tanh(Σ wᵢxᵢ + b) built from scalar <see cref="Value"/>s.</summary>
public sealed class Neuron
{
    private readonly Value[] w;
    private readonly Value b;

    public Neuron(int inputs, System.Random rng)
    {
        w = new Value[inputs];
        for (int i = 0; i < inputs; i++) w[i] = new Value(rng.NextDouble() * 2 - 1, $"w{i}");
        b = new Value(0, "b");
    }

    public Value Call(IReadOnlyList<Value> x, bool linear)
    {
        var sum = b;
        for (int i = 0; i < w.Length; i++) sum += w[i] * x[i];
        return linear ? sum : sum.Tanh();
    }

    public IEnumerable<Value> Parameters() => w.Append(b);
}

/// <summary>A multi-layer perceptron of neurons; the last layer is linear.</summary>
public sealed class TinyMlp
{
    private readonly Neuron[][] layers;

    public TinyMlp(int inputs, int[] sizes, int seed)
    {
        var rng = new System.Random(seed);
        layers = new Neuron[sizes.Length][];
        int fanIn = inputs;
        for (int l = 0; l < sizes.Length; l++)
        {
            layers[l] = Enumerable.Range(0, sizes[l]).Select(_ => new Neuron(fanIn, rng)).ToArray();
            fanIn = sizes[l];
        }
    }

    public Value Call(IReadOnlyList<Value> x)
    {
        IReadOnlyList<Value> h = x;
        for (int l = 0; l < layers.Length; l++)
        {
            bool last = l == layers.Length - 1;
            h = layers[l].Select(n => n.Call(h, last)).ToArray();
        }
        return h[0];
    }

    public IEnumerable<Value> Parameters() => layers.SelectMany(l => l.SelectMany(n => n.Parameters()));
}
