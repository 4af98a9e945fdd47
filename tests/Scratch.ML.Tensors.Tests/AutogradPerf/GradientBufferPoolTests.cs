using Scratch.ML.Cpu;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.AutogradPerf;

/// <summary>
/// The backward engine recycles the buffers of gradients it has proved dead (<see cref="HostBufferPool{T}"/>). These
/// tests try every way a gradient can escape to user code and check that its values survive later allocations of
/// the same size that reuse pooled buffers, and that recycling does happen for the library's own ops.
/// </summary>
public class GradientBufferPoolTests
{
    private const int Rows = 64, Features = 96; // 6144 elements: above the pool's minimum length

    private static Tensor<float> Rand(int seed, params int[] shape)
    {
        var rng = new System.Random(seed);
        var d = new float[Shapes.Numel(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = (float)(rng.NextDouble() * 2 - 1);
        return Tensor.FromArray(d, shape);
    }

    /// <summary>Rents and scribbles over many buffers of the gradient's size, as a following training step would.</summary>
    private static void Churn()
    {
        for (int i = 0; i < 2 * HostBufferPool<float>.MaxPerLength; i++)
            Tensor.Zeros<float>(Rows, Features).AsSpan().Fill(-123f);
    }

    [Fact]
    public void BackwardThroughLibraryOpsRecyclesDeadGradients()
    {
        // Sizes no other test uses: (61, 97) gradients of 5917 elements.
        var w1 = Rand(1, 97, 97).RequireGrad();
        var w2 = Rand(2, 97, 97).RequireGrad();
        var x = Rand(3, 61, 97);
        int before = HostBufferPool<float>.CountOf(61 * 97);
        x.Linear(w1).Relu().Linear(w2).Sum().Backward();
        Assert.True(HostBufferPool<float>.CountOf(61 * 97) > before, "the relu-backward and linear input gradients should have been recycled");
    }

    [Fact]
    public void GradientKeptByUserFunctionIsNeverRecycled()
    {
        var kept = new List<Tensor<float>>();
        var w1 = Rand(4, Features, Features).RequireGrad();
        var w2 = Rand(5, Features, Features).RequireGrad();
        var x = Rand(6, Rows, Features);
        var h = x.Linear(w1);
        var f = Autograd.Function("keep", [h], t => t[0] * 2f, (g, _) => { kept.Add(g); return [g * 2f]; });
        f.Linear(w2).Relu().Sum().Backward();   // Linear's VJP hands an exclusive gradient to the user VJP
        var snapshot = kept[0].Clone();
        Churn();
        TensorAssert.Close(snapshot, kept[0], Tolerance.Exact);
    }

    [Fact]
    public void CapturedGradientOfIntermediateIsNeverRecycled()
    {
        var w1 = Rand(7, Features, Features).RequireGrad();
        var w2 = Rand(8, Features, Features).RequireGrad();
        var x = Rand(9, Rows, Features);
        var h = x.Linear(w1).Relu();          // target: an intermediate whose node still runs (w1 lies below it)
        var loss = h.Linear(w2).Relu().Sum();
        var grads = Autograd.Grad([loss], [h, w1]);
        var snapshot = grads[0]!.Clone();
        Churn();
        TensorAssert.Close(snapshot, grads[0]!, Tolerance.Exact);
    }

    [Fact]
    public void RetainedAndLeafGradientsSurviveLaterSteps()
    {
        var w = Rand(10, Features, Features).RequireGrad();
        var x = Rand(11, Rows, Features).RequireGrad();
        var h = x.Linear(w).RetainGrad();
        h.Relu().Linear(w).Sum().Backward();
        var (sx, sh, sw) = (x.Grad!.Clone(), h.Grad!.Clone(), w.Grad!.Clone());
        Churn();
        // A second backward accumulates: in-place adds must not touch the first step's kept copies.
        x.Detach().RequireGrad().Linear(w).Relu().Linear(w).Sum().Backward();
        TensorAssert.Close(sx, x.Grad!, Tolerance.Exact);
        TensorAssert.Close(sh, h.Grad!, Tolerance.Exact);
        Assert.False(ReferenceEquals(sw.Storage, w.Grad!.Storage));
    }

    [Fact]
    public void RentedBuffersAreClearedForZeroFilledAllocation()
    {
        var a = HostBufferPool<float>.Rent(Rows * Features, clear: false);
        a.AsSpan().Fill(5f);
        HostBufferPool<float>.Return(a);
        var z = Tensor.Zeros<float>(Rows, Features);
        foreach (float v in z.AsSpan()) Assert.Equal(0f, v);
    }
}
