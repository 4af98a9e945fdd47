using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// Everything one forest fit needs, prepared once and shared read-only by every tree: the column-major features,
/// the targets, the base sample weights (sample weight × whole-sample class weight), the bootstrap size and the
/// growth options.
/// </summary>
internal sealed class ForestJob
{
    /// <summary>The training features (column-major float64).</summary>
    public required TreeFeatures X { get; init; }

    /// <summary>The training targets (class codes or values).</summary>
    public required TreeTargets Y { get; init; }

    /// <summary>Per-sample base weights (n), or null for all ones.</summary>
    public double[]? Weights { get; init; }

    /// <summary>Class code per sample (n) when the class weights are recomputed per bootstrap sample, else null.</summary>
    public int[]? SubsampleCodes { get; init; }

    /// <summary>Bootstrap draws per tree (with replacement), or 0 to grow every tree on all samples.</summary>
    public int Draws { get; init; }

    /// <summary>The growth options; <see cref="TreeGrowthOptions.MinWeightLeaf"/> is set per tree.</summary>
    public required TreeGrowthOptions Growth { get; init; }

    /// <summary>scikit-learn's min_weight_fraction_leaf: the per-tree minimum leaf weight is this × the tree's total weight.</summary>
    public double MinWeightFraction { get; init; }

    /// <summary>The forest's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>Minimal cost-complexity pruning strength applied to every grown tree (0 = none).</summary>
    public double CcpAlpha { get; init; }
}

/// <summary>
/// Grows a forest's trees in parallel and computes its out-of-bag predictions.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> Tree t draws every random number it uses — first its bootstrap sample, then the
/// grower's feature and threshold draws — from its own generator <c>Generator(Seed, stream: t)</c>, a Philox stream
/// no other tree touches. A tree is therefore a pure function of (data, options, Seed, t): the forest is identical at
/// any thread count and in any completion order, and fitting T trees then adding k more (warm start) gives exactly
/// the forest of T + k trees fitted at once.</para>
/// <para><b>Bootstrap.</b> m indices are drawn uniformly from 0…n−1 with replacement (scikit-learn's
/// <c>randint(0, n, m)</c>); a sample drawn c times gets weight c × its base weight, so undrawn samples have weight 0
/// and are excluded by the grower. Out-of-bag samples are exactly those with c = 0, and are recovered later by
/// replaying the tree's first draws rather than being stored.</para>
/// </remarks>
internal static class ForestTrainer
{
    /// <summary>The generator of tree <paramref name="tree"/>: Philox stream <paramref name="tree"/> under key <paramref name="seed"/>.</summary>
    public static Generator TreeGenerator(ulong seed, int tree) => new(seed, (uint)tree);

    /// <summary>How often each of n samples is drawn in <paramref name="draws"/> uniform draws with replacement: (n), summing to draws.</summary>
    public static int[] BootstrapCounts(Generator g, int n, int draws)
    {
        var idx = new int[draws];
        g.Integers(idx, 0, n);
        var counts = new int[n];
        foreach (int i in idx) counts[i]++;
        return counts;
    }

