using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = erf(x) = (2/√π)·∫₀ˣ e^(−t²) dt</c>. Special values: erf(±0) = ±0, erf(±∞) = ±1, erf(NaN) = NaN.
/// Derivative: ∂y/∂x = (2/√π)·e^(−x²).
/// </summary>
/// <remarks>
/// TensorPrimitives has no erf: the kernel is <see cref="ErfKernel"/> (piecewise polynomials fitted in double, ≤ 2 ulp);
/// float32 is computed in double and rounded, so it is correctly rounded except in rare halfway cases.
/// </remarks>
public readonly struct ErfOperator<T> : IUnaryOperator<ErfOperator<T>, T> where T : struct, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "erf";
    /// <inheritdoc />
    public static T Invoke(T x) => T.CreateTruncating(ErfKernel.Erf(double.CreateTruncating(x)));
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => DoublePrecisionKernel.Apply(x, y, default(ErfCore));
}

/// <summary>erf as an <see cref="IDoublePrecisionKernel"/>.</summary>
internal readonly struct ErfCore : IDoublePrecisionKernel
{
    public double Invoke(double x) => ErfKernel.Erf(x);
    public Vector512<double> Invoke(Vector512<double> x) => ErfKernel.Erf(x);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise error function <c>y = erf(x)</c> (see <see cref="ErfOperator{T}"/>).</summary>
        public Tensor<T> Erf() => Autograd.Record(Elementwise.Unary<T, ErfOperator<T>>(x), "erf", x, static (g, n) => g * (-n.Input(0).Square()).Exp() * T.CreateTruncating(1.1283791670955126) /* 2/√π */);
        /// <summary>In-place error function; returns x.</summary>
        public Tensor<T> ErfInPlace() => Elementwise.UnaryInPlace<T, ErfOperator<T>>(x);
    }
}
