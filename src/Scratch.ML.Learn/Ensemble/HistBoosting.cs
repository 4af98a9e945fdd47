using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>The options shared by both histogram gradient boosting estimators, resolved for one fit.</summary>
internal sealed record HistBoostingOptions(double LearningRate, int MaxIter, int? MaxLeafNodes, int? MaxDepth, int MinSamplesLeaf,
    double L2Regularization, int MaxBins, bool[] Categorical, sbyte[] Monotonic, int[][]? Interactions, HistEarlyStopping EarlyStopping,
    double? ValidationFraction, int NIterNoChange, double Tol, ulong Seed, HistScorer? Scorer = null);

/// <summary>
/// The boosting loop of scikit-learn 1.2's <c>BaseHistGradientBoosting.fit</c>: bin the features, start from the
/// baseline, and per iteration compute float32 gradients/hessians at the current raw predictions, grow one tree per
/// output on them, add its (learning-rate-scaled) leaf values to the raw predictions, and stop early when the score
/// (−loss, or the scorer) on the validation split (or the training set) has not improved by more than Tol for
/// NIterNoChange iterations. With a previous state it continues that fit (warm start).
/// </summary>
internal static class HistBoosting
{
    /// <summary>
    /// Fits on row-major x (n × d, NaN = missing), targets y (class codes for log-loss), optional weights; up to
    /// o.MaxIter iterations in all. With <paramref name="previous"/> (a state fitted on the same x with the same
    /// options but MaxIter) its trees, baseline and score history are kept and boosting goes on from its last iteration.
    /// </summary>
    /// <exception cref="ArgumentException">x does not bin like the data <paramref name="previous"/> was fitted on.</exception>
    public static HistBoostedTrees Fit(double[] x, int n, int d, double[] y, double[]? w, HistLoss loss, HistBoostingOptions o,
        int[]? classCodes, HistBoostedTrees? previous = null, CancellationToken ct = default)
    {
        bool early = o.EarlyStopping switch { HistEarlyStopping.On => true, HistEarlyStopping.Off => false, _ => n > 10000 };
        var rng = new Generator(o.Seed);
        int[] trainRows, valRows = [];
        if (early && o.ValidationFraction is { } fraction)
        {
            (trainRows, valRows) = Split(n, fraction, classCodes, rng.WithStream(1));
            if (trainRows.Length == 0 || valRows.Length == 0)
                throw new ArgumentException($"HistGradientBoosting: validationFraction {fraction} leaves {trainRows.Length} training and {valRows.Length} validation samples; both must be ≥ 1.", "ValidationFraction");
        }
        else trainRows = [.. Enumerable.Range(0, n)];
        int nt = trainRows.Length, nv = valRows.Length, k = loss.Outputs;
        var columns = new double[(long)d * nt];
        var yt = new double[nt];
        double[]? wt = w is null ? null : new double[nt];
        for (int i = 0; i < nt; i++)
        {
            int r = trainRows[i];
            for (int f = 0; f < d; f++) columns[f * nt + i] = x[(long)r * d + f];
            yt[i] = y[r];
            if (wt is not null) wt[i] = w![r];
        }
        var mapper = HistBinMapper.Fit(columns, nt, d, o.MaxBins, o.Categorical, rng.WithStream(2));
        if (previous is not null) HistWarmStart.Check(previous, mapper.Thresholds, early, nv > 0);
        var binned = mapper.Transform(columns, nt);
        var hasMissing = new bool[d];
        for (int f = 0; f < d; f++) hasMissing[f] = binned.AsSpan(f * nt, nt).Contains((byte)mapper.MissingBin);

        var baseline = previous?.Baseline ?? loss.Baseline(yt, wt);
        var raw = new double[(long)k * nt];
        for (int j = 0; j < k; j++) raw.AsSpan(j * nt, nt).Fill(baseline[j]);
        double[] xv = [], yv = [], rawV = [];
        double[]? wv = null;
        if (nv > 0)
        {
            xv = new double[(long)nv * d];
            yv = new double[nv];
            wv = w is null ? null : new double[nv];
            for (int i = 0; i < nv; i++)
            {
                Array.Copy(x, (long)valRows[i] * d, xv, (long)i * d, d);
                yv[i] = y[valRows[i]];
                if (wv is not null) wv[i] = w![valRows[i]];
            }
            rawV = new double[(long)k * nv];
            for (int j = 0; j < k; j++) rawV.AsSpan(j * nv, nv).Fill(baseline[j]);
        }
        var xvTensor = Tensor.FromArray(xv, nv, d);
        var trees = new List<TreeStructure>();
        if (previous is not null)
        {
            // scikit-learn's warm start: raw predictions of the kept trees, summed in the same order as during boosting.
            trees.AddRange(previous.Trees);
            HistWarmStart.AddTrees(previous.Trees, k, x, d, trainRows, raw);
            HistWarmStart.AddTrees(previous.Trees, k, xv, d, null, rawV);
        }
        var scores = new HistScores(loss, o.Scorer, yt, wt, raw, nt, yv, wv, rawV, nv, k,
            early && o.Scorer is not null ? HistScorer.SmallTrainRows(nt, classCodes is null ? null : Array.ConvertAll(yt, v => (int)v), rng.WithStream(3)) : null,
            previous);
        if (early && previous is null) scores.Record();

        bool constantHessian = loss.HessianIsOne && wt is null;
        var g = new float[k][];
        var h = new float[k][];
        for (int j = 0; j < k; j++) { g[j] = new float[nt]; h[j] = constantHessian ? [] : new float[nt]; }
        var settings = new HistGrowerSettings(o.MaxLeafNodes, o.MaxDepth, o.MinSamplesLeaf, o.L2Regularization, o.LearningRate, o.Monotonic, o.Interactions);
        var grower = new HistGrower(binned, nt, mapper, hasMissing, settings, constantHessian);
        for (int iteration = previous?.Iterations ?? 0; iteration < o.MaxIter; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            loss.GradientHessian(yt, raw, wt, g, h, constantHessian);
            for (int j = 0; j < k; j++)
            {
                var root = grower.Grow(g[j], constantHessian ? null : h[j]);
                var rawJ = raw.AsSpan(j * nt, nt);
                var part = grower.Partition;
                if (loss.UpdatesLeaves)
                {
                    // Regression only (one output): medians/quantiles of y − raw before this tree is added.
                    foreach (var leaf in grower.Leaves)
                        leaf.Value = o.LearningRate * loss.LeafUpdate(yt, raw, wt, part.AsSpan(leaf.Start, leaf.Count));
                }
                foreach (var leaf in grower.Leaves)
                {
                    double v = leaf.Value;
                    foreach (int row in part.AsSpan(leaf.Start, leaf.Count)) rawJ[row] += v;
                }
                var tree = grower.Export(root);
                trees.Add(tree);
                if (nv > 0 && early) AddTree(tree, xvTensor, rawV.AsSpan(j * nv, nv));
            }
            if (!early) continue;
            scores.Record();
            if (ShouldStop(nv > 0 ? scores.Validation : scores.Train, o.NIterNoChange, o.Tol)) break;
        }
        return new HistBoostedTrees([.. trees], k, baseline, loss.Link, [.. scores.Train], [.. scores.Validation], d, mapper.Thresholds);
    }

