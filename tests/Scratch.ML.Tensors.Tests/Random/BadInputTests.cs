using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>Every factory rejects bad parameters with a specific exception naming the problem, and consumes nothing.</summary>
public class BadInputTests
{
    public static TheoryData<string, Action<Generator>, Type> Cases => new()
    {
        { "bernoulli p > 1", g => Tensor.Bernoulli(1.5, g, 3), typeof(ArgumentOutOfRangeException) },
        { "bernoulli p < 0", g => Tensor.Bernoulli(-0.1, g, 3), typeof(ArgumentOutOfRangeException) },
        { "bernoulli p NaN", g => Tensor.Bernoulli(double.NaN, g, 3), typeof(ArgumentOutOfRangeException) },
        { "uniform low = high", g => Tensor.Uniform<float>(1, 1, g, 3), typeof(ArgumentException) },
        { "uniform low > high", g => Tensor.Uniform<double>(2, 1, g, 3), typeof(ArgumentException) },
        { "uniform infinite", g => Tensor.Uniform<double>(0, double.PositiveInfinity, g, 3), typeof(ArgumentException) },
        { "uniform overflows float", g => Tensor.Uniform<float>(-3e38, 3e38, g, 3), typeof(ArgumentException) },
        { "rand int dtype", g => Tensor.Rand<int>(g, 3), typeof(NotSupportedException) },
        { "normal negative std", g => Tensor.Normal<float>(0, -1, g, 3), typeof(ArgumentException) },
        { "normal NaN mean", g => Tensor.Normal<double>(double.NaN, 1, g, 3), typeof(ArgumentException) },
        { "exponential zero rate", g => Tensor.Exponential<double>(0, g, 3), typeof(ArgumentException) },
        { "exponential negative rate", g => Tensor.Exponential<float>(-2, g, 3), typeof(ArgumentException) },
        { "randint low = high", g => Tensor.RandInt<int>(5, 5, g, 3), typeof(ArgumentException) },
        { "randint low > high", g => Tensor.RandInt<long>(5, 1, g, 3), typeof(ArgumentException) },
        { "randint too wide for int", g => Tensor.RandInt<int>(0, 1L << 40, g, 3), typeof(ArgumentException) },
        { "randint float dtype", g => Tensor.RandInt<float>(0, 3, g, 3), typeof(NotSupportedException) },
        { "gamma zero shape", g => Tensor.Gamma<double>(0, 1, g, 3), typeof(ArgumentOutOfRangeException) },
        { "gamma negative scale", g => Tensor.Gamma<double>(1, -1, g, 3), typeof(ArgumentOutOfRangeException) },
        { "beta negative", g => Tensor.Beta<double>(-1, 1, g, 3), typeof(ArgumentOutOfRangeException) },
        { "poisson negative", g => Tensor.Poisson(-1, g, 3), typeof(ArgumentOutOfRangeException) },
        { "poisson NaN", g => Tensor.Poisson(double.NaN, g, 3), typeof(ArgumentOutOfRangeException) },
        { "truncnorm a = b", g => Tensor.TruncatedNormal<double>(0, 1, 1, 1, g, 3), typeof(ArgumentException) },
        { "truncnorm a > b", g => Tensor.TruncatedNormal<double>(0, 1, 2, -2, g, 3), typeof(ArgumentException) },
        { "truncnorm zero std", g => Tensor.TruncatedNormal<float>(0, 0, -2, 2, g, 3), typeof(ArgumentOutOfRangeException) },
        { "dirichlet empty", g => Tensor.Dirichlet<double>([], 3, g), typeof(ArgumentException) },
        { "dirichlet zero alpha", g => Tensor.Dirichlet<double>([1, 0], 3, g), typeof(ArgumentException) },
        { "multinomial negative probability", g => Tensor.Multinomial(Tensor.FromArray([0.5, -0.1, 0.6]), 2, true, g), typeof(ArgumentException) },
        { "multinomial zero sum", g => Tensor.Multinomial(Tensor.FromArray([0.0, 0.0]), 2, true, g), typeof(ArgumentException) },
        { "multinomial NaN", g => Tensor.Multinomial(Tensor.FromArray([double.NaN, 1.0]), 2, true, g), typeof(ArgumentException) },
        { "multinomial empty", g => Tensor.Multinomial(Tensor.FromArray(Array.Empty<double>()), 2, true, g), typeof(ArgumentException) },
        { "multinomial 3-d", g => Tensor.Multinomial(Tensor.Ones<double>(2, 2, 2), 2, true, g), typeof(ArgumentException) },
        { "multinomial too many without replacement", g => Tensor.Multinomial(Tensor.FromArray([1.0, 0.0, 1.0]), 3, false, g), typeof(ArgumentException) },
        { "multinomial negative samples", g => Tensor.Multinomial(Tensor.FromArray([1.0]), -1, true, g), typeof(ArgumentOutOfRangeException) },
        { "logits +inf", g => Tensor.MultinomialFromLogits(Tensor.FromArray([1.0, double.PositiveInfinity]), 1, true, g), typeof(ArgumentException) },
        { "logits all -inf", g => Tensor.MultinomialFromLogits(Tensor.FromArray([double.NegativeInfinity]), 1, true, g), typeof(ArgumentException) },
        { "mvn not PSD", g => Tensor.MultivariateNormal(Tensor.FromArray([0.0, 0.0]), Tensor.FromArray(new double[,] { { 1, 2 }, { 2, 1 } }), 3, g), typeof(ArgumentException) },
        { "mvn negative variance", g => Tensor.MultivariateNormal(Tensor.FromArray([0.0]), Tensor.FromArray(new double[,] { { -1 } }), 3, g), typeof(ArgumentException) },
        { "mvn not symmetric", g => Tensor.MultivariateNormal(Tensor.FromArray([0.0, 0.0]), Tensor.FromArray(new double[,] { { 2, 1 }, { 0, 2 } }), 3, g), typeof(ArgumentException) },
        { "mvn shape mismatch", g => Tensor.MultivariateNormal(Tensor.FromArray([0.0, 0.0]), Tensor.Eye<double>(3), 3, g), typeof(ArgumentException) },
        { "mvn NaN", g => Tensor.MultivariateNormal(Tensor.FromArray([0.0]), Tensor.FromArray(new double[,] { { double.NaN } }), 3, g), typeof(ArgumentException) },
        { "permutation negative", g => g.Permutation(-1), typeof(ArgumentOutOfRangeException) },
        { "split negative", g => g.Split(-1), typeof(ArgumentOutOfRangeException) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RejectsWithASpecificException(string name, Action<Generator> call, Type expected)
    {
        var g = new Generator(1);
        var ex = Assert.Throws(expected, () => call(g));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), name);
        Assert.Equal(0UL, g.Offset); // a rejected call consumes no positions
    }
}
