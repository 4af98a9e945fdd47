namespace Scratch.ML.Samples.Micrograd;

/// <summary>
/// One scalar in a computation, remembering how it was made so that its gradient can be pushed back to its inputs.
/// This is the whole of reverse-mode autodiff in ~80 lines; the library's <c>Tensor&lt;T&gt;</c> autograd is the same
/// algorithm with tensors instead of scalars.
/// </summary>
public sealed class Value
{
    private readonly Value[] parents;
    private Action backward = () => { };

    /// <summary>A leaf (an input or a parameter).</summary>
    public Value(double data, string label = "") : this(data, [], label) { }

    private Value(double data, Value[] parents, string label)
    {
        Data = data;
        this.parents = parents;
        Label = label;
    }

    /// <summary>The number computed in the forward pass.</summary>
    public double Data { get; set; }

    /// <summary>∂L/∂(this value), filled by <see cref="Backward"/>.</summary>
    public double Grad { get; set; }

    /// <summary>A name for printing.</summary>
    public string Label { get; }

    // Each op computes its result and stores a closure that applies the chain rule locally:
    // parent.Grad += (∂out/∂parent) · out.Grad. "+=" because a value used twice receives two contributions.
    public static Value operator +(Value a, Value b)
    {
        var y = new Value(a.Data + b.Data, [a, b], "+");
        y.backward = () => { a.Grad += y.Grad; b.Grad += y.Grad; };
        return y;
    }

    public static Value operator *(Value a, Value b)
    {
        var y = new Value(a.Data * b.Data, [a, b], "*");
        y.backward = () => { a.Grad += b.Data * y.Grad; b.Grad += a.Data * y.Grad; };
        return y;
    }

    public static Value operator +(Value a, double b) => a + new Value(b);
    public static Value operator *(Value a, double b) => a * new Value(b);
    public static Value operator -(Value a) => a * -1.0;
    public static Value operator -(Value a, Value b) => a + (-b);

    /// <summary>tanh, with d tanh(x)/dx = 1 − tanh²(x).</summary>
    public Value Tanh()
    {
        double t = Math.Tanh(Data);
        var y = new Value(t, [this], "tanh");
        y.backward = () => Grad += (1 - t * t) * y.Grad;
        return y;
    }

    /// <summary>eˣ, with d eˣ/dx = eˣ.</summary>
    public Value Exp()
    {
        double e = Math.Exp(Data);
        var y = new Value(e, [this], "exp");
        y.backward = () => Grad += e * y.Grad;
        return y;
    }

    /// <summary>xᵏ for a constant k, with d xᵏ/dx = k·xᵏ⁻¹.</summary>
    public Value Pow(double k)
    {
        var y = new Value(Math.Pow(Data, k), [this], $"^{k}");
        y.backward = () => Grad += k * Math.Pow(Data, k - 1) * y.Grad;
        return y;
    }

    /// <summary>
    /// Back-propagation: order the graph so that every value comes after everything it was computed from
    /// (a topological sort), seed ∂L/∂L = 1, then run the local chain rules from the output backwards. When a value's
    /// closure runs, every consumer has already added its contribution to its Grad.
    /// </summary>
    public void Backward()
    {
        var order = new List<Value>();
        var seen = new HashSet<Value>();
        void Visit(Value v)
        {
            if (!seen.Add(v)) return;
            foreach (var p in v.parents) Visit(p);
            order.Add(v);
        }
        Visit(this);
        Grad = 1;
        for (int i = order.Count - 1; i >= 0; i--) order[i].backward();
    }

    /// <inheritdoc />
    public override string ToString() => $"Value({Label} data={Data:F4}, grad={Grad:F4})";
}
