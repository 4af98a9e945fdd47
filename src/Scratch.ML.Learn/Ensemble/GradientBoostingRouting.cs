using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>Routes many samples through one tree (leaf ids), over column-major training features or row-major rows.</summary>
internal static class GradientBoostingRouting
{
    private const int Chunk = 2048;

    /// <summary>The leaf each training sample reaches, reading the column-major features: (n).</summary>
    public static int[] Apply(TreeStructure tree, TreeFeatures x)
    {
        int n = x.Samples;
        var leaves = new int[n];
        var cols = x.Columns;
        Parallel.For(0, (n + Chunk - 1) / Chunk, b =>
        {
            var left = tree.LeftChild;
            var right = tree.RightChild;
            var feature = tree.Feature;
            int end = Math.Min(n, (b + 1) * Chunk);
            for (int i = b * Chunk; i < end; i++)
            {
                int node = 0;
                while (left[node] != TreeStructure.NoChild)
                    node = tree.GoesLeft(node, cols[(long)feature[node] * n + i]) ? left[node] : right[node];
                leaves[i] = node;
            }
        });
        return leaves;
    }

    /// <summary>The leaf each row of the row-major (n, d) array reaches: (n).</summary>
    public static int[] Apply(TreeStructure tree, double[] rows, int d)
    {
        int n = rows.Length / d;
        var leaves = new int[n];
        Parallel.For(0, (n + Chunk - 1) / Chunk, b =>
        {
            int end = Math.Min(n, (b + 1) * Chunk);
            for (int i = b * Chunk; i < end; i++) leaves[i] = tree.Apply(rows.AsSpan(i * d, d));
        });
        return leaves;
    }
}
