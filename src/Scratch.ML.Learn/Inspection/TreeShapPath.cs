using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Inspection;

/// <summary>A tree's arrays flattened once per explanation, with its place in the ensemble.</summary>
internal sealed class TreeShapTree(TreeStructure tree, double weight, int offset)
{
    public readonly TreeStructure Tree = tree;
    public readonly int[] Left = tree.LeftChild.ToArray(), Right = tree.RightChild.ToArray(), Feature = tree.Feature.ToArray();
    public readonly double[] Values = tree.Values.ToArray();
    public readonly double Weight = weight;
    public readonly int Offset = offset, Width = tree.ValueWidth, Depth = tree.MaxDepth;

    /// <summary>Per node, its share of its parent's cover (½ under a parent of zero cover; 1 at the root): (NodeCount).</summary>
    public readonly double[] Share = Shares(tree);

    private static double[] Shares(TreeStructure tree)
    {
        var share = new double[tree.NodeCount];
        share[0] = 1;
        for (int node = 0; node < share.Length; node++)
        {
            if (tree.IsLeaf(node)) continue;
            share[tree.LeftChild[node]] = TreeShap.ChildFraction(tree, node, tree.LeftChild[node]);
            share[tree.RightChild[node]] = TreeShap.ChildFraction(tree, node, tree.RightChild[node]);
        }
        return share;
    }

    public static TreeShapTree[] Prepare(TreeEnsemble ensemble)
    {
        var p = new TreeShapTree[ensemble.Trees.Count];
        for (int t = 0; t < p.Length; t++) p[t] = new TreeShapTree(ensemble.Trees[t], ensemble.Weights[t], ensemble.OutputOffsets[t]);
        return p;
    }
}

/// <summary>
/// Algorithm 2 of Lundberg et al. (2018) for one thread: the "unique path" of the features split on between the root
/// and the current node, each with its zero fraction z (share of cover that flows this way when the feature is
/// unknown), one fraction o (1 if x flows this way, else 0) and the permutation weights w[k] = the total weight of
/// coalitions of size k among the path's features. EXTEND adds a feature in O(D), UNWIND removes one in O(D), and
/// at a leaf each path feature i receives (Σ_k w'[k]) · (o_i − z_i) · value, w' being the weights with i unwound.
/// </summary>
/// <remarks>
/// <para>Paths of the recursion levels are stored one after another in one buffer (a child copies its parent's path
/// right after it), so no allocation happens per node. The "condition" arguments implement the conditioned variant
/// used for SHAP interaction values: with feature j held "on" (+1) only x's branch is followed at splits on j; "off"
/// (−1) both branches are followed, scaled by their cover share; j itself is never put on the path.</para>
/// <para>The one fractions are always 0 or 1 here, so the divisions by o reduce to reciprocal table look-ups.</para>
/// </remarks>
internal sealed class TreeShapWorker
{
    private struct PathElement
    {
        public int Feature;
        public double Zero, One, Weight;
    }

    private readonly PathElement[] path;
    private readonly double[] inv;   // inv[k] = 1 / k
    private readonly int outputs;
    private TreeShapTree t = null!;
    private double[] x = null!, phi = null!;
    private int xo, po, condition, conditionFeature;

    /// <param name="maxDepth">The deepest tree's depth.</param>
    /// <param name="outputs">Raw outputs of the ensemble (the stride of φ per feature).</param>
    public TreeShapWorker(int maxDepth, int outputs)
    {
        path = new PathElement[(maxDepth + 2) * (maxDepth + 3) / 2];
        inv = new double[maxDepth + 3];
        for (int k = 1; k < inv.Length; k++) inv[k] = 1.0 / k;
        this.outputs = outputs;
    }

