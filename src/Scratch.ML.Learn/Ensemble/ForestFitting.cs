using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>The result of growing a forest: its trees and, when requested, its out-of-bag score and predictions.</summary>
internal sealed record ForestFit<T>(TreeStructure[] Trees, double? OobScore, Tensor<T>? OobPrediction) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// The fitting shared by the four forest estimators: input checks, the <see cref="ForestJob"/>, growing trees
/// [existing, total) and the out-of-bag estimate. Fit is the case "no existing trees"; warm start passes the trees
/// of a fitted model.
/// </summary>
internal static class ForestFitting
{
    /// <summary>Fits (or extends) a classifier forest on x (n, d) and labels y.</summary>
    /// <param name="settings">The options; NEstimators is the final tree count.</param>
    /// <param name="x">(n, d) features.</param>
    /// <param name="y">n labels.</param>
    /// <param name="sampleWeight">(n) non-negative weights, or null.</param>
    /// <param name="existing">Trees 0 … k−1 already grown on the same data (warm start), or null.</param>
    /// <param name="expectedClasses">For warm start, the model's classes (y must have exactly these).</param>
    public static (ClassLabels Classes, ForestFit<T> Fit) Classifier<T>(ForestSettings settings, Tensor<T> x, Labels y, Tensor<T>? sampleWeight,
        TreeStructure[]? existing = null, ClassLabels? expectedClasses = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        settings.Validate();
        string name = settings.Name;
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (classes, codes) = ClassifierChecks.Encode(name, y, n);
        if (expectedClasses is not null && classes.ToMetadata() != expectedClasses.ToMetadata())
            throw new ArgumentException($"{name}: adding trees needs labels with the model's {expectedClasses.Count} classes; y has {classes.Count} different ones.", nameof(y));
        var w = BaseWeights(name, sampleWeight, n);
        if (settings.ClassWeight is { Weights: { } cw })
        {
            var perClass = cw.Resolve(name, classes, codes);
            w ??= Enumerable.Repeat(1.0, n).ToArray();
            for (int i = 0; i < n; i++) w[i] *= perClass[codes[i]];
        }
        bool subsample = settings.ClassWeight is { IsBalancedSubsample: true };
        if (subsample && !settings.Bootstrap)
        {
            // Without bootstrapping every tree sees the whole sample, so balanced_subsample is balanced (as in scikit-learn).
            var perClass = LinearModels.ClassWeights.Balanced.Resolve(name, classes, codes);
            w ??= Enumerable.Repeat(1.0, n).ToArray();
            for (int i = 0; i < n; i++) w[i] *= perClass[codes[i]];
        }
        var targets = new TreeTargets(Array.ConvertAll(codes, c => (double)c), 1, [classes.Count]);
        var job = Job(settings, xs, targets, w, subsample && settings.Bootstrap ? codes : null);
        var fit = Grow(job, settings, existing, (sum, count) => ClassifierOob<T>(sum, count, codes, classes.Count));
        return (classes, fit);
    }

