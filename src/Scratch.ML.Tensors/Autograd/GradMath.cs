using System.Numerics;

namespace Scratch.ML;

/// <summary>
/// The few numeric steps the autograd machinery itself needs (sum two gradients, undo broadcasting, ones), callable
/// from code that is generic over any unmanaged element type. Gradients exist only for float and double,
/// so these dispatch once on the element type to the constrained public ops.
/// </summary>
internal static class GradMath
{
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (Tensor<T>)(object)Tensor.Add((Tensor<float>)(object)a, (Tensor<float>)(object)b);
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)Tensor.Add((Tensor<double>)(object)a, (Tensor<double>)(object)b);
        throw NotFloat<T>();
    }

    public static void AddInPlace<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) Tensor.AddInPlace((Tensor<float>)(object)a, (Tensor<float>)(object)b);
        else if (typeof(T) == typeof(double)) Tensor.AddInPlace((Tensor<double>)(object)a, (Tensor<double>)(object)b);
        else throw NotFloat<T>();
    }

    public static Tensor<T> OnesLike<T>(Tensor<T> x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (Tensor<T>)(object)Tensor.OnesLike((Tensor<float>)(object)x);
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)Tensor.OnesLike((Tensor<double>)(object)x);
        throw NotFloat<T>();
    }

    /// <summary>Sums <paramref name="g"/> down to <paramref name="shape"/>: the one place broadcasting is undone.</summary>
    public static Tensor<T> SumTo<T>(Tensor<T> g, int[] shape) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (Tensor<T>)(object)Tensor.SumTo((Tensor<float>)(object)g, shape);
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)Tensor.SumTo((Tensor<double>)(object)g, shape);
        throw NotFloat<T>();
    }

    private static NotSupportedException NotFloat<T>() => new($"Gradients are defined for float and double tensors only, not {typeof(T).Name}.");
}
