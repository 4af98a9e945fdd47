using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>One row of the binary-op table.</summary>
public sealed record BinaryCase(
    string Name,
    Func<Tensor<float>, Tensor<float>, Tensor<float>> F32,
    Func<Tensor<double>, Tensor<double>, Tensor<double>> F64,
    Func<Tensor<double>, double, Tensor<double>> Scalar64,
    Func<Tensor<double>, Tensor<double>, Tensor<double>> InPlace64,
    Func<double, double, double> Twin,
    Func<Random, double> DomainA,
    Func<Random, double> DomainB,
    Tolerance Tol32,
    Tolerance Tol64)
{
    public override string ToString() => Name;
}

public static class BinaryCases
{
    private static Func<Random, double> Uniform(double lo, double hi) => r => lo + (hi - lo) * r.NextDouble();
    private static Func<Random, double> NonZero(double lo, double hi) => r => { double v = lo + (hi - lo) * r.NextDouble(); return Math.Abs(v) < 1e-3 ? 1 : v; };
    private static Func<Random, double> Ties(int k) => r => r.Next(-k, k + 1) / 2.0; // small grid: equal operands occur

    private static readonly Tolerance F32 = Tolerance.Float32Kernel;
    private static readonly Tolerance F64 = Tolerance.Float64Kernel;
    private static readonly Tolerance X = Tolerance.Exact;

    private static double PyRemainder(double a, double b)
    {
        double r = a % b;
        if (r == 0) return Math.CopySign(0.0, b);
        return (r < 0) != (b < 0) ? r + b : r;
    }

    public static readonly BinaryCase[] All =
    [
        new("add", (a, b) => a + b, (a, b) => a + b, (a, s) => a + s, (a, b) => a.AddInPlace(b), (a, b) => a + b, Uniform(-10, 10), Uniform(-10, 10), X, X),
        new("sub", (a, b) => a - b, (a, b) => a - b, (a, s) => a - s, (a, b) => a.SubInPlace(b), (a, b) => a - b, Uniform(-10, 10), Uniform(-10, 10), X, X),
        new("mul", (a, b) => a * b, (a, b) => a * b, (a, s) => a * s, (a, b) => a.MulInPlace(b), (a, b) => a * b, Uniform(-10, 10), Uniform(-10, 10), X, X),
        new("div", (a, b) => a / b, (a, b) => a / b, (a, s) => a / s, (a, b) => a.DivInPlace(b), (a, b) => a / b, Uniform(-10, 10), NonZero(-10, 10), X, X),
        new("pow", (a, b) => a.Pow(b), (a, b) => a.Pow(b), (a, s) => a.Pow(s), (a, b) => a.PowInPlace(b), Math.Pow, Uniform(0.01, 10), Uniform(-8, 8), F32.Scaled(4, "pow's result error grows with |b·ln a|"), F64.Scaled(4, "pow's result error grows with |b·ln a|")),
        new("atan2", (a, b) => a.Atan2(b), (a, b) => a.Atan2(b), (a, s) => a.Atan2(s), (a, b) => a.Atan2InPlace(b), Math.Atan2, Uniform(-10, 10), Uniform(-10, 10), F32, F64),
        new("maximum", (a, b) => a.Maximum(b), (a, b) => a.Maximum(b), (a, s) => a.Maximum(s), (a, b) => a.MaximumInPlace(b), Math.Max, Ties(6), Ties(6), X, X),
        new("minimum", (a, b) => a.Minimum(b), (a, b) => a.Minimum(b), (a, s) => a.Minimum(s), (a, b) => a.MinimumInPlace(b), Math.Min, Ties(6), Ties(6), X, X),
        new("fmod", (a, b) => a.Fmod(b), (a, b) => a.Fmod(b), (a, s) => a.Fmod(s), (a, b) => a.FmodInPlace(b), (a, b) => a % b, Uniform(-20, 20), NonZero(-5, 5), X, X),
        new("remainder", (a, b) => a.Remainder(b), (a, b) => a.Remainder(b), (a, s) => a.Remainder(s), (a, b) => a.RemainderInPlace(b), PyRemainder, Uniform(-20, 20), NonZero(-5, 5), X, X),
        new("hypot", (a, b) => a.Hypot(b), (a, b) => a.Hypot(b), (a, s) => a.Hypot(s), (a, b) => a.HypotInPlace(b), double.Hypot, Uniform(-100, 100), Uniform(-100, 100), F32, F64),
        new("copysign", (a, b) => a.CopySign(b), (a, b) => a.CopySign(b), (a, s) => a.CopySign(s), (a, b) => a.CopySignInPlace(b), Math.CopySign, Uniform(-10, 10), Uniform(-10, 10), X, X),
    ];

    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var c in All) d.Add(c.Name);
        return d;
    }

    public static BinaryCase Get(string name) => All.Single(c => c.Name == name);

    public static readonly double[] Special =
    [
        0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 0.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, 1e300, -1e-300,
    ];

    /// <summary>Broadcast pairs (shape of a, shape of b).</summary>
    public static readonly (int[] A, int[] B)[] BroadcastPairs =
    [
        ([3, 4], [4]), ([3, 4], [3, 1]), ([3, 1], [1, 4]), ([2, 3, 5], [3, 1]), ([5], []), ([], [7]), ([1], [9]),
        ([2, 1, 3], [4, 1]), ([4, 1, 33], [1, 5, 33]), ([2, 3, 4], [2, 3, 4]),
    ];
}