    /// <summary>Fits (or extends) a regressor forest on x (n, d) and targets y (n) or (n, k).</summary>
    /// <returns>The fit and whether y was a vector (predictions are then (n), else (n, k)).</returns>
    public static (ForestFit<T> Fit, bool Vector) Regressor<T>(ForestSettings settings, Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight,
        TreeStructure[]? existing = null, int expectedOutputs = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        settings.Validate();
        string name = settings.Name;
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0];
        var (ys, vector) = InputChecks.Targets(name, y, n, multiOutput: true);
        int k = ys.Shape[1];
        if (expectedOutputs > 0 && k != expectedOutputs)
            throw new ArgumentException($"{name}: adding trees needs targets with the model's {expectedOutputs} outputs; y has {k}.", nameof(y));
        var values = Float64.From(ys);
        if (settings.Criterion == SplitCriterion.Poisson)
            for (int o = 0; o < k; o++)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    double v = values[i * k + o];
                    if (v < 0) throw new ArgumentException($"{name}: the Poisson criterion needs y ≥ 0; y[{i}] = {v}.", nameof(y));
                    s += v;
                }
                if (s <= 0) throw new ArgumentException($"{name}: the Poisson criterion needs a positive sum of y.", nameof(y));
            }
        var job = Job(settings, xs, new TreeTargets(values, k, null), BaseWeights(name, sampleWeight, n), null);
        var fit = Grow(job, settings, existing, (sum, count) => RegressorOob<T>(sum, count, values, k, vector));
        return (fit, vector);
    }

    private static double[]? BaseWeights<T>(string name, Tensor<T>? sampleWeight, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = InputChecks.Weights(name, sampleWeight, n);
        return w is null ? null : Float64.From(w);
    }

    private static ForestJob Job<T>(ForestSettings s, Tensor<T> xs, TreeTargets targets, double[]? w, int[]? subsampleCodes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = xs.Shape[0], d = xs.Shape[1];
        return new ForestJob
        {
            X = TreeFeatures.From(xs),
            Y = targets,
            Weights = w,
            SubsampleCodes = subsampleCodes,
            Draws = s.Bootstrap ? s.MaxSamples.Resolve(s.Name, n) : 0,
            Growth = s.Growth(d),
            MinWeightFraction = s.MinWeightFractionLeaf,
            Seed = s.Seed,
            CcpAlpha = s.CcpAlpha,
        };
    }

    private static ForestFit<T> Grow<T>(ForestJob job, ForestSettings s, TreeStructure[]? existing,
        Func<double[], int[], (double Score, Tensor<T> Prediction)> oob) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int have = existing?.Length ?? 0;
        if (have > s.NEstimators)
            throw new ArgumentException($"{s.Name}: the model has {have} trees, more than NEstimators = {s.NEstimators}.", nameof(existing));
        if (existing is not null && existing[0].FeatureCount != job.X.Features)
            throw new ArgumentException($"{s.Name}: x has {job.X.Features} features, but the model was fitted with {existing[0].FeatureCount}.", "x");
        int threads = Parallelism.MaxThreads;
        var grown = ForestTrainer.GrowTrees(job, have, s.NEstimators - have, threads);
        TreeStructure[] trees = existing is null ? grown : [.. existing, .. grown];
        if (!s.OobScore) return new ForestFit<T>(trees, null, null);
        var (sum, count) = ForestTrainer.OutOfBag(job, trees, threads);
        var (score, prediction) = oob(sum, count);
        return new ForestFit<T>(trees, score, prediction);
    }

    /// <summary>
    /// Mean OOB class probabilities (n, C) — NaN rows for samples no tree left out — and the accuracy of their arg-max
    /// over the samples that have one.
    /// </summary>
    private static (double, Tensor<T>) ClassifierOob<T>(double[] sum, int[] count, int[] codes, int c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = count.Length, scored = 0, correct = 0;
        var p = new T[n * c];
        for (int i = 0; i < n; i++)
        {
            if (count[i] == 0)
            {
                p.AsSpan(i * c, c).Fill(T.NaN);
                continue;
            }
            int best = 0;
            for (int k = 0; k < c; k++)
            {
                double v = sum[i * c + k] / count[i];
                p[i * c + k] = T.CreateTruncating(v);
                if (sum[i * c + k] > sum[i * c + best]) best = k;
            }
            scored++;
            if (best == codes[i]) correct++;
        }
        return (scored == 0 ? double.NaN : (double)correct / scored, Tensor.FromArray(p, n, c));
    }

    /// <summary>Mean OOB predictions (n) or (n, k) — NaN for samples no tree left out — and their R² (mean over outputs).</summary>
    private static (double, Tensor<T>) RegressorOob<T>(double[] sum, int[] count, double[] y, int k, bool vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = count.Length;
        var p = new T[n * k];
        double r2 = 0;
        for (int o = 0; o < k; o++)
        {
            double mean = 0;
            int scored = 0;
            for (int i = 0; i < n; i++)
                if (count[i] > 0) { mean += y[i * k + o]; scored++; }
            mean /= Math.Max(1, scored);
            double ssRes = 0, ssTot = 0;
            for (int i = 0; i < n; i++)
            {
                if (count[i] == 0) { p[i * k + o] = T.NaN; continue; }
                double pred = sum[i * k + o] / count[i], r = y[i * k + o] - pred, t = y[i * k + o] - mean;
                p[i * k + o] = T.CreateTruncating(pred);
                ssRes += r * r;
                ssTot += t * t;
            }
            r2 += scored == 0 ? double.NaN : ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        }
        return (r2 / k, vector ? Tensor.FromArray(p, n) : Tensor.FromArray(p, n, k));
    }

    /// <summary>
    /// Mean decrease in impurity: per tree, Σ over its splits on feature f of W_node·I_node − W_left·I_left −
    /// W_right·I_right, divided by the root weight and normalised to sum 1; then the mean over the trees that split at
    /// all, normalised again (scikit-learn's <c>feature_importances_</c>). All zeros when no tree splits.
    /// </summary>
    public static double[] Importances(IReadOnlyList<TreeStructure> trees)
    {
        int d = trees[0].FeatureCount, used = 0;
        var total = new double[d];
        var one = new double[d];
        foreach (var tree in trees)
        {
            if (tree.NodeCount <= 1) continue;
            Array.Clear(one);
            var l = tree.LeftChild;
            var r = tree.RightChild;
            var w = tree.WeightedSampleCount;
            var imp = tree.Impurity;
            for (int k = 0; k < tree.NodeCount; k++)
                if (l[k] != TreeStructure.NoChild)
                    one[tree.Feature[k]] += w[k] * imp[k] - w[l[k]] * imp[l[k]] - w[r[k]] * imp[r[k]];
            double s = 0;
            for (int f = 0; f < d; f++) s += one[f] /= w[0];
            if (s > 0) for (int f = 0; f < d; f++) one[f] /= s;
            for (int f = 0; f < d; f++) total[f] += one[f];
            used++;
        }
        if (used == 0) return total;
        double sum = 0;
        for (int f = 0; f < d; f++) sum += total[f] /= used;
        if (sum > 0) for (int f = 0; f < d; f++) total[f] /= sum;
        return total;
    }
}
