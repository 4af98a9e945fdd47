using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>The fused Adam update split over threads in fixed chunks equals the one-thread and reference updates.</summary>
public class AdamChunkingTests
{
    private static Tensor<float> Run(int threads, bool reference, bool decoupled)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            var theta = Tensor.Uniform<float>(-1, 1, new Generator(1), 3 * 65536 + 17);   // several chunks and a ragged tail
            var p = new Parameter<float>(theta);
            Optimizer<float> opt = decoupled
                ? new AdamW<float>([p], lr: 1e-2, amsgrad: true) { UseReferenceKernel = reference }
                : new Adam<float>([p], lr: 1e-2, weightDecay: 0.1) { UseReferenceKernel = reference };
            for (int step = 0; step < 3; step++)
            {
                p.Grad = Tensor.Uniform<float>(-1, 1, new Generator(10 + (ulong)step), theta.Length);
                opt.Step();
            }
            return p.Value.Clone();
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChunkedUpdateIsBitwiseIndependentOfThreadsAndEqualsTheReference(bool decoupled)
    {
        var one = Run(1, reference: false, decoupled);
        TensorAssert.Close(one, Run(2, reference: false, decoupled), Tolerance.Exact);
        TensorAssert.Close(Run(1, reference: true, decoupled), one, Tolerance.Exact);
    }
}
