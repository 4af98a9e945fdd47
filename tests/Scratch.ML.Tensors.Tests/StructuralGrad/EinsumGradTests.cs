using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.StructuralGrad.Inputs;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>Gradient checks of einsum: contractions, outer products, diagonals and traces, labels summed inside one
/// operand, ellipsis broadcasting, implicit output and an operand used twice.</summary>
public class EinsumGradTests
{
    [Theory]
    [InlineData("ij,jk->ik", new[] { 2, 3 }, new[] { 3, 4 })]
    [InlineData("bij,bjk->bik", new[] { 2, 2, 3 }, new[] { 2, 3, 2 })]
    [InlineData("ij,jk", new[] { 2, 3 }, new[] { 3, 2 })]
    [InlineData("i,j->ij", new[] { 3 }, new[] { 2 })]
    [InlineData("i,i->", new[] { 4 }, new[] { 4 })]
    [InlineData("ij,kj->", new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData("ijk,k->ji", new[] { 2, 3, 2 }, new[] { 2 })]
    [InlineData("ij,k->i", new[] { 2, 3 }, new[] { 4 })]
    [InlineData("...ij,...jk->...ik", new[] { 1, 2, 3 }, new[] { 3, 3, 2 })]
    [InlineData("i...,i...->...", new[] { 2, 3, 1 }, new[] { 2, 1, 2 })]
    [InlineData("iij,j->i", new[] { 3, 3, 2 }, new[] { 2 })]
    public void TwoOperandGradients(string subscripts, int[] a, int[] b)
        => GradCheck.Check(x => Tensor.Einsum(subscripts, x[0], x[1]), [Rand(1, a), Rand(2, b)]);

    [Theory]
    [InlineData("ii->", new[] { 3, 3 })]
    [InlineData("ii->i", new[] { 3, 3 })]
    [InlineData("ij->j", new[] { 2, 3 })]
    [InlineData("ij->ji", new[] { 2, 3 })]
    [InlineData("iji->j", new[] { 2, 3, 2 })]
    [InlineData("...i->...", new[] { 2, 3, 2 })]
    public void OneOperandGradients(string subscripts, int[] a)
        => GradCheck.Check(x => Tensor.Einsum(subscripts, x[0]), [Rand(3, a)]);

    [Fact]
    public void ThreeOperandsAndStridedInputs()
    {
        GradCheck.Check(x => Tensor.Einsum("ij,jk,kl->il", x[0], x[1], x[2]), [Transposed(4, 2, 3), Rand(5, 3, 2), Transposed(6, 2, 2)]);
        GradCheck.Check(x => Tensor.Einsum("ij,ij->i", x[0], x[0]), [Rand(7, 2, 3)]);
        var fixedOperand = Rand(8, 3, 2);
        GradCheck.Check(x => Tensor.Einsum("ij,jk->ik", x[0], fixedOperand), [Rand(9, 2, 3)]);
        Assert.Equal("EinsumBackward", Tensor.Einsum("i,i->", Rand(1, 2).RequireGrad(), Rand(2, 2)).GradFn!.Name);
    }

    [Fact]
    public void EinsumSecondOrder()
    {
        GradCheck.CheckSecondOrder(x => Tensor.Einsum("ij,jk->ik", x[0], x[1]).Square(), [Rand(10, 2, 3), Rand(11, 3, 2)]);
        GradCheck.CheckSecondOrder(x => Tensor.Einsum("ii,i->i", x[0], x[1] * x[1]), [Rand(12, 3, 3), Rand(13, 3)]);
        GradCheck.CheckSecondOrder(x => Tensor.Einsum("...j,j->...", x[0], x[1]).Exp(), [Rand(14, 2, 1, 3), Rand(15, 3)]);
    }
}
