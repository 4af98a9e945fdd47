namespace Scratch.ML;

public static partial class Tensor
{
    /// <summary>
    /// <c>y = condition ? a : b</c> elementwise, with NumPy broadcasting across all three arguments (e.g. a (n, 1)
    /// condition, a (1, m) tensor and a scalar give an (n, m) result). Derivative: ∂y/∂a = condition,
    /// ∂y/∂b = ¬condition (each summed over its broadcast axes); none with respect to the condition.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together (both shapes are named) or the devices differ.</exception>
    public static Tensor<T> Where<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged
        => ElementwiseMap.Where(condition, a, b);

    /// <summary><c>y = condition ? a : b</c> with a scalar <paramref name="b"/>.</summary>
    public static Tensor<T> Where<T>(Tensor<bool> condition, Tensor<T> a, T b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        return ElementwiseMap.Where(condition, a, Scalar(b, a.Device));
    }

    /// <summary><c>y = condition ? a : b</c> with a scalar <paramref name="a"/>.</summary>
    public static Tensor<T> Where<T>(Tensor<bool> condition, T a, Tensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(b);
        return ElementwiseMap.Where(condition, Scalar(a, b.Device), b);
    }
}
