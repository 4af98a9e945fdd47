using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent individualized feature attribution for tree
/// ensembles", Algorithm 2): the Shapley values of the set function v(S) = E[f(x) | x_S], where the conditional
/// expectation is the tree's own one — at a split on a feature in S follow x's branch, otherwise average both
/// branches weighted by their training cover (<see cref="TreeStructure.WeightedSampleCount"/>). Works on any
/// <see cref="TreeEnsemble"/> (single trees, forests, gradient boosting) in its raw output space, in
/// O(T · L · D²) per row for T trees of L leaves and depth D, instead of the 2^d coalitions of the definition.
/// </summary>
/// <remarks>
/// <para>Efficiency (local accuracy) holds per row and output: <c>ExpectedValue[o] + Σ_j φ[i, j, o] = raw_o(x_i)</c>,
/// where <c>ExpectedValue = BaseValue + Σ_t Weight_t · (cover-weighted mean leaf value of tree t)</c> at each tree's
/// output offset. A feature no tree splits on gets φ = 0; the values are those of the brute-force Shapley formula
/// over all coalitions (the tests check this to 1e-10).</para>
/// <para>Routing follows <see cref="TreeStructure.GoesLeft"/>: a missing value (NaN) takes the node's
/// missing-goes-left branch and a categorical split tests its category set, so the "hot" branch x follows is the one
/// prediction follows; the "cold" branch is the other.</para>
/// <para>The child's share of its parent is cover(child) / cover(parent), as in the <c>shap</c> package; a parent of
/// zero cover (possible only in hand-built trees) gives each child one half.</para>
/// <para>Rows are explained in parallel; each row's arithmetic is sequential in tree order, so results do not depend
/// on the thread count.</para>
/// </remarks>
public static class TreeShap
{
    private const int RowsPerTask = 8;

    /// <summary>SHAP values of the rows of <paramref name="x"/> (n, d) for a fitted tree model, in its raw output space.</summary>
    /// <param name="model">A tree model (decision tree, forest, boosting) exposing its <see cref="ITreeEnsembleModel.Ensemble"/>.</param>
    /// <param name="x">Rows to explain, (n, d) with d = the model's feature count; NaN is allowed (routed like prediction).</param>
    /// <param name="featureNames">Optional d names carried into the result.</param>
    /// <param name="cancellationToken">Stops the computation between rows.</param>
    /// <returns>φ of shape (n, d, outputs) and the expected value per output.</returns>
    /// <exception cref="ArgumentException">x is not 2-d with d columns, is empty, or holds ±∞.</exception>
    public static ShapValues Explain<T>(ITreeEnsembleModel model, Tensor<T> x, IReadOnlyList<string>? featureNames = null,
        CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Explain(model.Ensemble, x, featureNames, cancellationToken);
    }

