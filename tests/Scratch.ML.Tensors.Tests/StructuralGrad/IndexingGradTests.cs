using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.StructuralGrad.Inputs;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>Gradient checks of gather, scatter, index-select, take-along-axis, advanced indexing and masking,
/// including repeated indices (the gradient accumulates) and repeated scatter targets (only the last write counts).</summary>
public class IndexingGradTests
{
    private static readonly Tensor<long> RepeatedRows = Longs([0, 2, 2, 1, 0, 0], 2, 3);

    [Fact]
    public void GatherGradientScatterAddsWithRepeats()
    {
        GradCheck.Check(x => x[0].Gather(0, RepeatedRows), [Rand(1, 3, 4)]);
        GradCheck.Check(x => x[0].Gather(-1, Longs([3, 3, 0, 1, 1, 1], 2, 3)), [Transposed(2, 3, 4)]);
        var v = Tensor.FromArray([1.0, 2.0, 3.0], 3).RequireGrad();
        v.Gather(0, Longs([0, 0, 2, 0], 4)).Sum().Backward();
        Assert.Equal([3.0, 0.0, 1.0], v.Grad!.ToArray());
        Assert.Equal("GatherBackward", Tensor.FromArray([1.0], 1).RequireGrad().Gather(0, Longs([0], 1)).GradFn!.Name);
    }

    [Fact]
    public void GatherSecondOrder()
        => GradCheck.CheckSecondOrder(x => x[0].Gather(1, Longs([0, 0, 2, 1, 2, 2], 2, 3)).Square() * x[0].Narrow(1, 0, 3), [Rand(3, 2, 4)]);

