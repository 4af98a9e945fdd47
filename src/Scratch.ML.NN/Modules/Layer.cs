using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// A module with one tensor input and one tensor output — what <see cref="Sequential{T}"/> chains. Override
/// <see cref="Forward"/>; call the layer with <see cref="Call"/>, which also runs the registered forward hooks
/// (PyTorch's <c>module(x)</c> vs <c>module.forward(x)</c>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Layer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Func<Layer<T>, Tensor<T>, Tensor<T>?>> preHooks = [];
    private readonly List<Func<Layer<T>, Tensor<T>, Tensor<T>, Tensor<T>?>> hooks = [];

    /// <summary>The computation: output from input. Shapes are documented on each layer.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>Runs the pre-hooks, <see cref="Forward"/>, then the forward hooks.</summary>
    public Tensor<T> Call(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var h in preHooks.ToArray()) input = h(this, input) ?? input;
        var output = Forward(input);
        foreach (var h in hooks.ToArray()) output = h(this, input, output) ?? output;
        return output;
    }

    /// <summary>
    /// Registers <c>hook(layer, input, output)</c>, run after every <see cref="Call"/>; a non-null return replaces the
    /// output. Dispose the returned handle to remove it.
    /// </summary>
    public IDisposable RegisterForwardHook(Func<Layer<T>, Tensor<T>, Tensor<T>, Tensor<T>?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        hooks.Add(hook);
        return new HookHandle(() => hooks.Remove(hook));
    }

    /// <summary>Registers <c>hook(layer, input)</c>, run before every <see cref="Call"/>; a non-null return replaces the input.</summary>
    public IDisposable RegisterForwardPreHook(Func<Layer<T>, Tensor<T>, Tensor<T>?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        preHooks.Add(hook);
        return new HookHandle(() => preHooks.Remove(hook));
    }

    private sealed class HookHandle(Action remove) : IDisposable
    {
        private Action? remove = remove;
        public void Dispose() { remove?.Invoke(); remove = null; }
    }
}
