using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>One row of the unary-op table: the op for both float types, its double-precision twin and a domain.</summary>
public sealed record UnaryCase(
    string Name,
    Func<Tensor<float>, Tensor<float>> F32,
    Func<Tensor<double>, Tensor<double>> F64,
    Func<Tensor<double>, Tensor<double>> InPlace64,
    Func<double, double> Twin,
    Func<Random, double> Domain,
    Tolerance Tol32,
    Tolerance Tol64,
    Tolerance? Special64 = null)
{
    public override string ToString() => Name;
}

/// <summary>The unary table. Twins are written with <see cref="Math"/> (independent of TensorPrimitives).</summary>
public static class UnaryCases
{
    private static Func<Random, double> Uniform(double lo, double hi) => r => lo + (hi - lo) * r.NextDouble();

    /// <summary>Log-uniform positive values in [lo, hi].</summary>
    private static Func<Random, double> Positive(double lo, double hi) => r => Math.Exp(Math.Log(lo) + (Math.Log(hi) - Math.Log(lo)) * r.NextDouble());

    private static readonly Tolerance F32 = Tolerance.Float32Kernel;
    private static readonly Tolerance F64 = Tolerance.Float64Kernel;
    // TensorPrimitives' float32 kernels for these functions are documented "within a few ulp"; near the ends of
    // their domains (asin/acos near ±1, tan near ±π/2, acosh near 1) the condition number magnifies the input's own
    // rounding, so the comparison with a double twin of the rounded input needs a wider margin.
    private static readonly Tolerance F32Wide = Tolerance.Float32Kernel.Scaled(4, "ill-conditioned near the domain ends");
    private static readonly Tolerance F64Wide = Tolerance.Float64Kernel.Scaled(4, "ill-conditioned near the domain ends");

    // TensorPrimitives.Sinh/Cosh (float64) evaluate e^(x − ln 2) near the overflow threshold; rounding x − ln 2 costs
    // up to ulp(710)/2 = 5.7e-14 of relative accuracy (measured 5.5e-14 at x = 709.7). A known TensorPrimitives
    // limitation, documented in docs/performance/elementwise.md.
    private static readonly Tolerance NearOverflow = Tolerance.Float64Kernel.Scaled(10, "TensorPrimitives sinh/cosh near overflow");

    private static double Round(double x)
    {
        double r = Math.Round(x, MidpointRounding.ToEven);
        return r;
    }

    private static double Erf(double x) => SpecialFunctionTests.ErfTwin(x);

