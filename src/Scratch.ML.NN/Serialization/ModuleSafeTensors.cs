using System.Numerics;
using Scratch.ML.Serialization;

namespace Scratch.ML.NN;

/// <summary>
/// Saving and loading a module's state dict as safetensors — the same file PyTorch's
/// <c>safetensors.torch.save_file(model.state_dict(), path)</c> writes, with the same keys (<c>0.weight</c>) and
/// layouts (Linear weight (out, in)), so weights move between the two in both directions.
/// </summary>
public static class ModuleSafeTensors
{
    /// <summary>Writes <c>module.StateDict()</c> (parameters and persistent buffers) to <paramref name="path"/>.</summary>
    /// <param name="module">The module.</param>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="metadata">Optional <c>__metadata__</c> strings (PyTorch writes <c>{"format": "pt"}</c>).</param>
    public static void SaveSafeTensors<T>(this Module<T> module, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Save(path, module.StateDict(), metadata);
    }

    /// <summary>Writes <c>module.StateDict()</c> to <paramref name="stream"/>.</summary>
    public static void SaveSafeTensors<T>(this Module<T> module, Stream stream, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Save(stream, module.StateDict(), metadata);
    }

    /// <summary>
    /// Loads a safetensors state dict into <paramref name="module"/> in place (<see cref="Module{T}.LoadStateDict"/>).
    /// Floating-point entries of another precision (F64, F32, F16, BF16) are converted to <typeparamref name="T"/> like
    /// PyTorch's <c>load_state_dict</c>.
    /// </summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="strict">Whether keys must match exactly (see <see cref="Module{T}.LoadStateDict"/>).</param>
    /// <returns>Missing and unexpected keys (both empty in strict mode).</returns>
    /// <exception cref="SafeTensorsFormatException">The file is malformed.</exception>
    /// <exception cref="ArgumentException">Shapes or (in strict mode) keys do not match; or a tensor the module needs is
    /// not floating point.</exception>
    public static StateDictLoadResult LoadSafeTensors<T>(this Module<T> module, string path, bool strict = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.LoadSafeTensors(SafeTensors.Load(path), strict);
    }

    /// <summary>Loads an already-read safetensors file into <paramref name="module"/> (see the path overload).</summary>
    public static StateDictLoadResult LoadSafeTensors<T>(this Module<T> module, SafeTensorsFile file, bool strict = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(file);
        var own = module.StateDict();
        var state = new OrderedDictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var info in file.Tensors)
        {
            if (!own.ContainsKey(info.Name))
            {
                // unexpected key: LoadStateDict reports it; its value is never read, so any dtype will do
                state.Add(info.Name, Tensor.Zeros<T>(0));
                continue;
            }
            if (info.DType is not (SafeTensorsDType.F64 or SafeTensorsDType.F32 or SafeTensorsDType.F16 or SafeTensorsDType.BF16))
                throw new ArgumentException($"LoadSafeTensors: tensor \"{info.Name}\" is {info.DType}, but {module.GetType().Name} expects floating point ({DTypes.Name(DTypes.Of<T>())}).", nameof(file));
            state.Add(info.Name, file.GetConverted<T>(info.Name));
        }
        return module.LoadStateDict(state, strict);
    }
}
