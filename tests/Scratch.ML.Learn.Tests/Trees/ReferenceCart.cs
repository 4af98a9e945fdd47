using Scratch.ML.Learn.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>
/// A slow, obviously correct CART twin of <see cref="CartGrower"/> (depth-first, best splitter, all features): every
/// node tries every feature, every threshold between consecutive distinct non-missing values, both sides for the
/// missing values, and "non-missing left, missing right"; impurities are recomputed from scratch for each candidate.
/// It returns the sample set of every node in pre-order (left first), the form the fast tree is compared in, so that
/// ties between splits with the same partition do not matter.
/// </summary>
internal static class ReferenceCart
{
    public sealed record Node(int[] Samples, double Impurity)
    {
        public bool Ambiguous { get; set; }
        public int Left { get; set; } = -1;
        public int Right { get; set; } = -1;
    }

    public static List<Node> Grow(double[] cols, int n, int d, double[] y, int classes, double[] w, int maxDepth, int minLeaf)
    {
        var nodes = new List<Node>();
        var all = Enumerable.Range(0, n).Where(i => w[i] != 0).ToArray();
        Recurse(all, 0);
        return nodes;

        int Recurse(int[] s, int depth)
        {
            double imp = Impurity(s);
            int index = nodes.Count;
            var node = new Node(s, imp);
            nodes.Add(node);
            if (depth >= maxDepth || s.Length < 2 || s.Length < 2 * minLeaf || imp <= 2.220446049250313e-16) return index;
            double best = double.NegativeInfinity, second = double.NegativeInfinity;
            int[]? bestLeft = null;
            for (int f = 0; f < d; f++)
            {
                var present = s.Where(i => !double.IsNaN(cols[f * n + i])).ToArray();
                var missing = s.Where(i => double.IsNaN(cols[f * n + i])).ToArray();
                var values = present.Select(i => cols[f * n + i]).Distinct().Order().ToArray();
                if (values.Length < 2 || values[^1] <= values[0] + 1e-7) continue;
                var candidates = new List<int[]>();
                for (int k = 0; k + 1 < values.Length; k++)
                {
                    double t = values[k] / 2 + values[k + 1] / 2;
                    var left = present.Where(i => cols[f * n + i] <= t).ToArray();
                    candidates.Add(left);
                    if (missing.Length > 0) candidates.Add([.. left, .. missing]);
                }
                if (missing.Length > 0) candidates.Add(present);
                foreach (var left in candidates)
                {
                    var right = s.Except(left).ToArray();
                    if (left.Length < minLeaf || right.Length < minLeaf) continue;
                    double score = -(Weight(left) * Impurity(left) + Weight(right) * Impurity(right));
                    if (bestLeft is not null && Same(left, bestLeft)) continue;
                    if (score > best) { second = best; best = score; bestLeft = left; }
                    else if (score > second) second = score;
                }
            }
            if (bestLeft is null) return index;
            node.Ambiguous = best - second <= 1e-9 * Math.Abs(best) + 1e-12;
            node.Left = Recurse(bestLeft.Order().ToArray(), depth + 1);
            node.Right = Recurse(s.Except(bestLeft).Order().ToArray(), depth + 1);
            return index;
        }

        double Weight(int[] s) => s.Sum(i => w[i]);

        double Impurity(int[] s)
        {
            double total = Weight(s);
            if (classes > 0)
            {
                double g = 1;
                for (int c = 0; c < classes; c++) { double p = s.Where(i => y[i] == c).Sum(i => w[i]) / total; g -= p * p; }
                return g;
            }
            double mean = s.Sum(i => w[i] * y[i]) / total;
            return s.Sum(i => w[i] * (y[i] - mean) * (y[i] - mean)) / total;
        }

        static bool Same(int[] a, int[] b) => a.Length == b.Length && a.Order().SequenceEqual(b.Order());
    }

    /// <summary>
    /// Asserts that the fast tree has the reference's node sample sets (training rows of non-zero weight routed through
    /// it), comparing below a node only while the reference's best split was unambiguous. Returns the nodes compared.
    /// </summary>
    public static int AssertSame(List<Node> reference, TreeStructure tree, double[] rowsMajor, int n, int d, double[] w)
    {
        var sets = new List<int>[tree.NodeCount];
        for (int k = 0; k < sets.Length; k++) sets[k] = [];
        for (int i = 0; i < n; i++)
        {
            if (w[i] == 0) continue;
            var row = rowsMajor.AsSpan(i * d, d);
            int node = 0;
            sets[0].Add(i);
            while (!tree.IsLeaf(node)) { node = tree.Next(node, row); sets[node].Add(i); }
        }
        int compared = 0;
        var stack = new Stack<(int Fast, int Ref)>();
        stack.Push((0, 0));
        while (stack.Count > 0)
        {
            var (fast, rf) = stack.Pop();
            var r = reference[rf];
            compared++;
            Assert.True(r.Samples.SequenceEqual(sets[fast].Order()),
                $"node {fast}: samples [{string.Join(",", sets[fast].Order().Take(12))}…] vs reference [{string.Join(",", r.Samples.Take(12))}…]");
            Assert.True(Math.Abs(tree.Impurity[fast] - r.Impurity) <= 1e-9 * Math.Abs(r.Impurity) + 1e-12,
                $"node {fast}: impurity {tree.Impurity[fast]:R} vs {r.Impurity:R}");
            Assert.True((r.Left < 0) == tree.IsLeaf(fast), $"node {fast}: leaf {tree.IsLeaf(fast)}, reference leaf {r.Left < 0}");
            if (r.Left < 0 || r.Ambiguous) continue;
            stack.Push((tree.LeftChild[fast], r.Left));
            stack.Push((tree.RightChild[fast], r.Right));
        }
        return compared;
    }
}