    public static readonly UnaryCase[] All =
    [
        new("neg", x => x.Neg(), x => x.Neg(), x => x.NegInPlace(), x => -x, Uniform(-10, 10), Tolerance.Exact, Tolerance.Exact),
        new("abs", x => x.Abs(), x => x.Abs(), x => x.AbsInPlace(), Math.Abs, Uniform(-10, 10), Tolerance.Exact, Tolerance.Exact),
        new("sign", x => x.Sign(), x => x.Sign(), x => x.SignInPlace(), x => double.IsNaN(x) ? x : x > 0 ? 1 : x < 0 ? -1 : x, Uniform(-2, 2), Tolerance.Exact, Tolerance.Exact),
        new("sqrt", x => x.Sqrt(), x => x.Sqrt(), x => x.SqrtInPlace(), Math.Sqrt, Positive(1e-6, 1e6), F32, F64),
        new("rsqrt", x => x.Rsqrt(), x => x.Rsqrt(), x => x.RsqrtInPlace(), x => 1 / Math.Sqrt(x), Positive(1e-6, 1e6), F32, F64),
        new("square", x => x.Square(), x => x.Square(), x => x.SquareInPlace(), x => x * x, Uniform(-100, 100), F32, F64),
        new("reciprocal", x => x.Reciprocal(), x => x.Reciprocal(), x => x.ReciprocalInPlace(), x => 1 / x, Uniform(-100, 100), F32, F64),
        new("exp", x => x.Exp(), x => x.Exp(), x => x.ExpInPlace(), Math.Exp, Uniform(-80, 80), F32, F64),
        new("exp2", x => x.Exp2(), x => x.Exp2(), x => x.Exp2InPlace(), x => Math.Pow(2, x), Uniform(-100, 100), F32, F64),
        new("expm1", x => x.Expm1(), x => x.Expm1(), x => x.Expm1InPlace(), x => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1, Uniform(-3, 3), F32, F64Wide),
        new("log", x => x.Log(), x => x.Log(), x => x.LogInPlace(), Math.Log, Positive(1e-30, 1e30), F32, F64),
        new("log2", x => x.Log2(), x => x.Log2(), x => x.Log2InPlace(), Math.Log2, Positive(1e-30, 1e30), F32, F64),
        new("log10", x => x.Log10(), x => x.Log10(), x => x.Log10InPlace(), Math.Log10, Positive(1e-30, 1e30), F32, F64),
        new("log1p", x => x.Log1p(), x => x.Log1p(), x => x.Log1pInPlace(), x => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4 : Math.Log(1 + x), Uniform(-0.9, 10), F32, F64Wide),
        new("sin", x => x.Sin(), x => x.Sin(), x => x.SinInPlace(), Math.Sin, Uniform(-10, 10), F32, F64),
        new("cos", x => x.Cos(), x => x.Cos(), x => x.CosInPlace(), Math.Cos, Uniform(-10, 10), F32, F64),
        new("tan", x => x.Tan(), x => x.Tan(), x => x.TanInPlace(), Math.Tan, Uniform(-1.4, 1.4), F32Wide, F64Wide),
        new("asin", x => x.Asin(), x => x.Asin(), x => x.AsinInPlace(), Math.Asin, Uniform(-0.99, 0.99), F32Wide, F64Wide),
        new("acos", x => x.Acos(), x => x.Acos(), x => x.AcosInPlace(), Math.Acos, Uniform(-0.99, 0.99), F32Wide, F64Wide),
        new("atan", x => x.Atan(), x => x.Atan(), x => x.AtanInPlace(), Math.Atan, Uniform(-50, 50), F32, F64),
        new("sinh", x => x.Sinh(), x => x.Sinh(), x => x.SinhInPlace(), Math.Sinh, Uniform(-20, 20), F32, F64, NearOverflow),
        new("cosh", x => x.Cosh(), x => x.Cosh(), x => x.CoshInPlace(), Math.Cosh, Uniform(-20, 20), F32, F64, NearOverflow),
        new("tanh", x => x.Tanh(), x => x.Tanh(), x => x.TanhInPlace(), Math.Tanh, Uniform(-10, 10), F32, F64),
        new("asinh", x => x.Asinh(), x => x.Asinh(), x => x.AsinhInPlace(), Math.Asinh, Uniform(-100, 100), F32, F64),
        new("acosh", x => x.Acosh(), x => x.Acosh(), x => x.AcoshInPlace(), Math.Acosh, Uniform(1.01, 100), F32Wide, F64Wide),
        new("atanh", x => x.Atanh(), x => x.Atanh(), x => x.AtanhInPlace(), Math.Atanh, Uniform(-0.99, 0.99), F32Wide, F64Wide),
        new("sigmoid", x => x.Sigmoid(), x => x.Sigmoid(), x => x.SigmoidInPlace(), x => 1 / (1 + Math.Exp(-x)), Uniform(-30, 30), F32, F64),
        new("relu", x => x.Relu(), x => x.Relu(), x => x.ReluInPlace(), x => double.IsNaN(x) ? x : Math.Max(x, 0), Uniform(-5, 5), Tolerance.Exact, Tolerance.Exact),
        new("gelu", x => x.Gelu(), x => x.Gelu(), x => x.GeluInPlace(), x => double.IsNegativeInfinity(x) ? -0.0 : 0.5 * x * (1 + Erf(x / Math.Sqrt(2))), Uniform(-5, 5), F32, F64Wide),
        new("gelu_tanh", x => x.GeluTanh(), x => x.GeluTanh(), x => x.GeluTanhInPlace(), x => double.IsNegativeInfinity(x) ? -0.0 : 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))), Uniform(-5, 5), F32, F64Wide),
        new("softplus", x => x.Softplus(), x => x.Softplus(), x => x.SoftplusInPlace(), x => x > 20 ? x : Math.Log(1 + Math.Exp(x)), Uniform(-15, 30), F32, F64Wide),
        new("erf", x => x.Erf(), x => x.Erf(), x => x.ErfInPlace(), Erf, Uniform(-5, 5), F32, F64),
        new("erfc", x => x.Erfc(), x => x.Erfc(), x => x.ErfcInPlace(), x => 1 - Erf(x), Uniform(-3, 0.5), F32, F64Wide),
        new("floor", x => x.Floor(), x => x.Floor(), x => x.FloorInPlace(), Math.Floor, Uniform(-100, 100), Tolerance.Exact, Tolerance.Exact),
        new("ceil", x => x.Ceil(), x => x.Ceil(), x => x.CeilInPlace(), Math.Ceiling, Uniform(-100, 100), Tolerance.Exact, Tolerance.Exact),
        new("round", x => x.Round(), x => x.Round(), x => x.RoundInPlace(), Round, r => Math.Round((r.NextDouble() - 0.5) * 40) / 2, Tolerance.Exact, Tolerance.Exact),
        new("trunc", x => x.Trunc(), x => x.Trunc(), x => x.TruncInPlace(), Math.Truncate, Uniform(-100, 100), Tolerance.Exact, Tolerance.Exact),
        new("clamp", x => x.Clamp(-1f, 2f), x => x.Clamp(-1.0, 2.0), x => x.ClampInPlace(-1.0, 2.0), x => double.IsNaN(x) ? x : Math.Min(Math.Max(x, -1), 2), Uniform(-5, 5), Tolerance.Exact, Tolerance.Exact),
        new("clamp_min", x => x.ClampMin(0.5f), x => x.ClampMin(0.5), x => x.ClampMinInPlace(0.5), x => double.IsNaN(x) ? x : Math.Max(x, 0.5), Uniform(-5, 5), Tolerance.Exact, Tolerance.Exact),
        new("clamp_max", x => x.ClampMax(0.5f), x => x.ClampMax(0.5), x => x.ClampMaxInPlace(0.5), x => double.IsNaN(x) ? x : Math.Min(x, 0.5), Uniform(-5, 5), Tolerance.Exact, Tolerance.Exact),
    ];

    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var c in All) d.Add(c.Name);
        return d;
    }

    public static UnaryCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>Values every op is also run on (compared with the twin through the same tolerance rules).</summary>
    public static readonly double[] Special =
    [
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5,
        double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 1e-40, -1e-40, 1e-300, 88.7, -88.7, 89.5, -104, 709.7, -745.5, 710.0,
        1e30, -1e30, 3.0e38, -3.0e38, 1e300, -1e300, double.MaxValue, double.MinValue,
    ];
}
