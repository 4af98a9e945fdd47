namespace Scratch.ML.Tests.ElementwiseGrad;

/// <summary>A one-input case: the function (ops with scalar operands are one-input functions too) and its domain.</summary>
/// <param name="Name">The test display name.</param>
/// <param name="F">The function under test.</param>
/// <param name="Domain">Where inputs are drawn.</param>
public sealed record UnaryGradCase(string Name, Func<Tensor<double>, Tensor<double>> F, Domain Domain)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A two-input case with broadcasting: the function, the operand domains and a pairwise validity rule.</summary>
/// <param name="Name">The test display name.</param>
/// <param name="F">The function under test.</param>
/// <param name="DomainA">Where the first operand is drawn.</param>
/// <param name="DomainB">Where the second operand is drawn.</param>
/// <param name="Valid">A rule every broadcast pair (a, b) must meet (ties, branch cuts, jumps), or null.</param>
public sealed record BinaryGradCase(string Name, Func<Tensor<double>, Tensor<double>, Tensor<double>> F, Domain DomainA, Domain DomainB,
    Func<double, double, bool>? Valid = null)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The table of elementwise ops checked against finite differences, with the domain each is smooth on.</summary>
public static class GradCases
{
    private static readonly Domain Wide = Domain.Of(-2, 2);
    private static readonly Domain Unit = Domain.Of(-0.9, 0.9);
    private static readonly Domain Positive = Domain.Of(0.1, 3);
    private static readonly Domain NonZero = new(-3, 3, [0], 0.2);

    /// <summary>Multiples of <paramref name="step"/> in [−<paramref name="limit"/>, <paramref name="limit"/>] (jump points of rounding and modulo).</summary>
    private static double[] Multiples(double step, double limit)
    {
        var list = new List<double>();
        for (int k = -(int)Math.Ceiling(limit / step); k * step <= limit; k++) list.Add(k * step);
        return [.. list];
    }

    /// <summary>Whether a/b stays 1e-3 away from an integer (where trunc and floor of the quotient jump).</summary>
    private static bool QuotientAwayFromIntegers(double a, double b)
    {
        double q = a / b;
        return Math.Abs(q - Math.Round(q)) > 1e-3;
    }

