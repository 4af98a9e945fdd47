namespace Scratch.ML;

// Autograd state of a tensor: leaves that require a gradient own an accumulator and a Grad; results of recorded ops
// point at the node that produced them. See Autograd/Autograd.cs for the algorithm.
public sealed partial class Tensor<T> where T : unmanaged
{
    private GradNode? gradFn;
    private LeafGradState? leafState;

    /// <summary>
    /// Set by a library VJP on a gradient it has just allocated and references nowhere else; the leaf accumulator
    /// may then adopt it as <see cref="Grad"/> instead of copying it. The engine clears it whenever the tensor reaches
    /// anything else (another VJP, a captured result, a root gradient), so it never survives outside one hand-over.
    /// </summary>
    internal bool ExclusiveGradient;

    private sealed class LeafGradState
    {
        public bool RequiresGrad;
        public Tensor<T>? Grad;
        public AccumulateGrad<T>? Accumulator;
    }

    /// <summary>
    /// Whether gradients flow to this tensor. Set it on a leaf (a tensor you created, e.g. a parameter) to have
    /// <see cref="Backward"/> accumulate into <see cref="Grad"/>; results of ops on such tensors require a gradient
    /// automatically (while grad mode is on).
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-leaf, or set to true on a non-floating-point tensor.</exception>
    public bool RequiresGrad
    {
        get => gradFn is not null || (leafState?.RequiresGrad ?? false);
        set
        {
            if (gradFn is not null)
                throw new InvalidOperationException($"RequiresGrad can only be changed on a leaf tensor; this one was produced by {gradFn.Name}. Use Detach() to get a leaf.");
            if (value && typeof(T) != typeof(float) && typeof(T) != typeof(double))
                throw new InvalidOperationException($"Only floating-point tensors (float, double) can require gradients; this tensor holds {typeof(T).Name}.");
            if (value) (leafState ??= new()).RequiresGrad = true;
            else if (leafState is not null) leafState.RequiresGrad = false;
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> to true and returns this tensor (PyTorch's <c>requires_grad_()</c>).</summary>
    public Tensor<T> RequireGrad()
    {
        RequiresGrad = true;
        return this;
    }

    /// <summary>
    /// The accumulated gradient ∂L/∂x (same shape as this tensor), or null before the first backward pass. Filled
    /// for leaves that require a gradient, and for non-leaves after <see cref="RetainGrad"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Set to a tensor of another shape.</exception>
    public Tensor<T>? Grad
    {
        get => leafState?.Grad;
        set
        {
            if (value is not null && !Shapes.Equal(value.shape, shape))
                throw new ArgumentException($"Grad must have the tensor's shape {Shapes.Format(shape)}, got {Shapes.Format(value.shape)}.", nameof(value));
            if (value is null && leafState is null) return;
            (leafState ??= new()).Grad = value;
        }
    }

    /// <summary>The node that produced this tensor (null for leaves and for tensors computed without recording).</summary>
    public GradNode? GradFn => gradFn;

    /// <summary>Whether this tensor is a leaf of the graph (it was not produced by a recorded op).</summary>
    public bool IsLeaf => gradFn is null;

    /// <summary>The node that receives this tensor's gradient: its GradFn, its leaf accumulator, or null.</summary>
    internal GradNode? GradEdge
    {
        get
        {
            if (gradFn is not null) return gradFn;
            if (leafState is not { RequiresGrad: true } s) return null;
            return s.Accumulator ??= new AccumulateGrad<T>(this);
        }
    }

    internal void SetGradFn(GradNode node) => gradFn = node;

    /// <summary>
    /// A tensor sharing this one's storage but cut from the graph: a leaf that does not require a gradient
    /// (PyTorch's <c>detach()</c>). Writes through either are visible in both.
    /// </summary>
    public Tensor<T> Detach() => new(storage, shape, strides, offset, trusted: true);

    /// <summary>Makes <see cref="Backward"/> fill <see cref="Grad"/> for this non-leaf tensor too.</summary>
    public Tensor<T> RetainGrad()
    {
        if (gradFn is null)
        {
            if (!RequiresGrad) throw new InvalidOperationException("RetainGrad: this tensor does not require a gradient.");
            return this; // leaves keep their gradient anyway
        }
        var weak = new WeakReference<Tensor<T>>(this);
        gradFn.RetainHook = g =>
        {
            if (!weak.TryGetTarget(out var t)) return;
            var gt = (Tensor<T>)g;
            t.Grad = t.Grad is null ? gt.Detach().Clone() : GradMath.Add(t.Grad, gt.Detach());
        };
        return this;
    }

    /// <summary>
    /// Computes ∂L/∂x for every leaf x that requires a gradient and adds it into <c>x.Grad</c> (PyTorch's
    /// <c>backward()</c>). Gradients accumulate across calls; zero them between steps.
    /// </summary>
    /// <param name="gradient">∂L/∂(this), shaped like this tensor; may be omitted for a one-element tensor (taken as 1).</param>
    /// <param name="retainGraph">Keep the saved tensors so backward can run through this graph again.</param>
    /// <param name="createGraph">Record the backward pass too, so the gradients can be differentiated (implies retainGraph).</param>
    /// <exception cref="InvalidOperationException">This tensor does not require a gradient, or its graph was already freed.</exception>
    /// <exception cref="ArgumentException">No gradient was given for a tensor with more than one element, or its shape differs.</exception>
    public void Backward(Tensor<T>? gradient = null, bool retainGraph = false, bool createGraph = false)
        => Autograd.Backward([this], gradient is null ? null : [gradient], retainGraph, createGraph);
}
