using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// Scores a model on rows of the data: <paramref name="x"/> (m, d) holds the original rows <paramref name="rows"/>
/// (length m; the identity 0 … n−1 unless <c>maxSamples</c> subsamples), possibly with one column permuted, so the
/// scorer looks up the targets and weights of those rows. Greater must be better (use negated losses).
/// </summary>
public delegate double PermutationScorer<T>(Tensor<T> x, int[] rows) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// The result of <see cref="PermutationImportance"/>: for feature j and repeat r,
/// <c>Importances[j, r] = BaselineScore − score(x with column j permuted)</c>.
/// </summary>
/// <param name="ImportancesMean">Mean over repeats: (d).</param>
/// <param name="ImportancesStd">Population standard deviation over repeats (NumPy's <c>std</c>, ddof = 0): (d).</param>
/// <param name="Importances">Every repeat: (d, repeats).</param>
/// <param name="BaselineScore">The score on the unpermuted data (all rows).</param>
public sealed record PermutationImportanceResult(double[] ImportancesMean, double[] ImportancesStd, double[,] Importances, double BaselineScore);

/// <summary>
/// Permutation feature importance (Breiman 2001; scikit-learn's <c>permutation_importance</c>): the drop in a score
/// when one feature's column is shuffled, which breaks its link to the target while keeping its marginal distribution.
/// Works for any fitted model and score. Features are processed in parallel; feature j draws from its own Philox
/// stream (seed, stream j), so results are identical at any thread count.
/// </summary>
/// <remarks>
/// Differences from scikit-learn 1.2: NumPy's permutations cannot be reproduced, so importances agree only in
/// distribution; scikit-learn reuses one seed for every feature (the same shuffles for all columns) while each
/// feature here has an independent stream; with <c>maxSamples</c> and sample weights scikit-learn 1.2 fails (the
/// weights are not subset), here the weights of the drawn rows are used.
/// </remarks>
public static partial class PermutationImportance
{
    /// <summary>
    /// Permutation importance with any scorer. For each feature j and each of <paramref name="nRepeats"/> repeats, a
    /// subset of m rows is drawn once per feature (without replacement; all rows when m = n), column j of those rows
    /// is shuffled, and the score is taken.
    /// </summary>
    /// <param name="scorer">Scores x rows against the targets of those rows; greater is better.</param>
    /// <param name="x">Features (n, d), n ≥ 1, d ≥ 1 (NaN is passed to the model, which decides).</param>
    /// <param name="nRepeats">Shuffles per feature, ≥ 1.</param>
    /// <param name="seed">Seed of the shuffles; null draws one at random (non-reproducible).</param>
    /// <param name="maxSamples">Rows scored per feature: a fraction in (0, 1] of n (m = ⌊fraction·n⌋, as scikit-learn), or an integer count in (1, n].</param>
    /// <exception cref="ArgumentException">x is not a non-empty 2-d tensor, or maxSamples is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">nRepeats &lt; 1.</exception>
    public static PermutationImportanceResult Compute<T>(PermutationScorer<T> scorer, Tensor<T> x, int nRepeats = 5, int? seed = null, double maxSamples = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var (data, n, d) = CheckX(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(nRepeats, 1);
        int m = SampleCount(maxSamples, n);
        ulong s = seed is int v ? unchecked((ulong)v) : (ulong)Random.Shared.NextInt64();
        return Run(scorer, data, n, d, j =>
        {
            var gen = new Generator(s, (uint)j);
            int[]? rows = m < n ? gen.Permutation(n)[..m] : null;
            var perms = new int[nRepeats][];
            for (int r = 0; r < nRepeats; r++) perms[r] = gen.Permutation(m);
            return (rows, perms);
        });
    }

    /// <summary>
    /// The same computation with explicit shuffles (the exact test against scikit-learn replays NumPy's): every
    /// feature uses <paramref name="rows"/> (null = all rows) and, at repeat r, sets row i of the subset to the
    /// subset's row <paramref name="perms"/>[r][i] in the permuted column.
    /// </summary>
    internal static PermutationImportanceResult ComputeWithPermutations<T>(PermutationScorer<T> scorer, Tensor<T> x, int[]? rows, int[][] perms)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(perms);
        var (data, n, d) = CheckX(x);
        int m = rows?.Length ?? n;
        if (perms.Length < 1) throw new ArgumentException("PermutationImportance: at least one permutation is needed.", nameof(perms));
        foreach (var p in perms)
        {
            if (p.Length != m) throw new ArgumentException($"PermutationImportance: a permutation has length {p.Length}, expected {m}.", nameof(perms));
            if (!IsPermutation(p)) throw new ArgumentException("PermutationImportance: perms must hold permutations of 0 … m−1.", nameof(perms));
        }
        if (rows is not null)
            foreach (int r in rows)
                if ((uint)r >= (uint)n) throw new ArgumentException($"PermutationImportance: row {r} is outside [0, {n}).", nameof(rows));
        return Run(scorer, data, n, d, _ => (rows, perms));
    }