    /// <summary>Grows trees <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 on up to <paramref name="threads"/> threads.</summary>
    public static TreeStructure[] GrowTrees(ForestJob job, int first, int count, int threads)
    {
        var trees = new TreeStructure[count];
        if (count == 0) return trees;
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(threads, 1, count) };
        Parallel.For(0, count, po, k => trees[k] = GrowTree(job, first + k));
        return trees;
    }

    /// <summary>Grows tree <paramref name="t"/>: bootstrap weights (if any), per-tree class weights, the CART grower, then cost-complexity pruning.</summary>
    public static TreeStructure GrowTree(ForestJob job, int t)
    {
        int n = job.X.Samples;
        var g = TreeGenerator(job.Seed, t);
        double[]? w = job.Weights;
        if (job.Draws > 0)
        {
            var counts = BootstrapCounts(g, n, job.Draws);
            w = new double[n];
            for (int i = 0; i < n; i++) w[i] = (job.Weights?[i] ?? 1.0) * counts[i];
            if (job.SubsampleCodes is { } codes) ApplySubsampleClassWeights(w, counts, codes, job.Y.ClassCounts![0], job.Draws);
        }
        double total = 0;
        if (w is null) total = n;
        else foreach (double v in w) total += v;
        // Trees already grow in parallel (one per core), so each tree scores its split candidates on its own thread.
        var options = job.Growth with { MinWeightLeaf = job.MinWeightFraction * total, SplitThreads = 1 };
        var tree = Grow(job.X, job.Y, w, options, g);
        // scikit-learn's BaseDecisionTree._fit ends with _prune_tree: the same weakest-link pruning as a single tree, on
        // this tree's own node statistics (weighted by the bootstrap counts), so R(t) is relative to this tree's root weight.
        return job.CcpAlpha > 0 ? CostComplexityPruning.Prune(tree, job.CcpAlpha) : tree;
    }

    /// <summary>
    /// scikit-learn's <c>compute_sample_weight("balanced", y, indices)</c>: with m_k the draws of class k, C' the number
    /// of classes drawn and m the total draws, every sample of class k is multiplied by m / (C' · m_k).
    /// </summary>
    internal static void ApplySubsampleClassWeights(double[] w, int[] counts, int[] codes, int classes, int draws)
    {
        var drawn = new long[classes];
        for (int i = 0; i < codes.Length; i++) drawn[codes[i]] += counts[i];
        int present = 0;
        foreach (long c in drawn) if (c > 0) present++;
        for (int i = 0; i < w.Length; i++)
            w[i] = drawn[codes[i]] > 0 ? w[i] * draws / ((double)present * drawn[codes[i]]) : 0;
    }

    /// <summary>
    /// Out-of-bag sums: for every sample, the sum of the leaf values (width W) of the trees that did not draw it,
    /// and how many such trees there are. Trees are routed in parallel; the sums are added in tree order, so the
    /// result does not depend on the thread count.
    /// </summary>
    /// <returns>Sum (n, W) row-major and Count (n).</returns>
    public static (double[] Sum, int[] Count) OutOfBag(ForestJob job, IReadOnlyList<TreeStructure> trees, int threads)
    {
        int n = job.X.Samples, width = trees[0].ValueWidth;
        var rows = new int[trees.Count][];
        var leaves = new int[trees.Count][];
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(threads, 1, trees.Count) };
        Parallel.For(0, trees.Count, po, t =>
        {
            var counts = BootstrapCounts(TreeGenerator(job.Seed, t), n, job.Draws);
            var r = new List<int>();
            var l = new List<int>();
            for (int i = 0; i < n; i++)
            {
                if (counts[i] != 0) continue;
                r.Add(i);
                l.Add(Leaf(trees[t], job.X, i));
            }
            rows[t] = [.. r];
            leaves[t] = [.. l];
        });
        var sum = new double[(long)n * width];
        var count = new int[n];
        for (int t = 0; t < trees.Count; t++)
        {
            var values = trees[t].Values;
            for (int k = 0; k < rows[t].Length; k++)
            {
                int i = rows[t][k];
                count[i]++;
                var v = values.Slice(leaves[t][k] * width, width);
                var dst = sum.AsSpan(i * width, width);
                for (int j = 0; j < width; j++) dst[j] += v[j];
            }
        }
        return (sum, count);
    }

    /// <summary>The leaf that training sample <paramref name="i"/> reaches in <paramref name="tree"/> (column-major routing).</summary>
    private static int Leaf(TreeStructure tree, TreeFeatures x, int i)
    {
        var left = tree.LeftChild;
        var right = tree.RightChild;
        var feature = tree.Feature;
        int node = 0, n = x.Samples;
        while (left[node] != TreeStructure.NoChild)
            node = tree.GoesLeft(node, x.Columns[(long)feature[node] * n + i]) ? left[node] : right[node];
        return node;
    }

    /// <summary>The CART grower every forest tree comes from.</summary>
    private static TreeStructure Grow(TreeFeatures x, TreeTargets y, double[]? w, TreeGrowthOptions options, Generator g) =>
        CartGrower.Grow(x, y, w, options, g, CancellationToken.None);
}