    /// <summary>scikit-learn's _should_stop: none of the last NIterNoChange scores beats the one before them by more than tol.</summary>
    internal static bool ShouldStop(List<double> scores, int nIterNoChange, double tol)
    {
        int reference = nIterNoChange + 1;
        if (scores.Count < reference) return false;
        double referenceScore = scores[^reference] + tol;
        for (int i = scores.Count - reference + 1; i < scores.Count; i++)
            if (scores[i] > referenceScore) return false;
        return true;
    }

    /// <summary>Adds one tree's values for the rows of x (m, d) to raw (m), routed by <see cref="TreeStructure.Apply{T}(Tensor{T})"/>.</summary>
    internal static void AddTree(TreeStructure tree, Tensor<double> x, Span<double> raw)
    {
        var leaves = tree.Apply(x);
        for (int i = 0; i < raw.Length; i++) raw[i] += tree.Value(leaves[i])[0];
    }

    /// <summary>
    /// The train/validation split: ceil(fraction·n) validation rows drawn with the generator, stratified by class for
    /// classifiers (each class gives its proportional share, remainders to the largest fractional parts).
    /// scikit-learn draws with numpy's generator, so the rows differ from its split (not the statistics).
    /// </summary>
    internal static (int[] Train, int[] Validation) Split(int n, double fraction, int[]? codes, Generator rng)
    {
        int nVal = (int)Math.Ceiling(fraction * n);
        var isVal = Choose(n, nVal, codes, rng);
        var train = new List<int>(n - nVal);
        var val = new List<int>(nVal);
        for (int i = 0; i < n; i++) (isVal[i] ? val : train).Add(i);
        return ([.. train], [.. val]);
    }

    /// <summary>
    /// Marks <paramref name="count"/> of n rows drawn with the generator without replacement, stratified by class when
    /// codes are given (each class gives its proportional share, remainders to the largest fractional parts).
    /// </summary>
    internal static bool[] Choose(int n, int count, int[]? codes, Generator rng)
    {
        int nVal = count;
        var isVal = new bool[n];
        if (codes is null)
        {
            var perm = rng.Permutation(n);
            for (int i = 0; i < nVal; i++) isVal[perm[i]] = true;
        }
        else
        {
            int classes = codes.Max() + 1;
            var members = new List<int>[classes];
            for (int c = 0; c < classes; c++) members[c] = [];
            for (int i = 0; i < n; i++) members[codes[i]].Add(i);
            var take = new int[classes];
            var frac = new double[classes];
            int assigned = 0;
            for (int c = 0; c < classes; c++)
            {
                double exact = (double)nVal * members[c].Count / n;
                take[c] = (int)Math.Floor(exact);
                frac[c] = exact - take[c];
                assigned += take[c];
            }
            foreach (int c in Enumerable.Range(0, classes).OrderByDescending(c => frac[c]).ThenBy(c => c))
            {
                if (assigned >= nVal) break;
                if (take[c] < members[c].Count) { take[c]++; assigned++; }
            }
            for (int c = 0; c < classes; c++)
            {
                var perm = rng.Permutation(members[c].Count);
                for (int i = 0; i < take[c]; i++) isVal[members[c][perm[i]]] = true;
            }
        }
        return isVal;
    }
}
