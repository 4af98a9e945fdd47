using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Inspection;

public static partial class PartialDependence
{
    /// <summary>
    /// Partial dependence by tree recursion (scikit-learn's <c>method="recursion"</c>, Friedman 2001 §8.2) of every
    /// raw output of a tree ensemble. For a grid point v each tree is walked once from the root with weight 1: at a
    /// split on a target feature the weight follows the branch v takes; at a split on another feature it is divided
    /// between both children in proportion to their training cover (<see cref="TreeStructure.WeightedSampleCount"/>);
    /// at a leaf, weight × leaf value is added. The result is
    /// <c>BaseValue[o] + Σ_t Weight(t) · Σ_leaves w_leaf · value_t(leaf)[o − OutputOffset(t)]</c>, the raw output
    /// before the link (a margin for boosted classifiers, like scikit-learn's decision function).
    /// </summary>
    /// <remarks>
    /// It equals the brute-force average over the training rows only when the target features are independent of
    /// the others in the tree's training data (it weights by cover, not by the rows of x, which only supply the
    /// grid). scikit-learn omits the initial estimator (GradientBoosting's <c>init_</c>, HistGradientBoosting's
    /// baseline) from recursion results; here <see cref="TreeEnsemble.BaseValue"/> is included so that recursion and
    /// brute force on the raw output are comparable — subtract it to get scikit-learn's numbers.
    /// </remarks>
    /// <param name="ensemble">The trees.</param>
    /// <param name="x">Rows (n, d) supplying the grid (d = the ensemble's feature count).</param>
    /// <param name="features">1 or 2 distinct feature indices.</param>
    /// <param name="options">Grid options; Kind must be Average; Method and ResponseMethod are ignored.</param>
    /// <exception cref="ArgumentException">Invalid input, a feature count other than the ensemble's, or Kind other than Average.</exception>
    public static PartialDependenceResult ComputeRecursion<T>(TreeEnsemble ensemble, Tensor<T> x, int[] features, PartialDependenceOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new();
        if (options.Kind != PartialDependenceKind.Average)
            throw new ArgumentException($"{Name}: the recursion method computes only the average; Kind = {options.Kind} needs brute force.", nameof(options));
        return Recursion(ensemble, x, features, options, positiveOnly: false);
    }

    internal static PartialDependenceResult Recursion<T>(TreeEnsemble ensemble, Tensor<T> x, int[] features, PartialDependenceOptions options, bool positiveOnly)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var (data, n, d) = CheckX(x);
        if (d != ensemble.FeatureCount)
            throw new ArgumentException($"{Name}: x has {d} features, but the trees route {ensemble.FeatureCount}.", nameof(x));
        var axes = Grid(data, n, d, features, options);
        var points = Cartesian(axes);
        int s = features.Length, g = points.Length / s, k = ensemble.OutputCount;
        var all = new double[k * g];
        Parallelism.For(g, p =>
        {
            var outp = new double[k];
            ensemble.BaseValue.CopyTo(outp);
            var stackNode = new Stack<(int Node, double Weight)>();
            for (int t = 0; t < ensemble.Trees.Count; t++)
                Walk(ensemble.Trees[t], features, points.AsSpan(p * s, s), stackNode, outp.AsSpan(ensemble.OutputOffsets[t]), ensemble.Weights[t]);
            for (int o = 0; o < k; o++) all[o * g + p] = outp[o];
        });
        if (!positiveOnly) return new PartialDependenceResult((int[])features.Clone(), axes, k, n, all, null);
        var pos = all.AsSpan(g, g).ToArray();
        return new PartialDependenceResult((int[])features.Clone(), axes, 1, n, pos, null);
    }

    /// <summary>Walks one tree for one grid point, adding <paramref name="treeWeight"/> × path weight × leaf value to <paramref name="output"/>.</summary>
    private static void Walk(TreeStructure tree, int[] features, ReadOnlySpan<double> point, Stack<(int Node, double Weight)> stack, Span<double> output, double treeWeight)
    {
        var left = tree.LeftChild;
        var right = tree.RightChild;
        var feat = tree.Feature;
        var cover = tree.WeightedSampleCount;
        stack.Clear();
        stack.Push((0, 1.0));
        while (stack.Count > 0)
        {
            var (node, w) = stack.Pop();
            if (left[node] == TreeStructure.NoChild)
            {
                var v = tree.Value(node);
                for (int j = 0; j < v.Length; j++) output[j] += treeWeight * w * v[j];
                continue;
            }
            int target = Array.IndexOf(features, feat[node]);
            if (target >= 0)
            {
                stack.Push((tree.GoesLeft(node, point[target]) ? left[node] : right[node], w));
                continue;
            }
            double frac = cover[node] > 0 ? cover[left[node]] / cover[node] : 0.5;
            stack.Push((right[node], w * (1 - frac)));
            stack.Push((left[node], w * frac));
        }
    }
}
