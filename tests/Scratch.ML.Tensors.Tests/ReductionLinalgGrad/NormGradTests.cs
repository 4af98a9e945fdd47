using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.ReductionLinalgGrad.GradData;

namespace Scratch.ML.Tests.ReductionLinalgGrad;

/// <summary>VJPs of the vector p-norms for every order, checked against finite differences and PyTorch 1.13 values.</summary>
public class NormGradTests
{
    public static TheoryData<double> Orders => new() { 2, 1, 3, 1.5, 0.5, 4, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(Orders))]
    public void NormGradientsMatchFiniteDifferences(double p)
    {
        var x = Randn(11, 3, 4, 2);
        GradCheck.Check(v => v[0].Norm(p), [x]);
        GradCheck.Check(v => v[0].Norm(p, 1), [x]);
        GradCheck.Check(v => v[0].Norm(p, -1, keepDims: true), [x]);
        GradCheck.Check(v => v[0].Norm(p, [0, 2]), [x]);
        GradCheck.Check(v => v[0].Norm(p, 0), [x.Permute(1, 2, 0)]);
    }

    [Fact]
    public void DefaultNormIsL2AndDifferentiatesTwice()
    {
        var x = Randn(12, 3, 4);
        GradCheck.Check(v => v[0].Norm(), [x]);
        GradCheck.CheckSecondOrder(v => v[0].Norm(2, 1), [x]);
    }

    [Fact]
    public void L2NormAtZeroHasZeroGradient()
    {
        // torch.linalg.vector_norm(torch.zeros(3)).backward() → [0, 0, 0].
        var x = Tensor.Zeros<double>(2, 3).RequireGrad();
        x.Norm(2, 1).Sum().Backward();
        Assert.Equal(new double[6], x.Grad!.ToArray());
    }

    [Fact]
    public void NormsAtZeroEntriesMatchPyTorch()
    {
        // PyTorch 1.13 gradients at x = [1, 0, 3]: ord 1 → [1, 0, 1]; ord 0.5 → [2.7321, 0, 1.5774]; ord 3 → [0.1084, 0, 0.9760].
        double[] x0 = [1, 0, 3];
        var g1 = Grad(x0, 1);
        Assert.Equal([1.0, 0, 1], g1);
        var gHalf = Grad(x0, 0.5);
        Assert.Equal(1 + Math.Sqrt(3), gHalf[0], 12);   // y^(1/2)·|x|^(-1/2) with y = (1 + √3)²
        Assert.Equal(0.0, gHalf[1]);
        Assert.Equal((1 + Math.Sqrt(3)) / Math.Sqrt(3), gHalf[2], 12);
        var g3 = Grad(x0, 3);
        double y3 = Math.Cbrt(28);
        Assert.Equal(1 / (y3 * y3), g3[0], 12);
        Assert.Equal(0.0, g3[1]);
        Assert.Equal(9 / (y3 * y3), g3[2], 12);
    }

    [Fact]
    public void InfinityNormSplitsTiesAndKeepsTheSign()
    {
        // torch.linalg.vector_norm([1, -3, 3], inf) → gradient [0, -0.5, 0.5].
        Assert.Equal([0.0, -0.5, 0.5], Grad([1, -3, 3], double.PositiveInfinity));
        Assert.Equal([0.0, -1, 0], Grad([4, -1, 2], double.NegativeInfinity));
    }

    [Fact]
    public void ZeroNormHasZeroGradient() => Assert.Equal(new double[3], Grad([1, 0, 3], 0));

    private static double[] Grad(double[] values, double p)
    {
        var x = Of(values).RequireGrad();
        x.Norm(p).Backward();
        return x.Grad!.ToArray();
    }
}
