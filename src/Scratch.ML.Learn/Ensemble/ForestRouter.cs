using System.Runtime.InteropServices;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Routes rows through all trees of a forest quickly: the trees' node arrays are packed into one array of 24-byte
/// nodes (children, feature, missing direction, threshold) so a descent touches one cache line per level, and rows
/// are processed in fixed blocks of <see cref="BlockRows"/> — in parallel over blocks, tree by tree inside a block so
/// a tree's upper levels stay in cache across the block's rows.
/// </summary>
/// <remarks>
/// Each row's sum over trees is accumulated in tree order inside one block, whatever thread runs it, so results are
/// bitwise identical at any thread count. <see cref="TreeStructure.Apply(ReadOnlySpan{double})"/> is the readable
/// twin; the tests check that both give the same leaves.
/// </remarks>
internal sealed class ForestRouter
{
    /// <summary>Rows per parallel work item.</summary>
    public const int BlockRows = 64;

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Left;        // global index of the left child, or −1 at a leaf
        public int Right;       // global index of the right child; at a leaf, the node's id within its tree
        public int Feature;
        public int MissingLeft; // 1 when NaN goes left
        public double Threshold;
    }

    private readonly Node[] nodes;
    private readonly int[] roots;
    private readonly double[] values;

    /// <summary>Packs <paramref name="trees"/> (all with the same feature count and value width, no categorical splits).</summary>
    /// <exception cref="ArgumentException">A tree has categorical splits (forests grow numeric splits only).</exception>
    public ForestRouter(IReadOnlyList<TreeStructure> trees)
    {
        Width = trees[0].ValueWidth;
        int total = 0;
        foreach (var t in trees) total += t.NodeCount;
        nodes = new Node[total];
        roots = new int[trees.Count];
        values = new double[(long)total * Width];
        int b = 0;
        for (int t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            if (tree.HasCategoricalSplits) throw new ArgumentException($"Forest tree {t} has categorical splits; forests route numeric thresholds only.", nameof(trees));
            roots[t] = b;
            var left = tree.LeftChild;
            var right = tree.RightChild;
            var feature = tree.Feature;
            var threshold = tree.Threshold;
            var missing = tree.MissingGoesLeft;
            for (int k = 0; k < tree.NodeCount; k++)
            {
                bool leaf = left[k] == TreeStructure.NoChild;
                nodes[b + k] = new Node
                {
                    Left = leaf ? -1 : b + left[k],
                    Right = leaf ? k : b + right[k],
                    Feature = leaf ? 0 : feature[k],
                    MissingLeft = missing[k] ? 1 : 0,
                    Threshold = threshold[k],
                };
            }
            tree.Values.CopyTo(values.AsSpan(b * Width));
            b += tree.NodeCount;
        }
    }

    /// <summary>Numbers per leaf value.</summary>
    public int Width { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => roots.Length;

    /// <summary>
    /// Σ over trees of the leaf value each row reaches: (n, <see cref="Width"/>) row-major, for rows (n, d) row-major.
    /// </summary>
    public double[] Sum(double[] rows, int n, int d, int threads)
    {
        var sum = new double[(long)n * Width];
        int blocks = (n + BlockRows - 1) / BlockRows;
        ForBlocks(blocks, threads, blk =>
        {
            int start = blk * BlockRows, end = Math.Min(n, start + BlockRows);
            var nd = nodes.AsSpan();
            int w = Width;
            for (int t = 0; t < roots.Length; t++)
            {
                int root = roots[t];
                for (int i = start; i < end; i++)
                {
                    int leaf = Descend(nd, root, rows.AsSpan(i * d, d));
                    var v = values.AsSpan(leaf * w, w);
                    var acc = sum.AsSpan(i * w, w);
                    for (int j = 0; j < w; j++) acc[j] += v[j];
                }
            }
        });
        return sum;
    }

    /// <summary>The leaf id (within its tree) each row reaches in each tree: (n, trees) row-major.</summary>
    public int[] Apply(double[] rows, int n, int d, int threads)
    {
        int trees = roots.Length;
        var leaves = new int[(long)n * trees];
        int blocks = (n + BlockRows - 1) / BlockRows;
        ForBlocks(blocks, threads, blk =>
        {
            int start = blk * BlockRows, end = Math.Min(n, start + BlockRows);
            var nd = nodes.AsSpan();
            for (int t = 0; t < trees; t++)
                for (int i = start; i < end; i++)
                    leaves[i * trees + t] = nd[Descend(nd, roots[t], rows.AsSpan(i * d, d))].Right;
        });
        return leaves;
    }

    /// <summary>The global index of the leaf that <paramref name="row"/> reaches from <paramref name="root"/>.</summary>
    private static int Descend(ReadOnlySpan<Node> nd, int root, ReadOnlySpan<double> row)
    {
        int k = root;
        while (true)
        {
            ref readonly Node node = ref nd[k];
            if (node.Left < 0) return k;
            double v = row[node.Feature];
            k = v <= node.Threshold || (node.MissingLeft != 0 && double.IsNaN(v)) ? node.Left : node.Right;
        }
    }

    private static void ForBlocks(int blocks, int threads, Action<int> body)
    {
        if (blocks <= 1 || threads <= 1)
        {
            for (int b = 0; b < blocks; b++) body(b);
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
