using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = erfc(x) = 1 − erf(x)</c>, computed without the cancellation of <c>1 − erf(x)</c> for large x (relative
/// accuracy holds into the subnormal range, x ≈ 26.5). Special values: erfc(−∞) = 2, erfc(+∞) = 0, erfc(0) = 1,
/// erfc(NaN) = NaN. Derivative: ∂y/∂x = −(2/√π)·e^(−x²).
/// </summary>
/// <remarks>Kernel: <see cref="ErfKernel"/>.</remarks>
public readonly struct ErfcOperator<T> : IUnaryOperator<ErfcOperator<T>, T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "erfc";
    /// <inheritdoc />
    public static T Invoke(T x) => T.CreateTruncating(ErfKernel.Erfc(double.CreateTruncating(x)));
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => DoublePrecisionKernel.Apply(x, y, default(ErfcCore));
}

/// <summary>erfc as an <see cref="IDoublePrecisionKernel"/>.</summary>
internal readonly struct ErfcCore : IDoublePrecisionKernel
{
    public double Invoke(double x) => ErfKernel.Erfc(x);
    public Vector512<double> Invoke(Vector512<double> x) => ErfKernel.Erfc(x);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise complementary error function <c>y = erfc(x)</c> (see <see cref="ErfcOperator{T}"/>).</summary>
        public Tensor<T> Erfc() => Autograd.Record(Elementwise.Unary<T, ErfcOperator<T>>(x), "erfc", x, static (g, n) => g * (-n.Input(0).Square()).Exp() * T.CreateTruncating(-1.1283791670955126) /* −2/√π */);
        /// <summary>In-place complementary error function; returns x.</summary>
        public Tensor<T> ErfcInPlace() => Elementwise.UnaryInPlace<T, ErfcOperator<T>>(x);
    }
}