    /// <summary>SHAP values of the rows of <paramref name="x"/> (n, d) for an additive tree ensemble, in its raw output space.</summary>
    /// <param name="ensemble">The trees, weights, output offsets and base value.</param>
    /// <param name="x">Rows to explain, (n, d) with d = <see cref="TreeEnsemble.FeatureCount"/>; NaN is allowed.</param>
    /// <param name="featureNames">Optional d names carried into the result.</param>
    /// <param name="cancellationToken">Stops the computation between rows.</param>
    /// <returns>φ of shape (n, d, outputs) with <c>ExpectedValue + Σ_j φ[i, j, ·] = raw(x_i)</c>.</returns>
    /// <exception cref="ArgumentException">x is not 2-d with d columns, is empty, or holds ±∞.</exception>
    public static ShapValues Explain<T>(TreeEnsemble ensemble, Tensor<T> x, IReadOnlyList<string>? featureNames = null,
        CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int d = ensemble.FeatureCount, outputs = ensemble.OutputCount;
        var data = TreeStructure.ToDouble(InputChecks.Features("TreeShap", x, d, allowNaN: true));
        int n = data.Length / d;
        var trees = Prepare(ensemble);
        int maxDepth = 0;
        foreach (var t in trees) maxDepth = Math.Max(maxDepth, t.Depth);
        var phi = new double[(long)n * d * outputs];
        var po = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, (n + RowsPerTask - 1) / RowsPerTask, po, b =>
        {
            var path = new PathElement[(maxDepth + 2) * (maxDepth + 3) / 2];
            int end = Math.Min(n, (b + 1) * RowsPerTask);
            for (int i = b * RowsPerTask; i < end; i++)
            {
                var row = data.AsSpan(i * d, d);
                var dst = phi.AsSpan(i * d * outputs, d * outputs);
                foreach (var t in trees) ExplainTree(t, row, dst, outputs, path);
            }
        });
        return new ShapValues(phi, n, d, ExpectedValue(ensemble), featureNames);
    }

    /// <summary>
    /// E[f] per raw output: <c>BaseValue + Σ_t Weight_t · E_t</c> at tree t's output offset, where E_t is the
    /// cover-weighted mean of the tree's leaf values (computed by the same recursion TreeSHAP uses, so that
    /// efficiency holds exactly).
    /// </summary>
    public static double[] ExpectedValue(TreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var e = ensemble.BaseValue.ToArray();
        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var m = NodeExpectations(tree);
            for (int j = 0; j < tree.ValueWidth; j++) e[ensemble.OutputOffsets[t] + j] += ensemble.Weights[t] * m[j];
        }
        return e;
    }

    /// <summary>The share of <paramref name="child"/> in its parent's cover: cover(child) / cover(parent), or ½ for a parent of zero cover.</summary>
    internal static double ChildFraction(TreeStructure tree, int parent, int child)
    {
        double p = tree.WeightedSampleCount[parent];
        return p > 0 ? tree.WeightedSampleCount[child] / p : 0.5;
    }

    /// <summary>Cover-weighted expected value of every node's subtree, row-major (NodeCount, ValueWidth); row 0 is the tree's mean.</summary>
    internal static double[] NodeExpectations(TreeStructure tree)
    {
        int w = tree.ValueWidth;
        var e = new double[tree.NodeCount * w];
        for (int node = tree.NodeCount - 1; node >= 0; node--)   // children have larger ids than their parent
        {
            var dst = e.AsSpan(node * w, w);
            if (tree.IsLeaf(node)) { tree.Value(node).CopyTo(dst); continue; }
            int l = tree.LeftChild[node], r = tree.RightChild[node];
            double fl = ChildFraction(tree, node, l), fr = ChildFraction(tree, node, r);
            for (int j = 0; j < w; j++) dst[j] = fl * e[l * w + j] + fr * e[r * w + j];
        }
        return e;
    }

    /// <summary>One element of the "unique path" of Algorithm 2: a feature, its zero and one fractions, and the permutation weight.</summary>
    private struct PathElement
    {
        public int Feature;
        public double Zero, One, Weight;
    }

    /// <summary>A tree's arrays flattened once per call, with its place in the ensemble.</summary>
    private sealed class Prepared(TreeStructure tree, double weight, int offset)
    {
        public readonly TreeStructure Tree = tree;
        public readonly int[] Left = tree.LeftChild.ToArray(), Right = tree.RightChild.ToArray(), Feature = tree.Feature.ToArray();
        public readonly double[] Values = tree.Values.ToArray();
        public readonly double Weight = weight;
        public readonly int Offset = offset, Width = tree.ValueWidth, Depth = tree.MaxDepth;
    }

    private static Prepared[] Prepare(TreeEnsemble ensemble)
    {
        var p = new Prepared[ensemble.Trees.Count];
        for (int t = 0; t < p.Length; t++) p[t] = new Prepared(ensemble.Trees[t], ensemble.Weights[t], ensemble.OutputOffsets[t]);
        return p;
    }

    private static void ExplainTree(Prepared t, ReadOnlySpan<double> x, Span<double> phi, int outputs, PathElement[] path)
    {
        // The root call extends the empty path with a dummy element (feature −1, fractions 1) carrying weight 1.
        Recurse(t, x, phi, outputs, path, 0, 0, 0, 1, 1, -1);
    }

    /// <summary>
    /// Algorithm 2's RECURSE at <paramref name="node"/>: the parent's path occupies path[parentStart …
    /// parentStart + depth]; this call copies it right after (so siblings do not see each other's changes), extends it
    /// with the split that led here, and either credits the leaf value to every feature on the path (leaf) or recurses
    /// into the hot and cold children.
    /// </summary>
    private static void Recurse(Prepared t, ReadOnlySpan<double> x, Span<double> phi, int outputs, PathElement[] path,
        int parentStart, int depth, int node, double zero, double one, int feature)
    {
        int start = parentStart + depth + 1;
        if (node == 0) start = 0;
        else Array.Copy(path, parentStart, path, start, depth + 1);
        Extend(path, start, depth, zero, one, feature);

        if (t.Left[node] == TreeStructure.NoChild)
        {
            int w = t.Width, vo = node * w;
            for (int i = 1; i <= depth; i++)
            {
                ref var el = ref path[start + i];
                double scale = UnwoundSum(path, start, depth, i) * (el.One - el.Zero) * t.Weight;
                var dst = phi.Slice(el.Feature * outputs + t.Offset, w);
                for (int j = 0; j < w; j++) dst[j] += scale * t.Values[vo + j];
            }
            return;
        }

        int split = t.Feature[node];
        bool left = t.Tree.GoesLeft(node, x[split]);
        int hot = left ? t.Left[node] : t.Right[node], cold = left ? t.Right[node] : t.Left[node];
        double hotZero = ChildFraction(t.Tree, node, hot), coldZero = ChildFraction(t.Tree, node, cold);
        double inZero = 1, inOne = 1;

        // A feature already on the path is unwound and re-extended with the product of both splits' fractions.
        int k = 1;
        while (k <= depth && path[start + k].Feature != split) k++;
        if (k <= depth)
        {
            inZero = path[start + k].Zero;
            inOne = path[start + k].One;
            Unwind(path, start, depth, k);
            depth--;
        }
        // A child with zero fraction 0 (no cover) and one fraction 0 (x does not go there, now or at an earlier split on
        // this feature) contributes nothing to any coalition, and would divide 0 by 0 when unwinding: skip it.
        if (hotZero * inZero != 0 || inOne != 0) Recurse(t, x, phi, outputs, path, start, depth + 1, hot, hotZero * inZero, inOne, split);
        if (coldZero * inZero != 0) Recurse(t, x, phi, outputs, path, start, depth + 1, cold, coldZero * inZero, 0, split);
    }

    /// <summary>EXTEND: appends (feature, zero, one) at index <paramref name="depth"/> and updates the permutation weights.</summary>
    private static void Extend(PathElement[] path, int s, int depth, double zero, double one, int feature)
    {
        path[s + depth] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1 : 0 };
        double inv = 1.0 / (depth + 1);
        for (int i = depth - 1; i >= 0; i--)
        {
            path[s + i + 1].Weight += one * path[s + i].Weight * (i + 1) * inv;
            path[s + i].Weight = zero * path[s + i].Weight * (depth - i) * inv;
        }
    }

    /// <summary>UNWIND: removes element <paramref name="k"/> from a path of length depth + 1, undoing its EXTEND.</summary>
    private static void Unwind(PathElement[] path, int s, int depth, int k)
    {
        double one = path[s + k].One, zero = path[s + k].Zero;
        double next = path[s + depth].Weight;
        for (int i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                double tmp = path[s + i].Weight;
                path[s + i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = tmp - path[s + i].Weight * zero * (depth - i) / (depth + 1);
            }
            else
            {
                path[s + i].Weight = path[s + i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = k; i < depth; i++)
        {
            path[s + i].Feature = path[s + i + 1].Feature;
            path[s + i].Zero = path[s + i + 1].Zero;
            path[s + i].One = path[s + i + 1].One;
        }
    }

    /// <summary>Σ of the weights the path would have after unwinding element <paramref name="k"/>, without modifying it.</summary>
    private static double UnwoundSum(PathElement[] path, int s, int depth, int k)
    {
        double one = path[s + k].One, zero = path[s + k].Zero;
        double next = path[s + depth].Weight, total = 0;
        if (one != 0)
        {
            for (int i = depth - 1; i >= 0; i--)
            {
                double tmp = next / ((i + 1) * one);
                total += tmp;
                next = path[s + i].Weight - tmp * zero * (depth - i);
            }
        }
        else
        {
            for (int i = depth - 1; i >= 0; i--) total += path[s + i].Weight / (zero * (depth - i));
        }
        return total * (depth + 1);
    }
}
