using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// Runs a 2-d linear-algebra kernel on every matrix of a batch: an input of shape (…, m, n) is viewed as (B, m, n),
/// the kernel runs on each (m, n) matrix, and the results (all of one shape S) are stacked to (…, S). Forward only:
/// callers record the VJP on the stacked result.
/// </summary>
internal static class Batched
{
    /// <summary>The leading (batch) axes of a tensor whose last <paramref name="core"/> axes are one item.</summary>
    public static int[] BatchShape<T>(Tensor<T> x, int core) where T : unmanaged => x.Shape[..(x.Rank - core)].ToArray();

    /// <summary>Requires at least two axes, naming the op and the shape.</summary>
    public static void RequireMatrices<T>(Tensor<T> a, string op, string arg) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a, arg);
        if (a.Rank < 2)
            throw new ArgumentException($"{op}: {arg} must be a 2-d matrix or a batch of matrices (…, m, n), got shape {Shapes.Format(a.Shape)}.", arg);
    }

    /// <summary>Applies <paramref name="kernel"/> to each matrix of <paramref name="a"/> (…, m, n) and stacks the results (each of <paramref name="itemShape"/>).</summary>
    public static Tensor<T> Map<T>(Tensor<T> a, int[] itemShape, Func<Tensor<T>, Tensor<T>> kernel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var _ = Autograd.NoGrad();
        if (a.Rank == 2) return kernel(a);
        var batch = BatchShape(a, 2);
        int count = Shapes.Numel(batch);
        var flat = a.Reshape([count, a.Size(-2), a.Size(-1)]);
        return Stack(batch, count, itemShape, i => kernel(flat.Select(0, i)));
    }

    /// <summary>Applies a two-input kernel pairwise over the common batch of <paramref name="a"/> and <paramref name="b"/> (each with its own core rank); results have <paramref name="itemShape"/>.</summary>
    public static Tensor<T> Map2<T>(Tensor<T> a, int coreA, Tensor<T> b, int coreB, int[] itemShape, Func<Tensor<T>, Tensor<T>, Tensor<T>> kernel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var _ = Autograd.NoGrad();
        var batch = BatchShape(a, coreA);
        if (batch.Length == 0) return kernel(a, b);
        int count = Shapes.Numel(batch);
        var fa = a.Reshape([count, .. a.Shape[^coreA..]]);
        var fb = b.Reshape([count, .. b.Shape[^coreB..]]);
        return Stack(batch, count, itemShape, i => kernel(fa.Select(0, i), fb.Select(0, i)));
    }

    private static Tensor<T> Stack<T>(int[] batch, int count, int[] itemShape, Func<int, Tensor<T>> item) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = Tensor.Zeros<T>([count, .. itemShape]);
        for (int i = 0; i < count; i++) result.Select(0, i).CopyFrom(item(i));
        return result.Reshape([.. batch, .. itemShape]);
    }
}
