using System.Numerics;

namespace Scratch.ML.Cpu;

/// <summary>
/// Runs a batched matrix product on host tensors: walks the batch axes and hands each matrix to
/// <see cref="Gemm.Multiply{T}"/> (or to <see cref="Gemv.Multiply{T}"/> when one side is a vector) through its
/// strides, so transposed and sliced operands are never copied.
/// </summary>
/// <remarks>
/// Copies are made only where the kernels cannot address a layout: an operand whose last two strides include a
/// negative one is made contiguous, and a result with a negative last-two stride is computed into a contiguous
/// temporary and copied back. Many small matrices are spread over threads one matrix per task (each matrix still runs
/// sequentially, so results do not depend on the thread count).
/// </remarks>
internal static class MatMulDriver
{
    public static void Run<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = c.Rank;
        if (a.Rank != rank || b.Rank != rank || rank < 2)
            throw new ArgumentException($"MatMul: the backend expects operands of equal rank ≥ 2, got {Shapes.Format(a.Shape)}, {Shapes.Format(b.Shape)} → {Shapes.Format(c.Shape)}.");
        if (NegativeInner(a)) a = a.Contiguous();
        if (NegativeInner(b)) b = b.Contiguous();
        if (NegativeInner(c))
        {
            var tmp = T.IsZero(beta) ? Tensor<T>.Allocate(c.ShapeArray(), c.Device) : c.Clone();
            Run(a, b, tmp, alpha, beta);
            c.CopyFrom(tmp);
            return;
        }
        int m = c.shape[rank - 2], n = c.shape[rank - 1], k = a.shape[rank - 1];
        int batches = 1;
        for (int d = 0; d < rank - 2; d++) batches *= c.shape[d];
        if (batches == 0 || m == 0 || n == 0) return;
        T[] ha = a.HostArray("MatMul"), hb = b.HostArray("MatMul"), hc = c.HostArray("MatMul");
        int rsA = a.strides[rank - 2], csA = a.strides[rank - 1];
        int rsB = b.strides[rank - 2], csB = b.strides[rank - 1];
        int rsC = c.strides[rank - 2], csC = c.strides[rank - 1];

        void One(int t)
        {
            // Offsets of batch t: unravel t over the batch axes of c (row-major) and apply each tensor's strides.
            int oa = a.offset, ob = b.offset, oc = c.offset, rest = t;
            for (int d = rank - 3; d >= 0; d--)
            {
                int size = c.shape[d], i = rest % size;
                rest /= size;
                oa += i * a.strides[d]; ob += i * b.strides[d]; oc += i * c.strides[d];
            }
            if (n == 1)
                Gemv.Multiply(m, k, alpha, ha.AsSpan(oa), rsA, csA, hb.AsSpan(ob), rsB, beta, hc.AsSpan(oc), rsC);
            else if (m == 1)
                Gemv.Multiply(n, k, alpha, hb.AsSpan(ob), csB, rsB, ha.AsSpan(oa), csA, beta, hc.AsSpan(oc), csC);
            else
                Gemm.Multiply(m, n, k, alpha, ha.AsSpan(oa), rsA, csA, hb.AsSpan(ob), rsB, csB, beta, hc.AsSpan(oc), rsC, csC);
        }

        bool small = (long)m * n * Math.Max(k, 1) < Gemm.ParallelThreshold;
        if (batches > 1 && small) Parallelism.For(batches, One);
        else for (int t = 0; t < batches; t++) One(t);
    }

    private static bool NegativeInner<T>(Tensor<T> x) where T : unmanaged
        => x.strides[^1] < 0 || x.strides[^2] < 0;
}
