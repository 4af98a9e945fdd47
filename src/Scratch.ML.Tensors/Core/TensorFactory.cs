using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.ML;

/// <summary>
/// Creating tensors: from arrays and spans, constants, ranges and identity matrices. Every factory takes an optional
/// <see cref="Device"/> (default <see cref="Device.Cpu"/>). Math ops on tensors are extension members in the same
/// static class family (<c>Tensor.Exp</c>, <c>a + b</c>, …).
/// </summary>
public static partial class Tensor
{
    /// <summary>A tensor with a copy of <paramref name="data"/> viewed as <paramref name="shape"/> (default: 1-d).</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data length.</exception>
    public static Tensor<T> FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<int> shape = default, Device? device = null) where T : unmanaged
    {
        int[] s = shape.IsEmpty ? [data.Length] : shape.ToArray();
        int n = Shapes.Numel(s);
        if (n != data.Length)
            throw new ArgumentException($"FromSpan: shape {Shapes.Format(s)} needs {n} elements but the data has {data.Length}.", nameof(shape));
        var st = (device ?? Device.Cpu).Backend.Upload(data);
        return new Tensor<T>(st, s, Shapes.ContiguousStrides(s), 0, trusted: true);
    }

    /// <summary>A tensor with a copy of <paramref name="data"/> viewed as <paramref name="shape"/> (default: 1-d).</summary>
    public static Tensor<T> FromArray<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromSpan<T>(data, shape.Length == 0 ? [data.Length] : shape);
    }

    /// <summary>A 0-d tensor holding <paramref name="value"/>. Use <c>FromSpan([v], [])</c>-style shapes via <see cref="Full{T}(T, ReadOnlySpan{int})"/> for others.</summary>
    public static Tensor<T> Scalar<T>(T value, Device? device = null) where T : unmanaged
    {
        var st = (device ?? Device.Cpu).Backend.Upload<T>([value]);
        return new Tensor<T>(st, [], [], 0, trusted: true);
    }

    /// <summary>
    /// A CPU tensor that shares <paramref name="data"/> (no copy): writes through the tensor are visible in the array
    /// and vice versa (NumPy's <c>from_buffer</c>, PyTorch's <c>from_numpy</c>).
    /// </summary>
    public static Tensor<T> Wrap<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] s = shape.Length == 0 ? [data.Length] : (int[])shape.Clone();
        int n = Shapes.Numel(s);
        if (n != data.Length)
            throw new ArgumentException($"Wrap: shape {Shapes.Format(s)} needs {n} elements but the array has {data.Length}.", nameof(shape));
        return new Tensor<T>(new CpuStorage<T>(data), s, Shapes.ContiguousStrides(s), 0, trusted: true);
    }

    /// <summary>A 2-d tensor with a copy of a rectangular array; element [i, j] becomes [i, j].</summary>
    public static Tensor<T> FromArray<T>(T[,] data, Device? device = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var span = data.Length == 0 ? ReadOnlySpan<T>.Empty
            : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference((Array)data)), data.Length);
        return FromSpan(span, [rows, cols], device);
    }

    /// <summary>A 3-d tensor with a copy of a rectangular array.</summary>
    public static Tensor<T> FromArray<T>(T[,,] data, Device? device = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var span = data.Length == 0 ? ReadOnlySpan<T>.Empty
            : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference((Array)data)), data.Length);
        return FromSpan(span, [data.GetLength(0), data.GetLength(1), data.GetLength(2)], device);
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor<T> Zeros<T>(params ReadOnlySpan<int> shape) where T : unmanaged => Tensor<T>.Allocate(shape.ToArray(), Device.Cpu);

    /// <summary>A tensor of zeros on <paramref name="device"/>.</summary>
    public static Tensor<T> Zeros<T>(Device device, params ReadOnlySpan<int> shape) where T : unmanaged => Tensor<T>.Allocate(shape.ToArray(), device);

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones<T>(params ReadOnlySpan<int> shape) where T : unmanaged, INumberBase<T> => Full(T.One, shape);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(T value, params ReadOnlySpan<int> shape) where T : unmanaged => Full(value, Device.Cpu, shape);

    /// <summary>A tensor on <paramref name="device"/> with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(T value, Device device, params ReadOnlySpan<int> shape) where T : unmanaged
    {
        var t = Tensor<T>.Allocate(shape.ToArray(), device);
        if (!EqualityComparer<T>.Default.Equals(value, default)) device.Backend.Fill(t, value);
        return t;
    }

    /// <summary>Zeros with the shape and device of <paramref name="like"/>.</summary>
    public static Tensor<T> ZerosLike<T>(Tensor<T> like) where T : unmanaged => Tensor<T>.Allocate(like.ShapeArray(), like.Device);

    /// <summary>A constant with the shape and device of <paramref name="like"/>.</summary>
    public static Tensor<T> FullLike<T>(Tensor<T> like, T value) where T : unmanaged => Full(value, like.Device, like.Shape);

    /// <summary>Ones with the shape and device of <paramref name="like"/>.</summary>
    public static Tensor<T> OnesLike<T>(Tensor<T> like) where T : unmanaged, INumberBase<T> => Full(T.One, like.Device, like.Shape);

    /// <summary>
    /// Values <c>start, start + step, …</c> up to but excluding <paramref name="stop"/>; length ⌈(stop − start)/step⌉
    /// (NumPy's <c>arange</c>). Each element is computed as <c>start + i·step</c>, so no error accumulates.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is zero or not finite.</exception>
    public static Tensor<T> Arange<T>(T start, T stop, T step) where T : unmanaged, INumber<T>
    {
        if (T.IsZero(step)) throw new ArgumentException("Arange: step must not be zero.", nameof(step));
        double count = Math.Ceiling(double.CreateChecked(stop - start) / double.CreateChecked(step));
        if (double.IsNaN(count) || count > int.MaxValue)
            throw new ArgumentException($"Arange: the range [{start}, {stop}) with step {step} has an invalid length {count}.", nameof(step));
        int n = Math.Max(0, (int)count);
        var data = new T[n];
        for (int i = 0; i < n; i++) data[i] = start + T.CreateChecked(i) * step;
        return Wrap(data);
    }

    /// <summary><c>0, 1, …, stop − 1</c>.</summary>
    public static Tensor<T> Arange<T>(T stop) where T : unmanaged, INumber<T> => Arange(T.Zero, stop, T.One);

    /// <summary>
    /// <paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive
    /// (NumPy's <c>linspace</c>); the last value is exactly <paramref name="stop"/>.
    /// </summary>
    public static Tensor<T> Linspace<T>(T start, T stop, int count) where T : unmanaged, IFloatingPoint<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var data = new T[count];
        if (count == 1) data[0] = start;
        else if (count > 1)
        {
            T step = (stop - start) / T.CreateChecked(count - 1);
            for (int i = 0; i < count; i++) data[i] = start + T.CreateChecked(i) * step;
            data[^1] = stop;
        }
        return Wrap(data);
    }

    /// <summary>The identity matrix (n × m, default square): ones on the main diagonal.</summary>
    public static Tensor<T> Eye<T>(int n, int? m = null) where T : unmanaged, INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int cols = m ?? n;
        ArgumentOutOfRangeException.ThrowIfNegative(cols, nameof(m));
        var data = new T[Shapes.Numel([n, cols])];
        for (int i = 0; i < Math.Min(n, cols); i++) data[i * cols + i] = T.One;
        return Wrap(data, n, cols);
    }
}
