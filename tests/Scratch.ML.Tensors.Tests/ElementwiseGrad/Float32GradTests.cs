using System.Numerics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.ElementwiseGrad;

/// <summary>
/// The VJPs are generic: the float32 gradients (constants built with <c>T.CreateTruncating</c>, masks cast to T) must
/// match the float64 ones, computed on the same inputs, to float32 accuracy.
/// </summary>
public class Float32GradTests
{
    private static Tensor<T> Apply<T>(string name, Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T C(double v) => T.CreateTruncating(v);
        return name switch
        {
            "sin" => a.Sin() * b,
            "acos" => (a * C(0.4)).Acos(),
            "erf" => a.Erf() + b.Erfc(),
            "exp2_log2" => a.Exp2() + b.Abs().Log2() + b.Abs().Log10(),
            "gelu" => a.Gelu() + b.GeluTanh(),
            "softplus" => a.Softplus() + b.Softplus(2, 1),
            "rsqrt" => a.Abs().Rsqrt() + b.Abs().Sqrt(),
            "clamp" => a.Clamp(C(-0.5), C(0.7)) + b.ClampMin(C(0.3)),
            "pow" => a.Abs().Pow(b) + Tensor.Pow(C(1.7), a) + b.Pow(C(3)),
            "maximum" => a.Maximum(b) + b.Minimum(C(0.25)),
            "atan2" => a.Atan2(b) + a.Hypot(b),
            "where" => Tensor.Where(a.Gt(b), a * b, b),
            "fmod" => a.Fmod(b) + a.Remainder(b) + a.CopySign(b),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [InlineData("sin")]
    [InlineData("acos")]
    [InlineData("erf")]
    [InlineData("exp2_log2")]
    [InlineData("gelu")]
    [InlineData("softplus")]
    [InlineData("rsqrt")]
    [InlineData("clamp")]
    [InlineData("pow")]
    [InlineData("maximum")]
    [InlineData("atan2")]
    [InlineData("where")]
    [InlineData("fmod")]
    public void Float32GradientsMatchFloat64(string name)
    {
        // Values on a grid that stays off every kink, tie and integer quotient used above: a ∈ ±{0.35, 0.85, 1.45}, b (3, 1).
        float[] av = [-1.45f, -0.85f, -0.35f, 0.35f, 0.85f, 1.45f];
        float[] bv = [-1.1f, 0.55f, 1.3f];
        var a32 = Tensor.FromArray(av, 6).RequireGrad();
        var b32 = Tensor.FromArray(bv, 3, 1).RequireGrad();
        var a64 = a32.Detach().Cast<double>().RequireGrad();
        var b64 = b32.Detach().Cast<double>().RequireGrad();
        var g32 = Autograd.Grad([Apply(name, a32, b32).Sum()], [a32, b32], allowUnused: true);
        var g64 = Autograd.Grad([Apply(name, a64, b64).Sum()], [a64, b64], allowUnused: true);
        // float32 kernels are accurate to ~1 ulp; gradients summed over a broadcast axis of 3–6 terms of size O(1–10)
        // carry a few ulp more, so the float32 kernel tolerance is widened 10×.
        var tol = Tolerance.Float32Kernel.Scaled(10, "float32 gradients summed over broadcast axes");
        for (int i = 0; i < 2; i++)
        {
            if (g64[i] is null) { Assert.Null(g32[i]); continue; }
            TensorAssert.Close(g64[i]!.Cast<float>(), g32[i]!, tol);
        }
    }
}
