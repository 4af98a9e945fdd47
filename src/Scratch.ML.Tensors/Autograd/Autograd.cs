namespace Scratch.ML;

/// <summary>
/// Reverse-mode automatic differentiation, define-by-run: while gradient mode is on, every differentiable op whose
/// inputs require a gradient records an <see cref="OpNode{T}"/> holding what its vector-Jacobian product (VJP) needs;
/// <see cref="Tensor{T}.Backward"/> walks those nodes from the output back to the leaves.
/// </summary>
/// <remarks>
/// <para>Op authors call <see cref="Record{T}(Tensor{T}, string, Tensor{T}, UnaryVjp{T}, object?)"/> (or its two- and
/// n-input overloads) right after computing an output, in the same file as the forward code. The VJP is written with
/// the public tensor ops, so it is differentiable again (gradients of gradients) and runs on whatever device the
/// tensors live on.</para>
/// <para>Gradient mode is per asynchronous flow (an <see cref="AsyncLocal{T}"/>): a <see cref="NoGrad"/> scope opened in
/// one task does not switch recording off in another.</para>
/// </remarks>
public static class Autograd
{
    private static readonly AsyncLocal<bool> disabled = new();

    /// <summary>Whether ops currently record the backward graph (true unless inside a <see cref="NoGrad"/> scope).</summary>
    public static bool IsEnabled => !disabled.Value;

    /// <summary>
    /// Switches recording off until the returned scope is disposed (PyTorch's <c>torch.no_grad()</c>):
    /// <c>using (Autograd.NoGrad()) { … }</c>. Use it for inference and for optimiser updates.
    /// </summary>
    public static GradModeScope NoGrad() => new(enabled: false);

    /// <summary>Switches recording back on inside a <see cref="NoGrad"/> region until the scope is disposed.</summary>
    public static GradModeScope EnableGrad() => new(enabled: true);

    internal static void SetEnabled(bool enabled) => disabled.Value = !enabled;

    /// <summary>Whether an op with these inputs must record a node (grad mode on and some input requires a gradient).</summary>
    public static bool IsRecording<T>(Tensor<T> x) where T : unmanaged => x.RequiresGrad && IsEnabled;

    /// <inheritdoc cref="IsRecording{T}(Tensor{T})"/>
    public static bool IsRecording<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged => (a.RequiresGrad || b.RequiresGrad) && IsEnabled;

    /// <summary>
    /// Records a one-input op: if <paramref name="input"/> requires a gradient (and grad mode is on), attaches a node
    /// to <paramref name="output"/> whose VJP maps ∂L/∂y to ∂L/∂x. Returns <paramref name="output"/>.
    /// </summary>
    /// <param name="output">The freshly computed output (it must not already have a history).</param>
    /// <param name="name">The op name, e.g. <c>"exp"</c> (the node is called <c>ExpBackward</c>).</param>
    /// <param name="input">The op's input.</param>
    /// <param name="vjp">The vector-Jacobian product; use a <c>static</c> lambda so nothing is allocated when not recording.</param>
    /// <param name="state">Extra values the VJP needs (read with <see cref="OpNode{T}.State{TState}"/>).</param>
    public static Tensor<T> Record<T>(Tensor<T> output, string name, Tensor<T> input, UnaryVjp<T> vjp, object? state = null) where T : unmanaged
    {
        if (!IsRecording(input)) return output;
        return Attach(output, name, [input], vjp, state);
    }

    /// <summary>Records a two-input op (see the one-input overload). Returns <paramref name="output"/>.</summary>
    public static Tensor<T> Record<T>(Tensor<T> output, string name, Tensor<T> a, Tensor<T> b, BinaryVjp<T> vjp, object? state = null) where T : unmanaged
    {
        if (!IsRecording(a, b)) return output;
        return Attach(output, name, [a, b], vjp, state);
    }

