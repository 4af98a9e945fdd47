using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.StructuralGrad.Inputs;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>Gradient checks (float64 central differences) of the copying ops: concat, stack, split, pad, flip, roll,
/// repeat and the triangles.</summary>
public class CopyingGradTests
{
    [Fact]
    public void ConcatGradientIsTheMatchingSlabOfEachInput()
    {
        GradCheck.Check(x => Tensor.Concat([x[0], x[1], x[2]], -1), [Rand(1, 2, 3), Transposed(2, 2, 1), Rand(3, 2, 4)]);
        GradCheck.Check(x => Tensor.Concat([x[0], x[1]], 0) * 2.0, [Rand(4, 1, 3), Rand(5, 3, 3)]);
        // An input that needs no gradient and an empty input.
        var fixedPart = Rand(6, 2, 2);
        GradCheck.Check(x => Tensor.Concat([x[0], fixedPart, x[1]], 1), [Rand(7, 2, 0), Rand(8, 2, 3)]);
        var y = Tensor.Concat([Rand(1, 2).RequireGrad(), Rand(2, 3).RequireGrad()], 0);
        Assert.Equal("CatBackward", y.GradFn!.Name);
    }

    [Fact]
    public void ConcatSecondOrder()
        => GradCheck.CheckSecondOrder(x => Tensor.Concat([x[0] * x[0], x[1]], 1).Exp(), [Rand(9, 2, 2), Rand(10, 2, 3)]);

    [Fact]
    public void StackGradientSelectsEachPosition()
    {
        GradCheck.Check(x => Tensor.Stack([x[0], x[1], x[0]], -1), [Rand(11, 2, 3), Transposed(12, 2, 3)]);
        GradCheck.Check(x => Tensor.Stack([x[0], x[1]], 0).Square(), [Rand(13, 4), Rand(14, 4)]);
    }

    [Fact]
    public void SplitAndChunkPiecesAreRecordedViews()
    {
        GradCheck.Check(x =>
        {
            var p = x[0].Chunk(3, -1);
            return Tensor.Stack([p[0], p[1] * 3.0, p[2] * p[2]], 0);
        }, [Rand(15, 2, 6)]);
        GradCheck.Check(x =>
        {
            var p = x[0].Split([1, 3], 0);
            return Tensor.Concat([p[1].Exp(), p[0]], 0);
        }, [Transposed(16, 4, 3)]);
        GradCheck.Check(x =>
        {
            var p = x[0].Split(2, 1);
            return p[0].Sum() * p[2].Sum() + p[1].Square().Sum();
        }, [Rand(17, 2, 5)]);
        var piece = Rand(18, 4).RequireGrad().Split(2)[1];
        Assert.Equal("SliceBackward", piece.GradFn!.Name);
    }

    [Theory]
    [InlineData(PadMode.Constant)]
    [InlineData(PadMode.Reflect)]
    [InlineData(PadMode.Replicate)]
    [InlineData(PadMode.Circular)]
    public void PadGradientAddsEachBorderBackOntoItsSource(PadMode mode)
    {
        GradCheck.Check(x => x[0].Pad([2, 1, 1, 2], mode, 0.5), [Rand(19, 2, 3, 4)]);
        GradCheck.Check(x => x[0].Pad([0, 2], mode), [Transposed(20, 3, 4)]);
        GradCheck.Check(x => x[0].Pad([1, 3, 0, 0, 2, 0], mode), [Rand(21, 3, 2, 4)]);
    }

    [Fact]
    public void ConstantPadWithNegativePadsCropsAndTheGradientPadsBack()
    {
        GradCheck.Check(x => x[0].Pad([-1, 2, 1, -2], PadMode.Constant, 3.0), [Rand(22, 4, 5)]);
        GradCheck.CheckSecondOrder(x => (x[0].Pad([1, -1]) * x[0].Pad([-1, 1])).Square(), [Rand(23, 2, 4)]);
    }

