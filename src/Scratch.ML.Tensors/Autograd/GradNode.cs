namespace Scratch.ML;

/// <summary>
/// A node of the backward graph: the recorded step that produced one tensor (an op, or the gradient accumulator of a
/// leaf). <see cref="Tensor{T}.GradFn"/> exposes it so users can inspect the graph, like PyTorch's <c>grad_fn</c>.
/// </summary>
/// <remarks>
/// Every node has exactly one output; its incoming gradient is the gradient of that output. <see cref="NextFunctions"/>
/// lists, per input, the node that receives the input's gradient (null for an input that does not require a gradient).
/// </remarks>
public abstract class GradNode
{
    private static long counter;

    /// <summary>Creation order; the engine runs later nodes first, which keeps the walk deterministic.</summary>
    internal readonly long Sequence = Interlocked.Increment(ref counter);

    /// <summary>The op name followed by <c>Backward</c>, e.g. <c>MulBackward</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Per input, the node that receives its gradient (null where the input needs none).</summary>
    public IReadOnlyList<GradNode?> NextFunctions => Next;

    internal abstract GradNode?[] Next { get; }

    /// <summary>Runs the vector-Jacobian product: one gradient per entry of <see cref="Next"/> (null = none).</summary>
    internal abstract object?[] Apply(object gradOutput, bool createGraph);

    /// <summary>The sum of two gradients of this node's output (type-erased so the engine stays non-generic).</summary>
    internal abstract object Add(object a, object b);

    /// <summary>Frees saved tensors after a backward pass that did not retain the graph.</summary>
    internal abstract void Release();

    /// <summary>
    /// Clears the exclusive mark of a gradient that is handed to someone else (e.g. captured for Autograd.Grad). Only
    /// nodes that may recycle or adopt their incoming gradient (op nodes, leaf accumulators) need to override it.
    /// </summary>
    internal virtual void MarkShared(object grad) { }

    /// <summary>Called with the node's incoming gradient when a non-leaf tensor asked to keep its gradient.</summary>
    internal Action<object>? RetainHook;

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The vector-Jacobian product of a one-input op: the gradient for the input given the output's gradient.</summary>
/// <param name="gradOutput">∂L/∂y, shaped like the output.</param>
/// <param name="node">The recorded op: its saved input(s), output and state.</param>
/// <returns>∂L/∂x shaped like the input, or null when the input needs no gradient.</returns>
public delegate Tensor<T>? UnaryVjp<T>(Tensor<T> gradOutput, OpNode<T> node) where T : unmanaged;

/// <summary>The vector-Jacobian product of a two-input op: gradients for both inputs (null where not needed).</summary>
/// <param name="gradOutput">∂L/∂y, shaped like the output.</param>
/// <param name="node">The recorded op.</param>
public delegate (Tensor<T>? A, Tensor<T>? B) BinaryVjp<T>(Tensor<T> gradOutput, OpNode<T> node) where T : unmanaged;

/// <summary>The vector-Jacobian product of an op with any number of inputs: one gradient (or null) per input.</summary>
/// <param name="gradOutput">∂L/∂y, shaped like the output.</param>
/// <param name="node">The recorded op.</param>
public delegate Tensor<T>?[] Vjp<T>(Tensor<T> gradOutput, OpNode<T> node) where T : unmanaged;

/// <summary>
/// A recorded differentiable op: what its vector-Jacobian product needs to run (the inputs, the output and any extra
/// state saved by the forward pass). VJPs receive it as their second argument.
/// </summary>
/// <typeparam name="T">The element type of the inputs and the output.</typeparam>
public sealed class OpNode<T> : GradNode where T : unmanaged
{
    private readonly string name;
    private readonly GradNode?[] next;
    private Tensor<T>[]? inputs;
    private Tensor<T>? output;
    private object? state;
    private Delegate? vjp;

    internal OpNode(string name, Tensor<T>[] inputs, GradNode?[] next, Delegate vjp, object? state)
    {
        this.name = name;
        this.inputs = inputs;
        this.next = next;
        this.vjp = vjp;
        this.state = state;
    }

    internal void SetOutput(Tensor<T> y) => output = y;

    /// <inheritdoc />
    public override string Name => name;

    internal override GradNode?[] Next => next;

    /// <summary>The number of inputs.</summary>
    public int InputCount => next.Length;

    /// <summary>Input <paramref name="index"/> as it was passed to the op (saved for the backward pass).</summary>
    /// <exception cref="InvalidOperationException">The graph was already freed by a backward pass.</exception>
    public Tensor<T> Input(int index) => (inputs ?? throw Freed())[index];

    /// <summary>The op's output (saved for the backward pass), without its graph history.</summary>
    public Tensor<T> Output => output ?? throw Freed();

    /// <summary>Whether input <paramref name="index"/> needs a gradient (a VJP may skip work for the others).</summary>
    public bool NeedsGrad(int index) => next[index] is not null;

