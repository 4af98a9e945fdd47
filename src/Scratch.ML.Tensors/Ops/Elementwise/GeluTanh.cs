using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// The tanh approximation of Gelu (PyTorch's <c>gelu(approximate='tanh')</c>, GPT-2's "gelu_new"):
/// <c>y = ½·x·(1 + tanh(u))</c> with <c>u = √(2/π)·(x + 0.044715·x³)</c>, evaluated as the identical
/// <c>y = x / (1 + e^(−2u))</c>, which needs one exponential and no cancellation. Special values: y(±0) = ±0,
/// y(+∞) = +∞, y(−∞) = −0, y(NaN) = NaN. Derivative: ∂y/∂x = s + x·s·(1 − s)·2u′ with s = 1/(1 + e^(−2u)),
/// u′ = √(2/π)·(1 + 3·0.044715·x²).
/// </summary>
public readonly struct GeluTanhOperator<T> : IUnaryOperator<GeluTanhOperator<T>, T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "gelu_tanh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.CreateTruncating(default(GeluTanhCore).Invoke(double.CreateTruncating(x)));
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => DoublePrecisionKernel.Apply(x, y, default(GeluTanhCore));
}

/// <summary>The tanh-form Gelu as an <see cref="IDoublePrecisionKernel"/>.</summary>
internal readonly struct GeluTanhCore : IDoublePrecisionKernel
{
    private const double Sqrt2OverPi = 0.79788456080286535588, Cubic = 0.044715;

    public double Invoke(double x)
    {
        if (double.IsNegativeInfinity(x)) return -0.0; // −∞/∞ would be NaN
        double u = Sqrt2OverPi * (x + Cubic * x * x * x);
        return x / (1 + Math.Exp(-2 * u));
    }

    public Vector512<double> Invoke(Vector512<double> x)
    {
        var u = Vector512.Create(Sqrt2OverPi) * (x + Vector512.Create(Cubic) * x * x * x);
        var y = x / (Vector512.Create(1.0) + VectorMath.Exp(Vector512.Create(-2.0) * u));
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.NegativeInfinity)), Vector512.Create(-0.0), y);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise tanh-approximated Gelu (see <see cref="GeluTanhOperator{T}"/>).</summary>
        public Tensor<T> GeluTanh() => Autograd.Record(Elementwise.Unary<T, GeluTanhOperator<T>>(x), "gelu_tanh", x, GeluTanhVjp);
        /// <summary>In-place tanh-approximated Gelu; returns x.</summary>
        public Tensor<T> GeluTanhInPlace() => Elementwise.UnaryInPlace<T, GeluTanhOperator<T>>(x);
    }
}

public static partial class Tensor
{
    // y = x·s with s = σ(2u), u = √(2/π)·(x + 0.044715·x³): ∂y/∂x = s + x·s·(1 − s)·2u′, u′ = √(2/π)·(1 + 3·0.044715·x²).
    // Written with sigmoid and arithmetic so that the gradient is differentiable again.
    private static Tensor<T> GeluTanhVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = n.Input(0);
        var x2 = x.Square();
        var twoC = T.CreateTruncating(2 * 0.79788456080286535588); // 2·√(2/π)
        var k = T.CreateTruncating(0.044715);
        var s = (x * (x2 * k + T.One) * twoC).Sigmoid();
        var du2 = (x2 * (k * T.CreateTruncating(3)) + T.One) * twoC; // 2u′
        return g * (s + x * s * (T.One - s) * du2);
    }
}
