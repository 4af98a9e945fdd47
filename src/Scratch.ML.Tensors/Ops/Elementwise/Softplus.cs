using System.Numerics;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = (1/β)·ln(1 + e^(β·x))</c>, reverting to <c>y = x</c> where <c>β·x &gt; threshold</c> (PyTorch's
/// <c>softplus(beta, threshold)</c>, defaults β = 1, threshold = 20). Evaluated in the overflow-free form
/// <c>z = β·x, y = (max(z, 0) + log1p(e^(−|z|)))/β</c>; the scalar twin computes log1p(e) as <c>ln(u)·e/(u − 1)</c>,
/// u = 1 + e (the rounding error of u cancels in the ratio), the vector kernel as 2·artanh(e/(2 + e))
/// (<see cref="Cpu.VectorMath.Log1pUnit"/>); both keep the left tail's relative accuracy (softplus(−30) = 9.4e−14, not 0). Special values: softplus(−∞) = 0, softplus(+∞) = +∞, softplus(NaN) = NaN.
/// Derivative: ∂y/∂x = σ(β·x) (1 where β·x &gt; threshold).
/// </summary>
public readonly struct SoftplusOperator<T> : IMapOperator<T, T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly SoftplusCore core;

    /// <summary>Creates the operator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">beta is not a positive finite number, or threshold is NaN.</exception>
    public SoftplusOperator(double beta, double threshold)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "softplus: beta must be a positive finite number.");
        if (double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "softplus: threshold must not be NaN.");
        core = new SoftplusCore(beta, threshold);
    }

    /// <inheritdoc />
    public string Name => "softplus";
    /// <inheritdoc />
    public T Invoke(T x) => T.CreateTruncating(core.Invoke(double.CreateTruncating(x)));
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<T> y) => DoublePrecisionKernel.Apply(x, y, core);
}

/// <summary>Softplus with parameters as an <see cref="IDoublePrecisionKernel"/>.</summary>
internal readonly struct SoftplusCore(double beta, double threshold) : IDoublePrecisionKernel
{
    public double Beta => beta;
    public double Threshold => threshold;

    public double Invoke(double x)
    {
        double z = beta * x;
        if (z > threshold) return x;
        double e = Math.Exp(-Math.Abs(z)), u = 1 + e;
        double log1p = u == 1 ? e : Math.Log(u) * e / (u - 1);
        return (Math.Max(z, 0) + log1p) / beta;
    }

    public Vector512<double> Invoke(Vector512<double> x)
    {
        var b = Vector512.Create(beta);
        var z = b * x;
        var e = VectorMath.Exp(-Vector512.Abs(z));
        var y = (Vector512.Max(z, Vector512<double>.Zero) + VectorMath.Log1pUnit(e)) / b;
        return Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(threshold)), x, y);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise softplus (see <see cref="SoftplusOperator{T}"/>).</summary>
        /// <param name="beta">The sharpness β &gt; 0 (default 1).</param>
        /// <param name="threshold">Above β·x &gt; threshold the result is x itself (default 20).</param>
        public Tensor<T> Softplus(double beta = 1, double threshold = 20)
            => Autograd.Record(ElementwiseMap.Map<T, T, SoftplusOperator<T>>(x, new SoftplusOperator<T>(beta, threshold)),
                "softplus", x, SoftplusVjp, new SoftplusCore(beta, threshold));

        /// <summary>In-place softplus; returns x.</summary>
        /// <param name="beta">The sharpness β &gt; 0 (default 1).</param>
        /// <param name="threshold">Above β·x &gt; threshold the result is x itself (default 20).</param>
        public Tensor<T> SoftplusInPlace(double beta = 1, double threshold = 20)
            => ElementwiseMap.MapInPlace(x, new SoftplusOperator<T>(beta, threshold));
    }
}

public static partial class Tensor
{
    // ∂y/∂x = σ(β·x), or 1 where β·x > threshold (the linear branch), as PyTorch's softplus_backward.
    private static Tensor<T> SoftplusVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = n.State<SoftplusCore>();
        var z = n.Input(0) * T.CreateTruncating(p.Beta);
        return Tensor.Where(z.Gt(T.CreateTruncating(p.Threshold)), g, g * z.Sigmoid());
    }
}
