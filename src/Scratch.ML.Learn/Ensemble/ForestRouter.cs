using System.Runtime.InteropServices;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Routes rows through all trees of a forest quickly: the trees' node arrays are packed into one array of 24-byte
/// nodes (children, feature, threshold) so a descent touches one cache line per level, rows descend four at a time
/// (independent load chains), and rows are processed in blocks of 256–4096 rows — in parallel over blocks, tree by tree
/// inside a block so a tree's nodes stay in cache across the block's rows.
/// </summary>
/// <remarks>
/// Rows never hold NaN here (forests reject missing values at fit and predict time), so a node sends x ≤ threshold
/// left and everything else right; the trees' missing-value directions are not consulted.
/// Each row's sum over trees is accumulated in tree order inside one block, whatever thread runs it, so results are
/// bitwise identical at any thread count. <see cref="TreeStructure.Apply(ReadOnlySpan{double})"/> is the readable
/// twin; the tests check that both give the same leaves.
/// </remarks>
internal sealed class ForestRouter
{
    /// <summary>Fewest and most rows per parallel work item.</summary>
    public const int MinBlockRows = 256, MaxBlockRows = 4096;

    /// <summary>
    /// Rows per work item: about n / (2 · threads), within [<see cref="MinBlockRows"/>, <see cref="MaxBlockRows"/>].
    /// Every block walks all trees, so a forest larger than the cache is streamed once per block: large blocks keep
    /// that traffic per row small. A row's sum over trees is in tree order whatever the block, so the block size does
    /// not change any result.
    /// </summary>
    private static int BlockRows(int n, int threads) => Math.Clamp((n + 2 * threads - 1) / (2 * threads), MinBlockRows, MaxBlockRows);

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Left;        // global index of the left child; a leaf's own index
        public int Right;       // global index of the right child; a leaf's own index
        public int Feature;     // split feature; 0 at a leaf
        public int Unused;
        public double Threshold;
    }

    private readonly Node[] nodes;
    private readonly int[] roots, localId;
    private readonly double[] values;

    /// <summary>Packs <paramref name="trees"/> (all with the same feature count and value width, no categorical splits).</summary>
    /// <exception cref="ArgumentException">A tree has categorical splits (forests grow numeric splits only).</exception>
    public ForestRouter(IReadOnlyList<TreeStructure> trees)
    {
        Width = trees[0].ValueWidth;
        int total = 0;
        foreach (var t in trees) total += t.NodeCount;
        nodes = new Node[total];
        localId = new int[total];
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
            for (int k = 0; k < tree.NodeCount; k++)
            {
                bool leaf = left[k] == TreeStructure.NoChild;
                localId[b + k] = k;
                nodes[b + k] = new Node
                {
                    Left = b + (leaf ? k : left[k]),
                    Right = b + (leaf ? k : right[k]),
                    Feature = leaf ? 0 : feature[k],
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
        int rowsPer = BlockRows(n, threads), blocks = (n + rowsPer - 1) / rowsPer;
        ForBlocks(blocks, threads, blk =>
        {
            int start = blk * rowsPer, end = Math.Min(n, start + rowsPer);
            var leaf = new int[end - start];
            int w = Width;
            for (int t = 0; t < roots.Length; t++)
            {
                Leaves(roots[t], rows, d, start, end, leaf);
                for (int i = start; i < end; i++)
                {
                    var v = values.AsSpan(leaf[i - start] * w, w);
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
        int rowsPer = BlockRows(n, threads), blocks = (n + rowsPer - 1) / rowsPer;
        ForBlocks(blocks, threads, blk =>
        {
            int start = blk * rowsPer, end = Math.Min(n, start + rowsPer);
            var leaf = new int[end - start];
            for (int t = 0; t < trees; t++)
            {
                Leaves(roots[t], rows, d, start, end, leaf);
                for (int i = start; i < end; i++) leaves[i * trees + t] = localId[leaf[i - start]];
            }
        });
        return leaves;
    }

    /// <summary>
    /// The global leaf index that rows start … end−1 reach from <paramref name="root"/>, written to
    /// leaf[0 … end−start−1]. Four rows descend in lockstep: their node loads are independent, so the core overlaps
    /// their cache misses instead of waiting for one chain of loads. A leaf points to itself on both sides, so a row
    /// that arrived early just stays; the loop ends when a step moves none of the four.
    /// </summary>
    private void Leaves(int root, double[] rows, int d, int start, int end, Span<int> leaf)
    {
        ReadOnlySpan<Node> nd = nodes;
        ReadOnlySpan<double> x = rows;
        int i = start;
        for (; i + 4 <= end; i += 4)
        {
            int o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            int k0 = root, k1 = root, k2 = root, k3 = root;
            while (true)
            {
                ref readonly Node a = ref nd[k0];
                ref readonly Node b = ref nd[k1];
                ref readonly Node c = ref nd[k2];
                ref readonly Node e = ref nd[k3];
                int n0 = x[o0 + a.Feature] <= a.Threshold ? a.Left : a.Right;
                int n1 = x[o1 + b.Feature] <= b.Threshold ? b.Left : b.Right;
                int n2 = x[o2 + c.Feature] <= c.Threshold ? c.Left : c.Right;
                int n3 = x[o3 + e.Feature] <= e.Threshold ? e.Left : e.Right;
                if (((n0 ^ k0) | (n1 ^ k1) | (n2 ^ k2) | (n3 ^ k3)) == 0) break;
                (k0, k1, k2, k3) = (n0, n1, n2, n3);
            }
            leaf[i - start] = k0;
            leaf[i - start + 1] = k1;
            leaf[i - start + 2] = k2;
            leaf[i - start + 3] = k3;
        }
        for (; i < end; i++)
        {
            int o = i * d, k = root;
            while (true)
            {
                ref readonly Node a = ref nd[k];
                int next = x[o + a.Feature] <= a.Threshold ? a.Left : a.Right;
                if (next == k) break;
                k = next;
            }
            leaf[i - start] = k;
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