    /// <summary>
    /// Adds one tree's contributions for row x[xOffset …] to φ[phiOffset …] (d × outputs), optionally with
    /// <paramref name="conditionFeature"/> held on (<paramref name="condition"/> = 1) or off (−1).
    /// </summary>
    public void Add(TreeShapTree tree, double[] data, int xOffset, double[] contributions, int phiOffset, int condition = 0, int conditionFeature = -1)
    {
        t = tree;
        x = data;
        xo = xOffset;
        phi = contributions;
        po = phiOffset;
        this.condition = condition;
        this.conditionFeature = conditionFeature;
        Recurse(0, 0, 0, 1, 1, -1, 1);
    }

    private void Recurse(int parentStart, int depth, int node, double zero, double one, int feature, double conditionFraction)
    {
        if (conditionFraction == 0) return;
        int start = 0;
        if (node != 0)
        {
            start = parentStart + depth + 1;
            for (int i = 0; i <= depth; i++) path[start + i] = path[parentStart + i];   // a few elements: cheaper than Array.Copy
        }
        if (condition == 0 || feature != conditionFeature) Extend(start, depth, zero, one, feature);

        if (t.Left[node] == TreeStructure.NoChild)
        {
            int w = t.Width, vo = node * w;
            // For a "cold" element (o = 0) the unwound sum is (depth + 1) · Σ_m w[m] / ((depth − m) · z): the same sum
            // for every cold element, and (o − z) = −z cancels its z; compute it once per leaf. "Hot" elements (o ≠ 0)
            // each need their own O(depth) recurrence; two are run side by side to overlap their latency chains.
            double coldScale = 0;
            for (int m = depth - 1; m >= 0; m--) coldScale += path[start + m].Weight * inv[depth - m];
            coldScale *= -(depth + 1) * conditionFraction * t.Weight;
            int pending = 0;
            for (int i = 1; i <= depth; i++)
            {
                if (path[start + i].One == 0) { Credit(start + i, coldScale, vo, w); continue; }
                if (pending == 0) { pending = i; continue; }
                var (a, b) = UnwoundSumPair(start, depth, pending, i);
                Credit(start + pending, a * (path[start + pending].One - path[start + pending].Zero) * conditionFraction * t.Weight, vo, w);
                Credit(start + i, b * (path[start + i].One - path[start + i].Zero) * conditionFraction * t.Weight, vo, w);
                pending = 0;
            }
            if (pending != 0)
                Credit(start + pending, UnwoundSum(start, depth, pending) * (path[start + pending].One - path[start + pending].Zero) * conditionFraction * t.Weight, vo, w);
            return;
        }

        int split = t.Feature[node];
        bool left = t.Tree.GoesLeft(node, x[xo + split]);
        int hot = left ? t.Left[node] : t.Right[node], cold = left ? t.Right[node] : t.Left[node];
        double hotZero = t.Share[hot], coldZero = t.Share[cold];
        double inZero = 1, inOne = 1;

        // A feature already on the path is unwound and re-extended with the product of both splits' fractions.
        int k = 1;
        while (k <= depth && path[start + k].Feature != split) k++;
        if (k <= depth)
        {
            inZero = path[start + k].Zero;
            inOne = path[start + k].One;
            Unwind(start, depth, k);
            depth--;
        }

        double hotCondition = conditionFraction, coldCondition = conditionFraction;
        if (condition > 0 && split == conditionFeature) { coldCondition = 0; depth--; }
        else if (condition < 0 && split == conditionFeature) { hotCondition *= hotZero; coldCondition *= coldZero; depth--; }

        // A child with zero fraction 0 (no cover) and one fraction 0 (x does not go there, now or at an earlier split on
        // this feature) adds nothing to any coalition, and would divide 0 by 0 when unwinding: skip it.
        if (hotZero * inZero != 0 || inOne != 0) Recurse(start, depth + 1, hot, hotZero * inZero, inOne, split, hotCondition);
        if (coldZero * inZero != 0) Recurse(start, depth + 1, cold, coldZero * inZero, 0, split, coldCondition);
    }

