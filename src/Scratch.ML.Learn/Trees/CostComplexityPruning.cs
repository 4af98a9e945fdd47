namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3; scikit-learn's <c>_cost_complexity_prune</c>).
/// </summary>
/// <remarks>
/// <para>With R(t) = N_t/N · impurity(t) the weighted impurity of node t, and R(T_t) = Σ over the leaves of the branch
/// T_t of R(leaf), pruning the branch at t into a leaf changes the cost R_α(T) = R(T) + α·|leaves(T)| by
/// R(t) − R(T_t) − α(|leaves(T_t)| − 1). The branch's effective alpha g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1) is the α
/// at which that is zero. Weakest-link pruning repeatedly collapses the internal node with the smallest g (the lowest
/// id among ties, like scikit-learn), updating R(T_t) and the leaf counts of its ancestors, until the root is a leaf.</para>
/// <para>The recorded path is (g, R(T)) after each collapse, starting from (0, R(T)) of the full tree. Pruning with a
/// given α performs the collapses while g ≤ α and rebuilds the tree in depth-first, left-first order (ids change).</para>
/// </remarks>
internal static class CostComplexityPruning
{
    /// <summary>The pruning path of <paramref name="tree"/>.</summary>
    public static CostComplexityPath Path(TreeStructure tree)
    {
        var alphas = new List<double>();
        var impurities = new List<double>();
        Run(tree, double.PositiveInfinity, (a, r) => { alphas.Add(a); impurities.Add(r); });
        return new CostComplexityPath([.. alphas], [.. impurities]);
    }

    /// <summary>The subtree of <paramref name="tree"/> minimising R_α (every branch with g(t) ≤ α collapsed); the tree itself when α = 0.</summary>
    public static TreeStructure Prune(TreeStructure tree, double alpha)
    {
        if (alpha == 0) return tree;
        var keepAsLeaf = Run(tree, alpha, null);
        return Rebuild(tree, keepAsLeaf);
    }

    // Returns, per node, whether it is a leaf of the pruned tree (false for removed and internal nodes).
    private static bool[] Run(TreeStructure tree, double alpha, Action<double, double>? record)
    {
        int m = tree.NodeCount;
        var left = tree.LeftChild;
        var right = tree.RightChild;
        var weighted = tree.WeightedSampleCount;
        var impurity = tree.Impurity;
        var parent = new int[m];
        var leafInSubtree = new bool[m];
        var inSubtree = new bool[m];
        var candidate = new bool[m];
        var rNode = new double[m];
        var rBranch = new double[m];
        var leaves = new int[m];
        parent[0] = -1;
        for (int n = 0; n < m; n++)
        {
            inSubtree[n] = true;
            if (tree.IsLeaf(n)) { leafInSubtree[n] = true; continue; }
            candidate[n] = true;
            parent[left[n]] = n;
            parent[right[n]] = n;
        }
        double total = weighted[0];
        for (int n = 0; n < m; n++) rNode[n] = weighted[n] * impurity[n] / total;
        for (int leaf = 0; leaf < m; leaf++)
        {
            if (!leafInSubtree[leaf]) continue;
            double r = rNode[leaf];
            for (int n = leaf; n != -1; n = parent[n]) { rBranch[n] += r; leaves[n]++; }
        }
        record?.Invoke(0.0, rBranch[0]);
        var stack = new Stack<int>();
        while (candidate[0])
        {
            double effective = double.MaxValue;
            int pruned = -1;
            for (int n = 0; n < m; n++)
            {
                if (!candidate[n]) continue;
                double g = (rNode[n] - rBranch[n]) / (leaves[n] - 1);
                if (g < effective) { effective = g; pruned = n; }
            }
            if (alpha < effective) break;
            stack.Push(pruned);
            while (stack.Count > 0)
            {
                int n = stack.Pop();
                if (!inSubtree[n]) continue;
                candidate[n] = leafInSubtree[n] = inSubtree[n] = false;
                if (!tree.IsLeaf(n)) { stack.Push(left[n]); stack.Push(right[n]); }
            }
            leafInSubtree[pruned] = inSubtree[pruned] = true;
            int prunedLeaves = leaves[pruned] - 1;
            leaves[pruned] = 0;
            double diff = rNode[pruned] - rBranch[pruned];
            rBranch[pruned] = rNode[pruned];
            for (int n = parent[pruned]; n != -1; n = parent[n]) { leaves[n] -= prunedLeaves; rBranch[n] += diff; }
            record?.Invoke(effective, rBranch[0]);
        }
        return leafInSubtree;
    }

    private static TreeStructure Rebuild(TreeStructure tree, bool[] leafInSubtree)
    {
        var nodes = new NodeArrays(tree.ValueWidth);
        var stack = new Stack<(int Orig, int Parent, bool IsLeft)>();
        stack.Push((0, -1, false));
        while (stack.Count > 0)
        {
            var (orig, parent, isLeft) = stack.Pop();
            bool leaf = leafInSubtree[orig];
            var split = new CartSplit { Feature = tree.Feature[orig], Threshold = tree.Threshold[orig], MissingGoesLeft = tree.MissingGoesLeft[orig] };
            int id = nodes.Add(parent, isLeft, leaf, split, tree.Impurity[orig], tree.SampleCount[orig], tree.WeightedSampleCount[orig]);
            tree.Value(orig).CopyTo(nodes.ValueOf(id));
            if (leaf) continue;
            stack.Push((tree.RightChild[orig], id, false));
            stack.Push((tree.LeftChild[orig], id, true));
        }
        return nodes.ToTree(tree.FeatureCount);
    }
}
