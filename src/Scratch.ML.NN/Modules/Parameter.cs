using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// A learnable tensor owned by a <see cref="Module{T}"/> (PyTorch's <c>nn.Parameter</c>). The slot is stable while
/// its <see cref="Value"/> may be replaced (a device move, <c>LoadStateDict</c>), so optimisers hold the slot.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> value;

    /// <summary>Wraps <paramref name="value"/> (used as is; it becomes a leaf that requires a gradient unless <paramref name="requiresGrad"/> is false).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a gradient history (is not a leaf).</exception>
    public Parameter(Tensor<T> value, bool requiresGrad = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.value = Leaf(value, nameof(value));
        this.value.RequiresGrad = requiresGrad;
    }

    /// <summary>The current tensor. Setting it keeps <see cref="RequiresGrad"/>; the new tensor must be a leaf of the same shape.</summary>
    /// <exception cref="ArgumentException">The new tensor's shape differs or it is not a leaf.</exception>
    public Tensor<T> Value
    {
        get => value;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!Shapes.Equal(value.Shape, this.value.Shape))
                throw new ArgumentException($"A parameter of shape {Shapes.Format(this.value.Shape)} cannot be replaced by a tensor of shape {Shapes.Format(value.Shape)}.", nameof(value));
            bool rg = this.value.RequiresGrad;
            this.value = Leaf(value, nameof(value));
            this.value.RequiresGrad = rg;
        }
    }

    /// <summary>Whether the optimiser should update it (false = frozen).</summary>
    public bool RequiresGrad
    {
        get => value.RequiresGrad;
        set => this.value.RequiresGrad = value;
    }

    /// <summary>The accumulated gradient of <see cref="Value"/> (null before the first backward pass or after zeroing with setToNone).</summary>
    public Tensor<T>? Grad
    {
        get => value.Grad;
        set => this.value.Grad = value;
    }

    /// <summary>The shape of <see cref="Value"/>.</summary>
    public ReadOnlySpan<int> Shape => value.Shape;

    /// <summary>The number of elements.</summary>
    public int Length => value.Length;

    /// <summary>Lets a plain tensor be optimised directly (<c>new Sgd&lt;float&gt;([x], …)</c>); it is made to require a gradient.</summary>
    public static implicit operator Parameter<T>(Tensor<T> tensor) => new(tensor);

    private static Tensor<T> Leaf(Tensor<T> t, string name)
        => t.IsLeaf ? t : throw new ArgumentException($"A parameter must be a leaf tensor, but this one was produced by {t.GradFn!.Name}; call Detach() first.", name);

    /// <inheritdoc />
    public override string ToString() => $"Parameter{Shapes.Format(value.Shape)}";
}
