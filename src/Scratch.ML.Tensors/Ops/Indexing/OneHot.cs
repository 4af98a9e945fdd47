using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    /// <summary>
    /// One-hot encoding (PyTorch's <c>one_hot</c>): <c>y[…, c] = 1</c> if <c>indices[…] == c</c>, else 0; y has shape
    /// <c>indices.Shape + (numClasses,)</c> and element type <typeparamref name="TOut"/> (e.g. float for a loss, long
    /// for integer work). Composite: zeros, then a Scatter of ones along the new last axis.
    /// </summary>
    /// <param name="indices">Class labels in [0, numClasses).</param>
    /// <param name="numClasses">The number of classes; −1 infers <c>max(indices) + 1</c> (reads the indices on the host).</param>
    /// <exception cref="ArgumentException">numClasses is below −1, or −1 with empty indices.</exception>
    /// <exception cref="IndexOutOfRangeException">A label is negative or ≥ numClasses; the message names the value and numClasses.</exception>
    public static Tensor<TOut> OneHot<TOut>(Tensor<long> indices, int numClasses = -1) where TOut : unmanaged, INumberBase<TOut>
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (numClasses < -1)
            throw new ArgumentException($"OneHot: numClasses must be positive or -1 (infer), got {numClasses}.", nameof(numClasses));
        if (numClasses == -1)
        {
            if (indices.Length == 0)
                throw new ArgumentException("OneHot: cannot infer numClasses from empty indices; pass numClasses.", nameof(numClasses));
            long max = long.MinValue;
            foreach (long v in indices.ToArray()) max = Math.Max(max, v);
            numClasses = checked((int)Math.Max(0, max + 1));
        }
        var outShape = new int[indices.Rank + 1];
        indices.Shape.CopyTo(outShape);
        outShape[^1] = numClasses;
        var y = Tensor<TOut>.Allocate(outShape, indices.Device);
        var index = indices.Unsqueeze(-1);
        try
        {
            indices.Device.Backend.Scatter(y, indices.Rank, index, Scalar(TOut.One, indices.Device).BroadcastView(index.Shape));
        }
        catch (IndexOutOfRangeException e)
        {
            throw new IndexOutOfRangeException($"OneHot: a class label is outside [0, {numClasses}) ({e.Message})", e);
        }
        return y;
    }

    /// <summary>One-hot encoding of <see cref="int"/> labels; see <see cref="OneHot{TOut}(Tensor{long}, int)"/>.</summary>
    /// <exception cref="ArgumentException">numClasses is below −1, or −1 with empty indices.</exception>
    /// <exception cref="IndexOutOfRangeException">A label is negative or ≥ numClasses.</exception>
    public static Tensor<TOut> OneHot<TOut>(Tensor<int> indices, int numClasses = -1) where TOut : unmanaged, INumberBase<TOut>
    {
        ArgumentNullException.ThrowIfNull(indices);
        var labels = indices.ToArray();
        var wide = new long[labels.Length];
        for (int i = 0; i < labels.Length; i++) wide[i] = labels[i];
        return OneHot<TOut>(FromSpan<long>(wide, [wide.Length], indices.Device).Reshape(indices.Shape), numClasses);
    }
}
