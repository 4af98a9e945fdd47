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
public static partial class TreeShap
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
        var data = Float64.From(InputChecks.Features("TreeShap", x, d, allowNaN: true));
        int n = data.Length / d;
        var trees = TreeShapTree.Prepare(ensemble);
        int maxDepth = trees.Max(t => t.Depth);
        var phi = new double[(long)n * d * outputs];
        var po = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, (n + RowsPerTask - 1) / RowsPerTask, po, b =>
        {
            var worker = new TreeShapWorker(maxDepth, outputs);
            int end = Math.Min(n, (b + 1) * RowsPerTask);
            for (int i = b * RowsPerTask; i < end; i++)
                foreach (var t in trees) worker.Add(t, data, i * d, phi, i * d * outputs);
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
}