    [Fact]
    public void IndexSelectGradientIndexAdds()
    {
        var index = Longs([2, 0, 2, 2], 4);
        GradCheck.Check(x => x[0].IndexSelect(0, index), [Rand(4, 3, 2)]);
        GradCheck.Check(x => x[0].IndexSelect(-1, index), [Transposed(5, 2, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].IndexSelect(1, index).Exp(), [Rand(6, 2, 3)]);
    }

    [Fact]
    public void TakeAlongAxisGradientSumsTheBroadcast()
    {
        // x (1, 4) broadcasts against indices (3, 2) on the other axis.
        GradCheck.Check(x => x[0].TakeAlongAxis(Longs([0, 3, 3, 3, 1, 0], 3, 2), 1), [Rand(7, 1, 4)]);
        GradCheck.Check(x => x[0].TakeAlongAxis(Longs([2, 0, 0], 1, 3), -2), [Transposed(8, 3, 3)]);
    }

    [Fact]
    public void ScatterAddGradientsWithRepeatsAndALargerSource()
    {
        // index (2, 3) into x (3, 4) along axis 0; source (2, 4) is larger than index: its last column gets zero.
        GradCheck.Check(x => x[0].ScatterAdd(0, RepeatedRows, x[1]), [Rand(9, 3, 4), Rand(10, 2, 4)]);
        GradCheck.Check(x => x[0].ScatterAdd(-1, Longs([1, 1, 1, 0, 2, 0], 2, 3), x[1]).Square(), [Transposed(11, 2, 3), Rand(12, 2, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].ScatterAdd(0, RepeatedRows, x[1] * x[1]).Exp(), [Rand(13, 3, 3), Rand(14, 2, 3)]);
    }

    [Fact]
    public void ScatterGradientFollowsTheLastWrite()
    {
        GradCheck.Check(x => x[0].Scatter(0, Longs([0, 2, 1, 1, 0, 2], 2, 3), x[1]), [Rand(15, 3, 3), Rand(16, 2, 4)]);
        // Repeats: column 0 writes row 0 twice; only the later write (source row 1) keeps a gradient.
        GradCheck.Check(x => x[0].Scatter(0, RepeatedRows, x[1]) * 2.0, [Rand(17, 3, 3), Rand(18, 2, 3)]);
        var src = Tensor.FromArray([1.0, 2.0, 3.0], 3).RequireGrad();
        var target = Tensor.Zeros<double>(2).RequireGrad();
        target.Scatter(0, Longs([1, 1, 0], 3), src).Sum().Backward();
        Assert.Equal([0.0, 1.0, 1.0], src.Grad!.ToArray());
        Assert.Equal([0.0, 0.0], target.Grad!.ToArray());
        GradCheck.Check(x => x[0].Scatter(1, Longs([2, 0], 2, 1), 5.0), [Rand(19, 2, 3)]);
    }

    [Fact]
    public void AdvancedIndexGradientAccumulatesRepeats()
    {
        var rows = Longs([0, -1, 0, 2], 4);
        var cols = Longs([1, 0, 1, 1], 4);
        GradCheck.Check(x => x[0].Index(rows, cols), [Rand(20, 3, 2)]);
        GradCheck.Check(x => x[0].Index(rows), [Transposed(21, 3, 4)]);
        GradCheck.Check(x => x[0].Index(Longs([1, 1, 0, 1], 2, 2)).Square(), [Rand(22, 2, 3, 2)]);
        GradCheck.CheckSecondOrder(x => x[0].Index(rows, cols).Exp(), [Rand(23, 3, 2)]);
        var v = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        v.Index(Longs([1, 1, -1], 3)).Sum().Backward();
        Assert.Equal([0.0, 3.0], v.Grad!.ToArray());
    }

    [Fact]
    public void IndexPutGradients()
    {
        var rows = Longs([2, 0, 2], 3);
        // Values (3, 4) at rows: with repeats row 2 is written twice; the last write wins.
        GradCheck.Check(x => x[0].IndexPut([rows], x[1]), [Rand(24, 3, 4), Rand(25, 3, 4)]);
        // Broadcast values (4,) to (3, 4): the gradient is summed over the broadcast rows.
        GradCheck.Check(x => x[0].IndexPut([rows], x[1]).Square(), [Transposed(26, 3, 4), Rand(27, 4)]);
        GradCheck.Check(x => x[0].IndexPut([rows], x[1], accumulate: true), [Rand(28, 3, 4), Rand(29, 3, 4)]);
        GradCheck.CheckSecondOrder(x => x[0].IndexPut([rows, Longs([1, 0, 1], 3)], x[1] * x[1], accumulate: true).Exp(), [Rand(30, 3, 2), Rand(31, 3)]);
    }

    [Fact]
    public void MaskedSelectAndFillGradients()
    {
        var mask = Bools([true, false, true, true, false, false], 2, 3);
        GradCheck.Check(x => x[0].MaskedSelect(mask), [Rand(32, 2, 3)]);
        // x (1, 3) broadcasts to the mask's (2, 3): each x element collects the gradients of both rows.
        GradCheck.Check(x => x[0].MaskedSelect(mask).Square(), [Rand(33, 1, 3)]);
        GradCheck.Check(x => x[0].MaskedFill(mask, 7.0), [Transposed(34, 2, 3)]);
        GradCheck.Check(x => x[0].MaskedFill(Bools([false, true, false], 3), -1.0), [Rand(35, 2, 3)]);
        GradCheck.Check(x => x[0].MaskedFill(mask, 0.0), [Rand(36, 1, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].MaskedSelect(mask).Exp(), [Rand(37, 2, 3)]);
    }

    [Fact]
    public void SortAndTopKValueGradientsFollowTheIndices()
    {
        GradCheck.Check(x => x[0].Sort(), [Distinct(38, 3, 5)]);
        GradCheck.Check(x => x[0].Sort(0, descending: true), [Distinct(39, 4, 3)]);
        GradCheck.Check(x => x[0].TopK(2, -1).Values, [Distinct(40, 3, 5)]);
        GradCheck.Check(x => x[0].TopK(3, 0, largest: false).Values.Square(), [Distinct(41, 4, 2)]);
        var v = Tensor.FromArray([3.0, 1.0, 2.0], 3).RequireGrad();
        (v.TopK(2).Values * Tensor.FromArray([10.0, 1.0], 2)).Sum().Backward();
        Assert.Equal([10.0, 0.0, 1.0], v.Grad!.ToArray());
        Assert.Equal("SortBackward", Distinct(1, 3).RequireGrad().Sort().GradFn!.Name);
    }

    [Fact]
    public void SecondOrderOfOverwritingWritesAndSorts()
    {
        GradCheck.CheckSecondOrder(x => x[0].Scatter(0, RepeatedRows, x[1] * x[1]).Exp(), [Rand(42, 3, 3), Rand(43, 2, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].IndexPut([Longs([2, 0, 2], 3)], x[1].Square()).Exp(), [Rand(44, 3, 2), Rand(45, 3, 2)]);
        GradCheck.CheckSecondOrder(x => x[0].MaskedFill(Bools([true, false, false], 3), 1.0).Square(), [Rand(46, 2, 3)]);
        GradCheck.CheckSecondOrder(x => x[0].TopK(2, 1).Values.Square(), [Distinct(47, 2, 4)]);
        GradCheck.CheckSecondOrder(x => x[0].TakeAlongAxis(Longs([1, 0, 1], 1, 3), 0).Exp(), [Rand(48, 2, 3)]);
    }
}