    public static readonly UnaryGradCase[] Unary =
    [
        new("abs", x => x.Abs(), new(-2, 2, [0])),
        new("acos", x => x.Acos(), Unit),
        new("acosh", x => x.Acosh(), Domain.Of(1.1, 3)),
        new("asin", x => x.Asin(), Unit),
        new("asinh", x => x.Asinh(), Wide),
        new("atan", x => x.Atan(), Wide),
        new("atanh", x => x.Atanh(), Unit),
        new("cos", x => x.Cos(), Wide),
        new("cosh", x => x.Cosh(), Wide),
        new("sin", x => x.Sin(), Wide),
        new("sinh", x => x.Sinh(), Wide),
        new("tan", x => x.Tan(), Domain.Of(-1.2, 1.2)),
        new("erf", x => x.Erf(), Wide),
        new("erfc", x => x.Erfc(), Wide),
        new("exp2", x => x.Exp2(), Wide),
        new("expm1", x => x.Expm1(), Wide),
        new("log10", x => x.Log10(), Positive),
        new("log1p", x => x.Log1p(), Domain.Of(-0.9, 3)),
        new("log2", x => x.Log2(), Positive),
        new("reciprocal", x => x.Reciprocal(), NonZero),
        new("rsqrt", x => x.Rsqrt(), Domain.Of(0.2, 3)),
        new("sqrt", x => x.Sqrt(), Positive),
        new("gelu", x => x.Gelu(), Domain.Of(-4, 4)),
        new("gelu_tanh", x => x.GeluTanh(), Domain.Of(-4, 4)),
        new("softplus", x => x.Softplus(), Domain.Of(-4, 4)),
        // β = 2, threshold = 1: the linear branch starts at x = 0.5, where softplus jumps by log1p(e⁻¹)/2 ≈ 0.16.
        new("softplus_beta2_threshold1", x => x.Softplus(2, 1), new(-2, 2, [0.5])),
        new("clamp", x => x.Clamp(-0.5, 0.7), new(-2, 2, [-0.5, 0.7])),
        new("clamp_min", x => x.ClampMin(0.3), new(-2, 2, [0.3])),
        new("clamp_max", x => x.ClampMax(-0.2), new(-2, 2, [-0.2])),
        new("maximum_scalar", x => x.Maximum(0.25), new(-2, 2, [0.25])),
        new("minimum_scalar", x => x.Minimum(0.25), new(-2, 2, [0.25])),
        new("pow_tensor_scalar", x => x.Pow(2.5), Positive),
        new("pow_tensor_int_scalar_negative_base", x => x.Pow(3.0), Wide),
        new("pow_tensor_zero", x => x.Pow(0.0), Wide),
        new("pow_scalar_tensor", x => Tensor.Pow(1.7, x), Wide),
        new("pow_zero_base_tensor", x => Tensor.Pow(0.0, x), Domain.Of(0.1, 2)),
        new("atan2_scalar", x => x.Atan2(0.7), Wide),
        new("hypot_scalar", x => x.Hypot(0.6), Wide),
        new("copysign_scalar", x => x.CopySign(-1.0), new(-2, 2, [0])),
        new("fmod_scalar", x => x.Fmod(0.7), new(-3, 3, Multiples(0.7, 3))),
        new("remainder_scalar", x => x.Remainder(-0.8), new(-3, 3, Multiples(0.8, 3))),
        new("floor", x => x.Floor(), new(-3, 3, Multiples(1, 3))),
        new("ceil", x => x.Ceil(), new(-3, 3, Multiples(1, 3))),
        new("round", x => x.Round(), new(-3, 3, Multiples(0.5, 3))),
        new("trunc", x => x.Trunc(), new(-3, 3, Multiples(1, 3))),
        new("sign", x => x.Sign(), new(-3, 3, [0])),
        new("cast_double_to_double", x => x.Cast<double>() * x, Wide),
        new("where_scalar_b", x => Tensor.Where(GradGen.Mask(x.ShapeArray(), 7), x, 0.5), Wide),
        new("where_scalar_a", x => Tensor.Where(GradGen.Mask(x.ShapeArray(), 8), -0.5, x.Sin()), Wide),
    ];

    public static readonly BinaryGradCase[] Binary =
    [
        // atan2: stay off the origin and off the branch cut (a = 0, b < 0) where the angle jumps by 2π.
        new("atan2", (a, b) => a.Atan2(b), Wide, Wide, (a, b) => a * a + b * b > 0.01 && !(b < 0 && Math.Abs(a) < 1e-3)),
        new("hypot", (a, b) => a.Hypot(b), Wide, Wide, (a, b) => a * a + b * b > 0.01),
        new("copysign", (a, b) => a.CopySign(b), new(-2, 2, [0]), new(-2, 2, [0])),
        new("fmod", (a, b) => a.Fmod(b), Domain.Of(-3, 3), new(-1.5, 1.5, [0], 0.3), QuotientAwayFromIntegers),
        new("remainder", (a, b) => a.Remainder(b), Domain.Of(-3, 3), new(-1.5, 1.5, [0], 0.3), QuotientAwayFromIntegers),
        new("maximum", (a, b) => a.Maximum(b), Wide, Wide, (a, b) => Math.Abs(a - b) > 1e-3),
        new("minimum", (a, b) => a.Minimum(b), Wide, Wide, (a, b) => Math.Abs(a - b) > 1e-3),
        new("pow", (a, b) => a.Pow(b), Domain.Of(0.2, 3), Wide),
        new("where", (a, b) => Tensor.Where(GradGen.Mask(Shapes.Broadcast(a.Shape, b.Shape), 5), a, b), Wide, Wide),
        // A condition of a smaller shape than the result: it is broadcast too.
        new("where_broadcast_condition", (a, b) =>
        {
            var shape = Shapes.Broadcast(a.Shape, b.Shape);
            return Tensor.Where(GradGen.Mask(shape.Length == 0 ? [] : [.. shape[..^1], 1], 6), a, b);
        }, Wide, Wide),
    ];
}