    [Fact]
    public void ReflectPadSecondOrder()
        => GradCheck.CheckSecondOrder(x => x[0].Pad([2, 2], PadMode.Reflect).Square(), [Rand(24, 2, 4)]);

    [Fact]
    public void ReplicatePadGradientSumsTheBorderOntoTheEdge()
    {
        // Pad [a b c] by (2, 1) → [a a a b c c]; with an all-ones gradient, ∂/∂a = 3, ∂/∂b = 1, ∂/∂c = 2.
        var x = Tensor.FromArray([1.0, 2.0, 3.0], 3).RequireGrad();
        x.Pad([2, 1], PadMode.Replicate).Sum().Backward();
        Assert.Equal([3.0, 1.0, 2.0], x.Grad!.ToArray());
    }

    [Fact]
    public void FlipAndFlipViewGradientsFlipBack()
    {
        GradCheck.Check(x => x[0].Flip(0, -1) * x[1], [Transposed(25, 3, 4), Rand(26, 3, 4)]);
        GradCheck.Check(x => x[0].Flip(), [Rand(27, 2, 3, 2)]);
        GradCheck.Check(x => x[0].FlipView(-2) * 2.0, [Rand(28, 3, 2)]);
    }

    [Fact]
    public void RollGradientRollsBack()
    {
        GradCheck.Check(x => x[0].Roll([1, -5], [0, -1]), [Rand(29, 3, 4)]);
        GradCheck.Check(x => x[0].Roll(7), [Transposed(30, 3, 4)]);
        GradCheck.Check(x => x[0].Roll(-1, 1).Square(), [Rand(31, 2, 3)]);
    }

    [Fact]
    public void RepeatAndTileGradientsSumTheCopies()
    {
        GradCheck.Check(x => x[0].Repeat(2, 1, 3), [Rand(32, 2, 3)]);
        GradCheck.Check(x => x[0].Repeat(2, 2, 1), [Transposed(33, 2, 3)]);
        GradCheck.Check(x => x[0].Tile(2), [Rand(34, 2, 3)]);
        var v = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        v.Repeat(3).Sum().Backward();
        Assert.Equal([3.0, 3.0], v.Grad!.ToArray());
    }

    [Fact]
    public void RepeatInterleaveGradientsSumEachRun()
    {
        GradCheck.Check(x => x[0].RepeatInterleave(3, -1), [Rand(35, 2, 3)]);
        GradCheck.Check(x => x[0].RepeatInterleave(2), [Transposed(36, 2, 3)]);
        GradCheck.Check(x => x[0].RepeatInterleave([2, 0, 3], 0), [Rand(37, 3, 2)]);
        GradCheck.Check(x => x[0].RepeatInterleave([1, 4], -1).Square(), [Transposed(38, 3, 2)]);
    }

    [Fact]
    public void TriangleGradientsKeepTheSameTriangle()
    {
        GradCheck.Check(x => x[0].Tril(), [Rand(39, 2, 3, 4)]);
        GradCheck.Check(x => x[0].Triu(1), [Transposed(40, 4, 3)]);
        GradCheck.Check(x => x[0].Tril(-1) + x[0].Triu(2), [Rand(41, 4, 4)]);
    }

    [Fact]
    public void SecondOrderOfTheOtherCopies()
    {
        // Each op is followed by a square so the gradient depends on x and its own VJP is exercised again.
        GradCheck.CheckSecondOrder(x => x[0].Pad([1, 2, 2, 1], PadMode.Circular).Square(), [Rand(42, 3, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].Pad([2, 1], PadMode.Replicate).Square(), [Rand(43, 2, 3)]);
        GradCheck.CheckSecondOrder(x => Tensor.Stack([x[0], x[1]], 1).Flip(0).Roll(1, -1).Square(), [Rand(44, 2, 3), Rand(45, 2, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].Repeat(2, 1).RepeatInterleave([1, 0, 2], 1).Tril().Square(), [Rand(46, 2, 3)]);
    }
}
