using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>What one boosting run produced: the trees (stage-major, K per stage), the initial raw prediction and the per-stage scores.</summary>
internal sealed record GradientBoostingFit(TreeStructure[] Trees, BoostingInitModel Init, int TreesPerStage, double[] TrainScore, double[]? OobImprovement)
{
    /// <summary>Stages fitted (after early stopping).</summary>
    public int Stages => TrainScore.Length;
}

/// <summary>
/// The stage loop of classic gradient boosting (scikit-learn 1.2's <c>BaseGradientBoosting._fit_stages</c>): for
/// stage m, draw the in-bag mask (subsampling), and for each output k fit a regression tree to the negative gradient
/// at F_{m−1}, replace its leaf values by the loss's line-search step and add learning_rate × leaf value to F.
/// </summary>
/// <remarks>
/// Randomness: generator stream 0 of the seed splits off the early-stopping validation rows; stage m uses stream
/// m + 1 for its in-bag mask and then for its trees' feature draws, so a fit never depends on the thread count, and
/// resuming a fit (warm start) at stage m draws exactly what the uninterrupted fit would have drawn.
/// </remarks>
internal static class GradientBoostingTrainer
{
    /// <summary>Fits the stages.</summary>
    /// <param name="name">Estimator name for messages.</param>
    /// <param name="s">Validated options.</param>
    /// <param name="loss">The loss (a fresh instance: Huber keeps state).</param>
    /// <param name="x">Row-major (n, d) features.</param>
    /// <param name="d">Feature count.</param>
    /// <param name="y">Targets (n) or class codes.</param>
    /// <param name="w">Sample weights (n), ones when none were given.</param>
    /// <param name="weightsGiven">Whether the caller passed weights (the init estimator then uses them, as scikit-learn does).</param>
    /// <param name="classes">Class count for the stratified validation split, 0 for regression.</param>
    /// <param name="singlePrecision">Whether x came from float32 input (the grower then compares feature values in float32, as scikit-learn).</param>
    /// <param name="fitInit">Fits the start on the training part (rows, y, w); null: the loss's prior.</param>
    /// <param name="previous">Warm start: the stages fitted so far (their start is reused, not refitted); stages continue
    /// up to <c>s.NEstimators</c> in total.</param>
    public static GradientBoostingFit Fit(string name, GradientBoostingSettings s, BoostingLoss loss, double[] x, int d, double[] y, double[] w,
        bool weightsGiven, int classes, bool singlePrecision, Func<double[], double[], double[], BoostingInitModel>? fitInit = null,
        GradientBoostingFit? previous = null)
    {
        int n = y.Length;
        double[]? xVal = null, yVal = null, wVal = null;
        if (s.NIterNoChange is not null)
        {
            var (train, val) = classes > 0
                ? GradientBoostingSplit.Stratified(name, y, classes, s.ValidationFraction, new Generator(s.Seed, 0))
                : GradientBoostingSplit.Shuffle(name, n, s.ValidationFraction, new Generator(s.Seed, 0));
            xVal = Rows(x, d, val);
            yVal = Take(y, val);
            wVal = Take(w, val);
            x = Rows(x, d, train);
            y = Take(y, train);
            w = Take(w, train);
            n = y.Length;
        }
        var features = Columns(x, n, d, singlePrecision);
        int k = loss.TreesPerStage, nVal = yVal?.Length ?? 0;
        var init = previous?.Init ?? fitInit?.Invoke(x, y, w) ?? new ConstantInit(loss.InitialRaw(y, w, weightsGiven));
        var raw = init.Raw(x, n, d, k);
        var valRaw = nVal > 0 ? init.Raw(xVal!, nVal, d, k) : [];
        var residual = new double[n];
        var trees = new List<TreeStructure>(s.NEstimators * k);
        var trainScore = new List<double>();
        bool doOob = s.Subsample < 1.0;
        var oob = doOob ? new List<double>() : null;
        int begin = 0;
        if (previous is not null)
        {
            begin = previous.Stages;
            Replay(previous, loss, features, xVal, d, y, w, raw, valRaw, residual, s.LearningRate);
            trees.AddRange(previous.Trees);
            trainScore.AddRange(previous.TrainScore);
            oob?.AddRange(previous.OobImprovement ?? throw new ArgumentException($"{name}: the fitted stages have no out-of-bag improvements, but Subsample < 1.", nameof(previous)));
        }
        var baseOptions = s.TreeOptions(d);
        int inBag = Math.Max(1, (int)(s.Subsample * n));
        var history = new double[s.NIterNoChange ?? 0];
        Array.Fill(history, double.PositiveInfinity);
        var mask = new bool[n];
        Array.Fill(mask, true);
        int[] inBagIdx = Enumerable.Range(0, n).ToArray(), oobIdx = [];
        for (int stage = begin; stage < s.NEstimators; stage++)
        {
            var rng = new Generator(s.Seed, (uint)(stage + 1));
            double oldOob = 0;
            if (doOob)
            {
                SampleMask(rng, inBag, mask);
                (inBagIdx, oobIdx) = Split(mask);
                oldOob = loss.Loss(y, raw, w, oobIdx);
            }
            var stageWeight = w;
            if (doOob)
            {
                stageWeight = new double[n];
                for (int i = 0; i < n; i++) stageWeight[i] = mask[i] ? w[i] : 0;
            }
            double weightSum = 0;
            foreach (double v in stageWeight) weightSum += v;
            var options = baseOptions with { MinWeightLeaf = s.MinWeightFractionLeaf * weightSum };
            var rawBefore = (double[])raw.Clone();
            for (int c = 0; c < k; c++)
            {
                var yk = loss.TargetFor(c, y);
                loss.NegativeGradient(yk, rawBefore, c, w, residual);
                var tree = CartGrower.Grow(features, new TreeTargets((double[])residual.Clone(), 1, null), stageWeight, options, rng, CancellationToken.None);
                var leaves = GradientBoostingRouting.Apply(tree, features);
                if (loss.UpdatesLeaves) tree = UpdateLeaves(tree, leaves, inBagIdx, loss, yk, residual, rawBefore, c, w);
                var values = tree.Values;
                for (int i = 0; i < n; i++) raw[i * k + c] += s.LearningRate * values[leaves[i]];
                trees.Add(tree);
                if (nVal > 0)
                {
                    var vl = GradientBoostingRouting.Apply(tree, xVal!, d);
                    for (int i = 0; i < nVal; i++) valRaw[i * k + c] += s.LearningRate * values[vl[i]];
                }
            }
            if (doOob)
            {
                trainScore.Add(loss.Loss(y, raw, w, inBagIdx));
                oob!.Add(oldOob - loss.Loss(y, raw, w, oobIdx));
            }
            else trainScore.Add(loss.Loss(y, raw, w, null));
            if (nVal > 0)
            {
                // scikit-learn keeps a stage if its validation loss beats, by more than Tol, any of the last
                // NIterNoChange recorded losses; otherwise it stops — keeping the stage just fitted.
                double validation = loss.Loss(yVal!, valRaw, wVal!, null);
                bool improved = false;
                foreach (double h in history) improved |= validation + s.Tol < h;
                if (!improved) break;
                history[stage % history.Length] = validation;
            }
        }
        return new GradientBoostingFit([.. trees], init, k, [.. trainScore], oob?.ToArray());
    }

