using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// The exact Gelu, <c>y = x·Φ(x) = ½·x·(1 + erf(x/√2))</c>, evaluated as <c>½·x·erfc(−x/√2)</c> so that the left tail
/// (x ≪ 0, where 1 + erf cancels) keeps its relative accuracy. This is PyTorch's <c>gelu(approximate='none')</c>.
/// Special values: gelu(±0) = ±0, gelu(+∞) = +∞, gelu(−∞) = −0, gelu(NaN) = NaN.
/// Derivative: ∂y/∂x = Φ(x) + x·φ(x), with φ(x) = e^(−x²/2)/√(2π).
/// </summary>
/// <remarks>Kernel: <see cref="ErfKernel"/> in double; float32 is computed in double and rounded.</remarks>
public readonly struct GeluOperator<T> : IUnaryOperator<GeluOperator<T>, T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "gelu";
    /// <inheritdoc />
    public static T Invoke(T x) => T.CreateTruncating(default(GeluCore).Invoke(double.CreateTruncating(x)));
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => DoublePrecisionKernel.Apply(x, y, default(GeluCore));
}

/// <summary>Exact Gelu as an <see cref="IDoublePrecisionKernel"/>.</summary>
internal readonly struct GeluCore : IDoublePrecisionKernel
{
    private const double InvSqrt2 = 0.70710678118654752440;

    public double Invoke(double x)
    {
        if (double.IsNegativeInfinity(x)) return -0.0; // ½·(−∞)·0 would be NaN
        return 0.5 * x * ErfKernel.Erfc(-x * InvSqrt2);
    }

    public Vector512<double> Invoke(Vector512<double> x)
    {
        var y = Vector512.Create(0.5) * x * ErfKernel.Erfc(-x * Vector512.Create(InvSqrt2));
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.NegativeInfinity)), Vector512.Create(-0.0), y);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise exact Gelu <c>y = x·Φ(x)</c> (see <see cref="GeluOperator{T}"/>; the tanh form is <c>GeluTanh</c>).</summary>
        public Tensor<T> Gelu() => Autograd.Record(Elementwise.Unary<T, GeluOperator<T>>(x), "gelu", x, GeluVjp);
        /// <summary>In-place exact Gelu; returns x.</summary>
        public Tensor<T> GeluInPlace() => Elementwise.UnaryInPlace<T, GeluOperator<T>>(x);
    }
}

public static partial class Tensor
{
    // ∂y/∂x = Φ(x) + x·φ(x) with Φ(x) = ½·erfc(−x/√2) (no cancellation in the left tail) and φ(x) = e^(−x²/2)/√(2π),
    // written with erfc/exp so that the gradient is differentiable again.
    private static Tensor<T> GeluVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = n.Input(0);
        var cdf = (x * T.CreateTruncating(-0.70710678118654752)).Erfc() * T.CreateTruncating(0.5);
        var pdf = (x.Square() * T.CreateTruncating(-0.5)).Exp() * T.CreateTruncating(0.39894228040143268); // 1/√(2π)
        return g * (cdf + x * pdf);
    }
}