    /// <summary>
    /// EXTEND: appends (feature, zero, one) at index <paramref name="depth"/> and updates the permutation weights:
    /// w'[i] = z · w[i] · (depth − i)/(depth + 1) + o · w[i − 1] · i/(depth + 1). Written with the old values carried
    /// in registers (top index down), so iterations do not wait on each other's stores.
    /// </summary>
    private void Extend(int s, int depth, double zero, double one, int feature)
    {
        path[s + depth] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1 : 0 };
        if (depth == 0) return;
        double zs = zero * inv[depth + 1], os = one * inv[depth + 1];
        double prev = path[s + depth - 1].Weight;   // old w[depth − 1]
        path[s + depth].Weight = os * prev * depth;
        for (int i = depth - 1; i >= 1; i--)
        {
            double cur = prev;                      // old w[i]
            prev = path[s + i - 1].Weight;          // old w[i − 1]
            path[s + i].Weight = zs * cur * (depth - i) + os * prev * i;
        }
        path[s].Weight = zs * prev * depth;
    }

    /// <summary>UNWIND: removes element <paramref name="k"/> from a path of length depth + 1, undoing its EXTEND.</summary>
    private void Unwind(int s, int depth, int k)
    {
        double one = path[s + k].One, zero = path[s + k].Zero;
        double next = path[s + depth].Weight;
        if (one != 0)
        {
            double invOne = 1 / one;
            for (int i = depth - 1; i >= 0; i--)
            {
                double tmp = path[s + i].Weight;
                path[s + i].Weight = next * (depth + 1) * inv[i + 1] * invOne;
                next = tmp - path[s + i].Weight * zero * (depth - i) * inv[depth + 1];
            }
        }
        else
        {
            double invZero = 1 / zero;
            for (int i = depth - 1; i >= 0; i--) path[s + i].Weight = path[s + i].Weight * (depth + 1) * inv[depth - i] * invZero;
        }
        for (int i = k; i < depth; i++)
        {
            path[s + i].Feature = path[s + i + 1].Feature;
            path[s + i].Zero = path[s + i + 1].Zero;
            path[s + i].One = path[s + i + 1].One;
        }
    }

    /// <summary>φ[feature of path[element]] += scale · leaf value (each of the leaf's outputs).</summary>
    private void Credit(int element, double scale, int vo, int w)
    {
        int dst = po + path[element].Feature * outputs + t.Offset;
        for (int j = 0; j < w; j++) phi[dst + j] += scale * t.Values[vo + j];
    }

    /// <summary><see cref="UnwoundSum"/> for two elements with o ≠ 0 at once (independent recurrences, interleaved).</summary>
    private (double A, double B) UnwoundSumPair(int s, int depth, int ka, int kb)
    {
        double ia = 1 / path[s + ka].One, ib = 1 / path[s + kb].One, za = path[s + ka].Zero, zb = path[s + kb].Zero;
        double na = path[s + depth].Weight, nb = na, ta = 0, tb = 0;
        for (int i = depth - 1; i >= 0; i--)
        {
            double wi = path[s + i].Weight, c = inv[i + 1], f = depth - i;
            double xa = na * c * ia, xb = nb * c * ib;
            ta += xa;
            tb += xb;
            na = wi - xa * za * f;
            nb = wi - xb * zb * f;
        }
        return (ta * (depth + 1), tb * (depth + 1));
    }

    /// <summary>Σ of the weights the path would have after unwinding element <paramref name="k"/>, without modifying it.</summary>
    private double UnwoundSum(int s, int depth, int k)
    {
        double one = path[s + k].One, zero = path[s + k].Zero;
        double next = path[s + depth].Weight, total = 0;
        if (one != 0)
        {
            double invOne = 1 / one;
            for (int i = depth - 1; i >= 0; i--)
            {
                double tmp = next * inv[i + 1] * invOne;
                total += tmp;
                next = path[s + i].Weight - tmp * zero * (depth - i);
            }
        }
        else
        {
            for (int i = depth - 1; i >= 0; i--) total += path[s + i].Weight * inv[depth - i];
            total /= zero;
        }
        return total * (depth + 1);
    }
}