    /// <summary>
    /// Adds the fitted stages to the training and validation raw predictions exactly as the stage loop did (same
    /// routing, same order of additions) and restores the loss's state: Huber's γ is recomputed from the gradient of
    /// the last stage, as the uninterrupted loop would hold it.
    /// </summary>
    private static void Replay(GradientBoostingFit previous, BoostingLoss loss, TreeFeatures features, double[]? xVal, int d, double[] y, double[] w,
        double[] raw, double[] valRaw, double[] residual, double learningRate)
    {
        int k = previous.TreesPerStage, n = y.Length, nVal = valRaw.Length / k;
        if (k != loss.TreesPerStage) throw new InvalidDataException($"Gradient boosting: the fitted stages hold {k} trees each, the loss needs {loss.TreesPerStage}.");
        for (int m = 0; m < previous.Stages; m++)
        {
            if (m == previous.Stages - 1 && k == 1) loss.NegativeGradient(loss.TargetFor(0, y), raw, 0, w, residual);
            for (int c = 0; c < k; c++)
            {
                var tree = previous.Trees[m * k + c];
                var values = tree.Values;
                var leaves = GradientBoostingRouting.Apply(tree, features);
                for (int i = 0; i < n; i++) raw[i * k + c] += learningRate * values[leaves[i]];
                if (nVal > 0)
                {
                    var vl = GradientBoostingRouting.Apply(tree, xVal!, d);
                    for (int i = 0; i < nVal; i++) valRaw[i * k + c] += learningRate * values[vl[i]];
                }
            }
        }
    }

