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
        => Autograd.Record(ElementwiseMap.Where(condition, a, b), "where", a, b, WhereVjp, condition);

    /// <summary><c>y = condition ? a : b</c> with a scalar <paramref name="b"/> (gradient only for <paramref name="a"/>).</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together or the devices differ.</exception>
    public static Tensor<T> Where<T>(Tensor<bool> condition, Tensor<T> a, T b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        return Autograd.Record(ElementwiseMap.Where(condition, a, Scalar(b, a.Device)), "where", a,
            static (g, n) => GradMath.SumTo(Where(n.State<Tensor<bool>>(), g, default(T)), n.Input(0).ShapeArray()), condition);
    }

    /// <summary><c>y = condition ? a : b</c> with a scalar <paramref name="a"/> (gradient only for <paramref name="b"/>).</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together or the devices differ.</exception>
    public static Tensor<T> Where<T>(Tensor<bool> condition, T a, Tensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseMap.Where(condition, Scalar(a, b.Device), b), "where", b,
            static (g, n) => GradMath.SumTo(Where(n.State<Tensor<bool>>(), default(T), g), n.Input(0).ShapeArray()), condition);
    }

    // ∂y/∂a = condition, ∂y/∂b = ¬condition: the gradient is routed through the condition (zeros elsewhere, written
    // with where itself so that it is differentiable again) and summed back over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) WhereVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged
    {
        var condition = n.State<Tensor<bool>>();
        return (n.NeedsGrad(0) ? GradMath.SumTo(Where(condition, g, default(T)), n.Input(0).ShapeArray()) : null,
                n.NeedsGrad(1) ? GradMath.SumTo(Where(condition, default(T), g), n.Input(1).ShapeArray()) : null);
    }
}
