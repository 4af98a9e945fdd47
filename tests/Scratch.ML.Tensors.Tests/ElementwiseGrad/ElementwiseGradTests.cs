using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.ElementwiseGrad;

/// <summary>
/// Gradient checks of every differentiable elementwise op against float64 central differences, on generated shapes
/// (rank 0–3), broadcast operand pairs and strided inputs (transposed, step-sliced and reversed views of bigger
/// tensors), with values drawn inside each op's smooth domain (<see cref="GradCases"/>).
/// </summary>
public class ElementwiseGradTests
{
    private const int FirstOrderTests = 40, SecondOrderTests = 10, SecondOrderSweepTests = 6;

    private static void Holds(Arbitrary<GradCase> arb, int count, Action<GradCase> check)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), Prop.ForAll(arb, (GradCase c) => { check(c); return true; }));

    public static TheoryData<string> UnaryNames => [.. GradCases.Unary.Select(c => c.Name)];
    public static TheoryData<string> BinaryNames => [.. GradCases.Binary.Select(c => c.Name)];

    private static UnaryGradCase UnaryCase(string name) => GradCases.Unary.Single(c => c.Name == name);
    private static BinaryGradCase BinaryCase(string name) => GradCases.Binary.Single(c => c.Name == name);

    private static Tensor<double> Input(UnaryGradCase op, GradCase c) => GradGen.Make(c.A, op.Domain, new Random(c.Seed), c.LayoutA);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryGradientMatchesFiniteDifferences(string name)
    {
        var op = UnaryCase(name);
        Holds(GradGen.Unary, FirstOrderTests, c => GradCheck.Check(v => op.F(v[0]), [Input(op, c)]));
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryGradientsMatchFiniteDifferencesUnderBroadcasting(string name)
    {
        var op = BinaryCase(name);
        Holds(GradGen.Binary, FirstOrderTests, c =>
        {
            var (a, b) = GradGen.MakePair(c, op.DomainA, op.DomainB, op.Valid);
            GradCheck.Check(v => op.F(v[0], v[1]), [a, b]);
        });
    }

    [Theory]
    [InlineData("sin")]
    [InlineData("sqrt")]
    [InlineData("gelu")]
    [InlineData("gelu_tanh")]
    [InlineData("softplus")]
    [InlineData("erf")]
    [InlineData("pow_tensor_scalar")]
    [InlineData("pow_scalar_tensor")]
    [InlineData("where_scalar_a")]
    [InlineData("clamp")]
    public void UnarySecondDerivativesMatchFiniteDifferences(string name)
    {
        var op = UnaryCase(name);
        Holds(GradGen.Unary, SecondOrderTests, c => GradCheck.CheckSecondOrder(v => op.F(v[0]), [Input(op, c)]));
    }

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void EveryUnaryVjpIsDifferentiableAgain(string name)
    {
        // A VJP written with raw kernels would have no graph of its own; every op's must pass a second-order check.
        var op = UnaryCase(name);
        Holds(GradGen.Unary, SecondOrderSweepTests, c => GradCheck.CheckSecondOrder(v => op.F(v[0]) * v[0], [Input(op, c)]));
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void EveryBinaryVjpIsDifferentiableAgain(string name)
    {
        var op = BinaryCase(name);
        Holds(GradGen.Binary, SecondOrderSweepTests, c =>
        {
            var (a, b) = GradGen.MakePair(c, op.DomainA, op.DomainB, op.Valid);
            GradCheck.CheckSecondOrder(v => op.F(v[0], v[1]), [a, b]);
        });
    }

    [Theory]
    [InlineData("pow")]
    [InlineData("where")]
    [InlineData("maximum")]
    [InlineData("minimum")]
    [InlineData("atan2")]
    [InlineData("hypot")]
    public void BinarySecondDerivativesMatchFiniteDifferences(string name)
    {
        var op = BinaryCase(name);
        Holds(GradGen.Binary, SecondOrderTests, c =>
        {
            var (a, b) = GradGen.MakePair(c, op.DomainA, op.DomainB, op.Valid);
            // maximum and where are piecewise linear: multiply by the inputs so that second derivatives are non-zero.
            GradCheck.CheckSecondOrder(v => op.F(v[0], v[1]) * v[0] * v[1], [a, b]);
        });
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryGradientForOneOperandOnly(string name)
    {
        // Only one operand requires a gradient: the VJP skips the other (NeedsGrad) and must still be right.
        var op = BinaryCase(name);
        Holds(GradGen.Binary, SecondOrderTests, c =>
        {
            var (a, b) = GradGen.MakePair(c, op.DomainA, op.DomainB, op.Valid);
            GradCheck.Check(v => op.F(v[0], b), [a]);
            GradCheck.Check(v => op.F(a, v[0]), [b]);
        });
    }

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryOpRecordsANode(string name)
    {
        // A check with an unrecorded op could pass on a zero gradient; every op must put a node on the graph.
        var op = UnaryCase(name);
        var x = GradGen.Make([2, 3], op.Domain, new Random(3), 1).RequireGrad();
        var y = op.F(x);
        Assert.True(y.RequiresGrad, name);
        Assert.NotNull(y.GradFn);
        Assert.EndsWith("Backward", y.GradFn!.Name);
    }

    [Fact]
    public void GeneratedLayoutsAreReallyStrided()
    {
        // The generator must produce what it claims: layouts 1–3 are non-contiguous views with the requested shape.
        var d = Domain.Of(0, 1);
        for (int layout = 1; layout < GradGen.Layouts; layout++)
        {
            var t = GradGen.Make([2, 3, 4], d, new Random(1), layout);
            Assert.Equal([2, 3, 4], t.ShapeArray());
            Assert.False(t.IsContiguous, $"layout {layout}");
        }
    }
}