    private static PermutationImportanceResult Run<T>(PermutationScorer<T> scorer, T[] data, int n, int d, Func<int, (int[]? Rows, int[][] Perms)> draw)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        double baseline = scorer(Tensor.Wrap((T[])data.Clone(), n, d), all);
        int repeats = draw(0).Perms.Length;
        var imp = new double[d, repeats];
        Parallelism.For(d, j =>
        {
            var (rows, perms) = draw(j);
            rows ??= all;
            int m = rows.Length;
            var sub = new T[m * d];
            for (int i = 0; i < m; i++) Array.Copy(data, rows[i] * d, sub, i * d, d);
            var column = new T[m];
            for (int i = 0; i < m; i++) column[i] = sub[i * d + j];
            for (int r = 0; r < repeats; r++)
            {
                var p = perms[r];
                for (int i = 0; i < m; i++) sub[i * d + j] = column[p[i]];
                // A fresh wrapper each time: the scorer may keep or change the tensor it is given.
                imp[j, r] = baseline - scorer(Tensor.Wrap((T[])sub.Clone(), m, d), rows);
            }
        });
        var mean = new double[d];
        var std = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int r = 0; r < repeats; r++) s += imp[j, r];
            mean[j] = s / repeats;
            double q = 0;
            for (int r = 0; r < repeats; r++) q += (imp[j, r] - mean[j]) * (imp[j, r] - mean[j]);
            std[j] = Math.Sqrt(q / repeats);
        }
        return new PermutationImportanceResult(mean, std, imp, baseline);
    }

    private static (T[] Data, int N, int D) CheckX<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Shape[0] < 1 || x.Shape[1] < 1)
            throw new ArgumentException($"PermutationImportance: x must be a non-empty 2-d (samples, features) tensor, got shape {Shapes.Format(x.Shape)}.", nameof(x));
        return (x.Contiguous().ToArray(), x.Shape[0], x.Shape[1]);
    }

    private static int SampleCount(double maxSamples, int n)
    {
        if (maxSamples > 0 && maxSamples <= 1)
        {
            int m = (int)(maxSamples * n);
            if (m < 1) throw new ArgumentException($"PermutationImportance: maxSamples = {maxSamples} of {n} rows selects no row.", nameof(maxSamples));
            return m;
        }
        if (maxSamples > 1 && maxSamples <= n && maxSamples == Math.Floor(maxSamples)) return (int)maxSamples;
        throw new ArgumentException($"PermutationImportance: maxSamples must be a fraction in (0, 1] or an integer count in (1, {n}], got {maxSamples}.", nameof(maxSamples));
    }

    private static bool IsPermutation(int[] p)
    {
        var seen = new bool[p.Length];
        foreach (int v in p)
        {
            if ((uint)v >= (uint)p.Length || seen[v]) return false;
            seen[v] = true;
        }
        return true;
    }
}
