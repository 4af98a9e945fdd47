using Scratch.ML.Tests.Copying;

namespace Scratch.ML.Tests.Indexing;

/// <summary>Index and mask tensors with chosen logical values in every <see cref="Layout"/>.</summary>
public static class IndexTensors
{
    /// <summary>A tensor holding exactly <paramref name="logical"/> (row-major) in the given layout.</summary>
    public static Tensor<T> WithLayout<T>(T[] logical, int[] shape, Layout layout) where T : unmanaged
    {
        var t = Tensor.FromSpan<T>(logical, [logical.Length]).Reshape(shape);
        if (shape.Length == 0 || logical.Length == 0) return t;
        var rev = Enumerable.Range(0, shape.Length).Reverse().ToArray();
        return layout switch
        {
            Layout.Transposed => t.Permute(rev).Contiguous().Permute(rev),
            Layout.Negative => t.FlipView().Contiguous().FlipView(),
            Layout.Strided => Tensor.Stack<T>([t, t], -1).Select(-1, 1),
            _ => t,
        };
    }

    /// <summary>
    /// Random indices in [0, size) of <paramref name="shape"/>; the Broadcast layout repeats the first row along axis 0
    /// through a stride-0 view.
    /// </summary>
    public static Tensor<long> Random(int[] shape, int size, Layout layout, int seed)
    {
        var rng = new Random(seed);
        if (layout == Layout.Broadcast && shape.Length > 0 && shape[0] > 0)
        {
            var baseShape = (int[])shape.Clone();
            baseShape[0] = 1;
            var vals = new long[Shapes.Numel(baseShape)];
            for (int i = 0; i < vals.Length; i++) vals[i] = rng.Next(size);
            return Tensor.FromSpan<long>(vals, [vals.Length]).Reshape(baseShape).Expand(shape);
        }
        var logical = new long[Shapes.Numel(shape)];
        for (int i = 0; i < logical.Length; i++) logical[i] = rng.Next(size);
        return WithLayout(logical, shape, layout);
    }
}