    /// <summary>Replaces every leaf's value by the loss's update over the in-bag samples that reach it.</summary>
    private static TreeStructure UpdateLeaves(TreeStructure tree, int[] leaves, int[] inBag, BoostingLoss loss, double[] yk, double[] residual,
        double[] raw, int k, double[] w)
    {
        int nodes = tree.NodeCount;
        var start = new int[nodes + 1];
        foreach (int i in inBag) start[leaves[i] + 1]++;
        for (int t = 0; t < nodes; t++) start[t + 1] += start[t];
        var members = new int[inBag.Length];
        var fill = (int[])start.Clone();
        foreach (int i in inBag) members[fill[leaves[i]]++] = i;   // ascending sample order within each leaf
        var values = tree.Values.ToArray();
        var kRaw = k == 0 && loss.TreesPerStage == 1 ? raw : Column(raw, loss.TreesPerStage, k);
        for (int t = 0; t < nodes; t++)
        {
            if (!tree.IsLeaf(t) || start[t + 1] == start[t]) continue;
            values[t] = loss.LeafValue(members.AsSpan(start[t], start[t + 1] - start[t]), yk, residual, kRaw, k, w);
        }
        return tree.WithValues(values, 1);
    }

    /// <summary>
    /// scikit-learn's <c>_random_sample_mask</c>: selection sampling that puts exactly <paramref name="inBag"/> of
    /// the n samples in the bag, sample i entering with probability (needed)/(n − i).
    /// </summary>
    internal static void SampleMask(Generator rng, int inBag, bool[] mask)
    {
        int n = mask.Length, taken = 0;
        for (int i = 0; i < n; i++)
        {
            mask[i] = rng.NextDouble() * (n - i) < inBag - taken;
            if (mask[i]) taken++;
        }
    }

    private static (int[] In, int[] Out) Split(bool[] mask)
    {
        var a = new List<int>(mask.Length);
        var b = new List<int>();
        for (int i = 0; i < mask.Length; i++) (mask[i] ? a : b).Add(i);
        return ([.. a], [.. b]);
    }

    private static double[] Column(double[] raw, int k, int c)
    {
        var r = new double[raw.Length / k];
        for (int i = 0; i < r.Length; i++) r[i] = raw[i * k + c];
        return r;
    }

    private static double[] Take(double[] v, int[] idx)
    {
        var r = new double[idx.Length];
        for (int j = 0; j < idx.Length; j++) r[j] = v[idx[j]];
        return r;
    }

    private static double[] Rows(double[] x, int d, int[] idx)
    {
        var r = new double[idx.Length * d];
        for (int j = 0; j < idx.Length; j++) Array.Copy(x, (long)idx[j] * d, r, (long)j * d, d);
        return r;
    }

    private static TreeFeatures Columns(double[] x, int n, int d, bool singlePrecision)
    {
        var cols = new double[(long)n * d];
        for (int i = 0; i < n; i++)
            for (int f = 0; f < d; f++) cols[(long)f * n + i] = x[(long)i * d + f];
        return new TreeFeatures(cols, n, d, singlePrecision);
    }
}