    /// <summary>Records an op with any number of inputs (see the one-input overload). Returns <paramref name="output"/>.</summary>
    public static Tensor<T> Record<T>(Tensor<T> output, string name, Tensor<T>[] inputs, Vjp<T> vjp, object? state = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!IsEnabled) return output;
        bool any = false;
        foreach (var x in inputs) any |= x.RequiresGrad;
        return any ? Attach(output, name, (Tensor<T>[])inputs.Clone(), vjp, state) : output;
    }

    private static Tensor<T> Attach<T>(Tensor<T> output, string name, Tensor<T>[] inputs, Delegate vjp, object? state) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.GradFn is not null || output.RequiresGrad)
            throw new InvalidOperationException($"{name}: the output already has a gradient history; record an op on a freshly computed tensor.");
        var next = new GradNode?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) next[i] = inputs[i].GradEdge;
        var node = new OpNode<T>(NodeName(name), inputs, next, vjp, state);
        output.SetGradFn(node);
        // The saved output keeps its history, so a VJP written with it (exp: g·y) is itself differentiable.
        node.SetOutput(output);
        return output;
    }

    private static string NodeName(string op)
    {
        Span<char> buf = stackalloc char[op.Length];
        int n = 0;
        bool upper = true;
        foreach (char c in op)
        {
            if (c == '_' || c == ' ') { upper = true; continue; }
            buf[n++] = upper ? char.ToUpperInvariant(c) : c;
            upper = false;
        }
        return string.Concat(buf[..n], "Backward");
    }

    /// <summary>
    /// Guards an in-place op: writing into a tensor that takes part in a recorded graph would silently corrupt the
    /// values saved for the backward pass, so it is refused while grad mode is on (do updates inside <see cref="NoGrad"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="x"/> requires a gradient and grad mode is on.</exception>
    public static void CheckInPlace<T>(string op, Tensor<T> x) where T : unmanaged
    {
        if (IsRecording(x))
            throw new InvalidOperationException($"{op} (in place): the destination requires a gradient, and writing into it would corrupt the backward graph. Do the update inside Autograd.NoGrad(), or use the out-of-place op.");
    }

    /// <summary>
    /// The differentiable inverse of a view: a zero tensor of <paramref name="baseShape"/> whose elements seen through
    /// <paramref name="view"/> are <paramref name="grad"/>. It is the VJP of slicing, selecting, indexing and taking a
    /// diagonal, and its own VJP is the view again.
    /// </summary>
    internal static Tensor<T> ScatterIntoView<T>(Tensor<T> grad, int[] baseShape, Func<Tensor<T>, Tensor<T>> view) where T : unmanaged
    {
        var z = Tensor<T>.Allocate(baseShape, grad.Device);
        view(z).CopyFrom(grad);
        return IsRecording(grad) ? Attach(z, "view_scatter", [grad], (UnaryVjp<T>)((gg, _) => view(gg)), null) : z;
    }

    /// <summary>
    /// Throws a clear error when a non-differentiable op is asked to record a gradient (e.g. sorting indices,
    /// rounding used as a value that should carry gradient). Call it at the start of such an op.
    /// </summary>
    /// <exception cref="NotSupportedException">Grad mode is on and <paramref name="input"/> requires a gradient.</exception>
    public static void NotDifferentiable<T>(string op, Tensor<T> input) where T : unmanaged
    {
        if (IsRecording(input))
            throw new NotSupportedException($"{op} is not differentiable: its input requires a gradient. Call it on input.Detach() or inside Autograd.NoGrad().");
    }

    /// <summary>
    /// A user-defined differentiable function (PyTorch's <c>autograd.Function</c>): runs <paramref name="forward"/>
    /// with recording off, then records <paramref name="backward"/> as the output's VJP.
    /// </summary>
    /// <param name="name">A name for the node.</param>
    /// <param name="inputs">The inputs (their order is the order of the gradients <paramref name="backward"/> returns).</param>
    /// <param name="forward">Computes the output from the inputs.</param>
    /// <param name="backward">Given ∂L/∂y and the node (inputs, output), returns one gradient (or null) per input.</param>
    public static Tensor<T> Function<T>(string name, Tensor<T>[] inputs, Func<Tensor<T>[], Tensor<T>> forward, Vjp<T> backward) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        Tensor<T> y;
        using (NoGrad())
        {
            var detached = new Tensor<T>[inputs.Length];
            for (int i = 0; i < inputs.Length; i++) detached[i] = inputs[i].Detach();
            y = forward(detached);
        }
        if (y.GradFn is not null || y.RequiresGrad) y = y.Detach();
        foreach (var x in inputs)
            if (ReferenceEquals(x.Storage, y.Storage) && x.RequiresGrad)
                y = y.Clone(); // the output must not alias an input that carries its own history
        return Record(y, name, inputs, backward);
    }

    /// <summary>
    /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, returned instead of
    /// accumulated into <c>Grad</c> (PyTorch's <c>torch.autograd.grad</c>). With <paramref name="createGraph"/> the
    /// returned gradients carry their own history, so a penalty on them can be differentiated again.
    /// </summary>
    /// <param name="outputs">The tensors to differentiate.</param>
    /// <param name="inputs">The tensors to differentiate with respect to (leaves or intermediate results).</param>
    /// <param name="gradOutputs">∂L/∂output per output; null means ones (each output must then hold one element).</param>
    /// <param name="retainGraph">Keep the graph for another backward pass (defaults to <paramref name="createGraph"/>).</param>
    /// <param name="createGraph">Record the backward pass itself.</param>
    /// <param name="allowUnused">Return null for an input the outputs do not depend on instead of throwing.</param>
    /// <exception cref="InvalidOperationException">An output does not require a gradient, or an input is unused and <paramref name="allowUnused"/> is false.</exception>
    public static Tensor<T>?[] Grad<T>(Tensor<T>[] outputs, Tensor<T>[] inputs, Tensor<T>?[]? gradOutputs = null,
        bool? retainGraph = null, bool createGraph = false, bool allowUnused = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        var targets = new GradNode[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
            targets[i] = inputs[i].GradEdge ?? throw new InvalidOperationException($"Grad: input {i} (shape {Shapes.Format(inputs[i].Shape)}) does not require a gradient.");
        var (roots, rootGrads) = Roots(outputs, gradOutputs);
        var captured = BackwardEngine.Run(roots, rootGrads, retainGraph ?? createGraph, createGraph, targets);
        var result = new Tensor<T>?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (captured![i] is Tensor<T> g) { g.ExclusiveGradient = false; result[i] = g; }
            else if (!allowUnused)
                throw new InvalidOperationException($"Grad: input {i} (shape {Shapes.Format(inputs[i].Shape)}) was not used to compute the outputs; pass allowUnused: true to get null instead.");
        }
        return result;
    }

    /// <summary>Runs backward from several outputs at once, accumulating into the leaves' <c>Grad</c>.</summary>
    /// <param name="outputs">The tensors to differentiate.</param>
    /// <param name="gradOutputs">∂L/∂output per output; null means ones (each output must then hold one element).</param>
    /// <param name="retainGraph">Keep the graph for another backward pass.</param>
    /// <param name="createGraph">Record the backward pass itself (for higher-order gradients).</param>
    public static void Backward<T>(Tensor<T>[] outputs, Tensor<T>?[]? gradOutputs = null, bool retainGraph = false, bool createGraph = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var (roots, rootGrads) = Roots(outputs, gradOutputs);
        BackwardEngine.Run(roots, rootGrads, retainGraph || createGraph, createGraph, null);
    }

    private static (GradNode[], object[]) Roots<T>(Tensor<T>[] outputs, Tensor<T>?[]? gradOutputs) where T : unmanaged
    {
        if (gradOutputs is not null && gradOutputs.Length != outputs.Length)
            throw new ArgumentException($"Expected {outputs.Length} output gradients, got {gradOutputs.Length}.", nameof(gradOutputs));
        var roots = new GradNode[outputs.Length];
        var grads = new object[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            var y = outputs[i];
            roots[i] = y.GradEdge ?? throw new InvalidOperationException(
                $"Backward: output {i} (shape {Shapes.Format(y.Shape)}) does not require a gradient and has no GradFn; did you forget RequiresGrad = true on a leaf, or compute it inside NoGrad()?");
            var g = gradOutputs?[i];
            if (g is not null) g.ExclusiveGradient = false; // the caller's tensor: never adopted as a Grad
            if (g is null)
            {
                if (y.Length != 1)
                    throw new ArgumentException($"Backward: a gradient can be created implicitly only for a one-element output, but output {i} has shape {Shapes.Format(y.Shape)}; pass the gradient of the loss with respect to it.", nameof(gradOutputs));
                g = GradMath.OnesLike(y);
            }
            else if (!Shapes.Equal(g.Shape, y.Shape))
                throw new ArgumentException($"Backward: the gradient for output {i} has shape {Shapes.Format(g.Shape)} but the output has shape {Shapes.Format(y.Shape)}.", nameof(gradOutputs));
            grads[i] = g;
        }
        return (roots, grads);
    }
}

/// <summary>A scope that sets gradient mode until disposed; see <see cref="Autograd.NoGrad"/>.</summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool previous;

    internal GradModeScope(bool enabled)
    {
        previous = Autograd.IsEnabled;
        Autograd.SetEnabled(enabled);
    }

    /// <summary>Restores the previous gradient mode.</summary>
    public void Dispose() => Autograd.SetEnabled(previous);
}