    /// <summary>Extra state the forward pass saved (axes, shapes, masks…), cast to its type.</summary>
    public TState State<TState>() => (TState)(state ?? throw Freed());

    private InvalidOperationException Freed() => new(
        $"{name}: trying to run backward through the graph a second time (or to read saved tensors after they were freed). " +
        "Pass retainGraph: true to the first Backward call if you need to run backward twice.");

    internal override object?[] Apply(object gradOutput, bool createGraph)
    {
        var g = (Tensor<T>)gradOutput;
        var f = vjp ?? throw Freed();
        // An exclusive gradient consumed by a library VJP is dead afterwards unless a result shares its storage;
        // then its buffer goes back to the pool. A user VJP might keep g, so its buffer is never recycled.
        bool recycle = g.ExclusiveGradient && !createGraph && IsLibraryVjp(f);
        g.ExclusiveGradient = false; // a VJP may pass g through to several inputs: no longer exclusive
        Tensor<T>?[] grads = f switch
        {
            UnaryVjp<T> u => [u(g, this)],
            BinaryVjp<T> b => Pair(b(g, this)),
            Vjp<T> n => n(g, this),
            _ => throw new InvalidOperationException($"{name}: unknown VJP delegate {f.GetType().Name}."),
        };
        if (grads.Length != next.Length)
            throw new InvalidOperationException($"{name}: the VJP returned {grads.Length} gradients for {next.Length} inputs.");
        var result = new object?[grads.Length];
        for (int i = 0; i < grads.Length; i++)
        {
            if (next[i] is null || grads[i] is not { } gi) continue;
            var x = inputs![i];
            if (!Shapes.Equal(gi.Shape, x.Shape))
                throw new InvalidOperationException($"{name}: the VJP returned a gradient of shape {Shapes.Format(gi.Shape)} for input {i} of shape {Shapes.Format(x.Shape)}.");
            result[i] = gi;
        }
        if (recycle && g.Storage is CpuStorage<T> dead)
        {
            foreach (var gi in grads)
                if (gi is not null && ReferenceEquals(gi.Storage, dead)) return result;
            Cpu.HostBufferPool<T>.Return(dead.Array);
        }
        return result;
    }

    private bool? libraryVjp;

    /// <summary>Whether the VJP is library code (which never keeps its incoming gradient beyond the call).</summary>
    private bool IsLibraryVjp(Delegate f) => libraryVjp ??= f.Method.Module.Assembly == typeof(GradNode).Assembly;

    private static Tensor<T>?[] Pair((Tensor<T>? A, Tensor<T>? B) p) => [p.A, p.B];

    internal override object Add(object a, object b) => GradMath.Add((Tensor<T>)a, (Tensor<T>)b);

    internal override void MarkShared(object grad) => ((Tensor<T>)grad).ExclusiveGradient = false;

    internal override void Release()
    {
        inputs = null;
        output = null;
        state = null;
        vjp = null;
    }
}

/// <summary>
/// The node at a leaf that requires a gradient: it adds the incoming gradient into <see cref="Tensor{T}.Grad"/>
/// (PyTorch's <c>AccumulateGrad</c>). The first gradient is copied into a buffer the leaf owns; later ones are added
/// in place (or out of place, recorded, when building a graph of the gradient).
/// </summary>
internal sealed class AccumulateGrad<T> : GradNode where T : unmanaged
{
    private readonly WeakReference<Tensor<T>> leaf;

    internal AccumulateGrad(Tensor<T> leaf) => this.leaf = new WeakReference<Tensor<T>>(leaf);

    public override string Name => "AccumulateGrad";

    internal override GradNode?[] Next => [];

    internal override object?[] Apply(object gradOutput, bool createGraph)
    {
        if (!leaf.TryGetTarget(out var x)) return [];
        var g = (Tensor<T>)gradOutput;
        bool exclusive = g.ExclusiveGradient;
        g.ExclusiveGradient = false;
        if (x.Grad is not { } existing)
            x.Grad = createGraph || (exclusive && !g.RequiresGrad) ? g : g.Detach().Clone(); // adopt a fresh, unshared gradient
        else if (createGraph || existing.RequiresGrad)
            x.Grad = GradMath.Add(existing, g);
        else
        {
            GradMath.AddInPlace(existing, g);
            // Added into the leaf's own buffer: an exclusive gradient is now dead.
            if (exclusive && !ReferenceEquals(existing.Storage, g.Storage) && g.Storage is CpuStorage<T> dead)
                Cpu.HostBufferPool<T>.Return(dead.Array);
        }
        return [];
    }

    internal override object Add(object a, object b) => GradMath.Add((Tensor<T>)a, (Tensor<T>)b);

    internal override void MarkShared(object grad) => ((Tensor<T>)grad).ExclusiveGradient = false;

    internal override void Release() { }
}
