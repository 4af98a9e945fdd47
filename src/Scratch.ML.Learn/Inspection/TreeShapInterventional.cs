using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Inspection;

public static partial class TreeShap
{
    /// <summary>
    /// Exact interventional ("independent") TreeSHAP, shap's <c>feature_perturbation="interventional"</c>: the Shapley
    /// values of v(S) = (1/k) Σ_r raw(x_S, r_S̄), the mean over k background rows r of the model's raw output on the
    /// hybrid row that takes x's values on S and r's elsewhere. Unlike <see cref="Explain{T}(TreeEnsemble, Tensor{T}, IReadOnlyList{string}?, CancellationToken)"/>
    /// it does not use the trees' training cover: a feature outside S is replaced by real background values, which
    /// breaks correlations between features the way an intervention would.
    /// </summary>
    /// <remarks>
    /// <para>For one tree, one row x and one background row r, walk the tree with both: where x and r take the same
    /// branch, follow it; where they part at a split on feature f, the path to x's child needs f ∈ S and the path to
    /// r's child needs f ∉ S, so follow both, recording f in the set A (from x) or B (from r) — and from then on a
    /// split on f follows only the branch consistent with that choice. A leaf of value v reached with sets A, B is
    /// reached by the hybrid row exactly when A ⊆ S and S ∩ B = ∅, a game whose Shapley values are
    /// v·(|A| − 1)!·|B|!/(|A| + |B|)! for each feature of A and −v·|A|!·(|B| − 1)!/(|A| + |B|)! for each feature of B (every
    /// other feature is a dummy). A leaf reached with A = B = ∅ is reached by x and r alike and contributes nothing.
    /// Each node is visited at most once per (x, r), so the cost is O(n · k · T · nodes).</para>
    /// <para>Efficiency holds per row and output: <c>ExpectedValue + Σ_j φ[i, j] = raw(x_i)</c> with
    /// <c>ExpectedValue = (1/k) Σ_r raw(r)</c>. The values equal KernelSHAP's with every coalition enumerated on the
    /// same background (the tests check this to 1e-10). NaN routes like prediction, in x and in the background.</para>
    /// <para>Rows are explained in parallel; each row's sums run in background-then-tree order, so results do not
    /// depend on the thread count.</para>
    /// </remarks>
    /// <param name="ensemble">The trees, weights, output offsets and base value.</param>
    /// <param name="x">Rows to explain (n, d); NaN is allowed.</param>
    /// <param name="background">Background rows (k, d), k ≥ 1 (shap uses at most 100 by default; the cost is linear in k); NaN is allowed.</param>
    /// <param name="featureNames">Optional d names carried into the result.</param>
    /// <param name="cancellationToken">Stops the computation between rows.</param>
    /// <returns>φ of shape (n, d, outputs) and the background mean of the raw output.</returns>
    /// <exception cref="ArgumentException">x or the background is not 2-d with d columns, is empty, or holds ±∞.</exception>
    public static ShapValues ExplainInterventional<T>(TreeEnsemble ensemble, Tensor<T> x, Tensor<T> background,
        IReadOnlyList<string>? featureNames = null, CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int d = ensemble.FeatureCount, outputs = ensemble.OutputCount;
        var rows = Float64.From(InputChecks.Features("TreeShap", x, d, allowNaN: true));
        var refs = Float64.From(InputChecks.Features("TreeShap", background, d, allowNaN: true));
        int n = rows.Length / d, k = refs.Length / d;
        var expected = new double[outputs];
        var raw = new double[outputs];
        for (int r = 0; r < k; r++)
        {
            ensemble.Raw(refs.AsSpan(r * d, d), raw);
            for (int o = 0; o < outputs; o++) expected[o] += raw[o] / k;
        }
        var phi = new double[(long)n * d * outputs];
        var po = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Parallelism.MaxThreads };
        Parallel.For(0, (n + RowsPerTask - 1) / RowsPerTask, po, b =>
        {
            var walker = new InterventionalWalker(d, outputs, ensemble.Trees.Max(t => t.MaxDepth));
            int end = Math.Min(n, (b + 1) * RowsPerTask);
            for (int i = b * RowsPerTask; i < end; i++)
            {
                var sum = phi.AsSpan(i * d * outputs, d * outputs);
                for (int r = 0; r < k; r++)
                    for (int t = 0; t < ensemble.Trees.Count; t++)
                        walker.Add(ensemble.Trees[t], ensemble.Weights[t], ensemble.OutputOffsets[t], rows.AsSpan(i * d, d), refs.AsSpan(r * d, d), sum);
                for (int j = 0; j < sum.Length; j++) sum[j] /= k;
            }
        });
        return new ShapValues(phi, n, d, expected, featureNames);
    }

    /// <summary>Interventional TreeSHAP for a fitted tree model (see <see cref="ExplainInterventional{T}(TreeEnsemble, Tensor{T}, Tensor{T}, IReadOnlyList{string}?, CancellationToken)"/>).</summary>
    /// <param name="model">A tree model exposing its <see cref="ITreeEnsembleModel.Ensemble"/>.</param>
    /// <param name="x">Rows to explain (n, d).</param>
    /// <param name="background">Background rows (k, d), k ≥ 1.</param>
    /// <param name="featureNames">Optional d names.</param>
    /// <param name="cancellationToken">Stops the computation between rows.</param>
    /// <returns>φ (n, d, outputs) in the model's raw output space.</returns>
    public static ShapValues ExplainInterventional<T>(ITreeEnsembleModel model, Tensor<T> x, Tensor<T> background,
        IReadOnlyList<string>? featureNames = null, CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return ExplainInterventional(model.Ensemble, x, background, featureNames, cancellationToken);
    }

    /// <summary>The per-thread state of the (x, r) walk: which side each feature was taken from, and the two paths.</summary>
    private sealed class InterventionalWalker
    {
        private readonly byte[] side;          // per feature: 0 = not yet split apart, 1 = from x (in A), 2 = from r (in B)
        private readonly int[] fromX, fromR;   // the features of A and of B, in path order
        private readonly double[] factorial;
        private readonly int outputs;
        private TreeStructure tree = null!;
        private double weight;
        private int offset;

        public InterventionalWalker(int d, int outputs, int maxDepth)
        {
            this.outputs = outputs;
            side = new byte[d];
            fromX = new int[maxDepth + 1];
            fromR = new int[maxDepth + 1];
            factorial = new double[maxDepth + 2];
            factorial[0] = 1;
            for (int i = 1; i < factorial.Length; i++) factorial[i] = factorial[i - 1] * i;
        }

        /// <summary>Adds tree t's φ for row x against background row r to <paramref name="phi"/> (d × outputs).</summary>
        public void Add(TreeStructure t, double w, int outputOffset, ReadOnlySpan<double> x, ReadOnlySpan<double> r, Span<double> phi)
        {
            tree = t;
            weight = w;
            offset = outputOffset;
            Walk(0, 0, 0, x, r, phi);
        }

        private void Walk(int node, int a, int b, ReadOnlySpan<double> x, ReadOnlySpan<double> r, Span<double> phi)
        {
            if (tree.IsLeaf(node))
            {
                if (a + b == 0) return;
                var v = tree.Value(node);
                double wa = a > 0 ? factorial[a - 1] * factorial[b] / factorial[a + b] : 0;
                double wb = b > 0 ? factorial[a] * factorial[b - 1] / factorial[a + b] : 0;
                for (int j = 0; j < v.Length; j++)
                {
                    double value = weight * v[j];
                    int o = offset + j;
                    for (int i = 0; i < a; i++) phi[fromX[i] * outputs + o] += wa * value;
                    for (int i = 0; i < b; i++) phi[fromR[i] * outputs + o] -= wb * value;
                }
                return;
            }
            int f = tree.Feature[node];
            int cx = tree.Next(node, x), cr = tree.Next(node, r);
            byte taken = side[f];
            if (taken == 1 || (taken == 0 && cx == cr)) { Walk(cx, a, b, x, r, phi); return; }
            if (taken == 2) { Walk(cr, a, b, x, r, phi); return; }
            side[f] = 1;
            fromX[a] = f;
            Walk(cx, a + 1, b, x, r, phi);
            side[f] = 2;
            fromR[b] = f;
            Walk(cr, a, b + 1, x, r, phi);
            side[f] = 0;
        }
    }
}
