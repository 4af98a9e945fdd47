using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// Stratified k-fold (scikit-learn 1.2's <c>StratifiedKFold</c>): every fold keeps the class proportions as far as
/// possible. Classes are numbered in order of first appearance; the labels sorted by that number are dealt
/// round-robin to the folds (<c>allocation[f, c] = #{i ≡ f mod k : sorted[i] = c}</c>), and the rows of class c take
/// fold ids <c>0…0 1…1 …</c> in row order (shuffled with <see cref="Generator"/>(<see cref="Seed"/>) when
/// <see cref="Shuffle"/>). Without shuffling the folds equal scikit-learn's exactly.
/// </summary>
/// <param name="NSplits">Number of folds k (≥ 2).</param>
/// <param name="Shuffle">Whether to shuffle each class's fold ids.</param>
/// <param name="Seed">Seed of the shuffle (used only when <paramref name="Shuffle"/> is true).</param>
public sealed record StratifiedKFold(int NSplits = 5, bool Shuffle = false, ulong Seed = 0) : ISplitter
{
    // Validated at construction and again in Split (a `with` copy skips initialisers).
    private readonly int validated = Validate(NSplits);

    private static int Validate(int nSplits) { SplitHelpers.CheckSplits(nameof(StratifiedKFold), nSplits); return nSplits; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">labels missing or of the wrong length, or every class has fewer than k members
    /// (a class smaller than k is allowed, as in scikit-learn, and simply misses some folds).</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        const string name = nameof(StratifiedKFold);
        SplitHelpers.CheckLength(name, nameof(labels), labels, n);
        SplitHelpers.CheckN(name, n, Validate(NSplits));
        var encoded = EncodeByFirstAppearance(labels, out int classes);
        var counts = new int[classes];
        foreach (int c in encoded) counts[c]++;
        if (counts.All(c => c < NSplits))
            throw new ArgumentException($"{name}: nSplits = {NSplits} is greater than the number of members in every class (largest class has {counts.Max()}).", nameof(labels));
        var sorted = (int[])encoded.Clone();
        Array.Sort(sorted);
        var allocation = new int[NSplits, classes];
        for (int i = 0; i < n; i++) allocation[i % NSplits, sorted[i]]++;
        var generator = Shuffle ? new Generator(Seed) : null;
        var foldOf = new int[n];
        for (int c = 0; c < classes; c++)
        {
            var ids = new int[counts[c]];
            int p = 0;
            for (int f = 0; f < NSplits; f++)
                for (int r = 0; r < allocation[f, c]; r++) ids[p++] = f;
            generator?.Shuffle(ids.AsSpan());
            p = 0;
            for (int i = 0; i < n; i++) if (encoded[i] == c) foldOf[i] = ids[p++];
        }
        return SplitHelpers.FromFoldIds(foldOf, NSplits);
    }

    /// <summary>Codes 0, 1, … in order of first appearance of each distinct value.</summary>
    internal static int[] EncodeByFirstAppearance(ReadOnlySpan<int> values, out int count)
    {
        var map = new Dictionary<int, int>();
        var codes = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!map.TryGetValue(values[i], out int code)) { code = map.Count; map[values[i]] = code; }
            codes[i] = code;
        }
        count = map.Count;
        return codes;
    }
}

/// <summary>
/// Group k-fold (scikit-learn 1.2's <c>GroupKFold</c>): no group appears in two folds. Groups (distinct values of
/// <c>groups</c>, in sorted order) are taken largest first and each goes to the fold with the fewest rows so far
/// (the lowest fold index on ties). Groups of equal size are taken in descending order of their sorted position —
/// what NumPy's <c>argsort(…)[::-1]</c> does for at most 16 groups; with more groups NumPy's unstable sort may order
/// ties differently, so folds are then equal to scikit-learn's only when group sizes are distinct.
/// </summary>
/// <param name="NSplits">Number of folds k (≥ 2, ≤ the number of groups).</param>
public sealed record GroupKFold(int NSplits = 5) : ISplitter
{
    // Validated at construction and again in Split (a `with` copy skips initialisers).
    private readonly int validated = Validate(NSplits);

    private static int Validate(int nSplits) { SplitHelpers.CheckSplits(nameof(GroupKFold), nSplits); return nSplits; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">groups missing or of the wrong length, or fewer distinct groups than k.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        const string name = nameof(GroupKFold);
        SplitHelpers.CheckLength(name, nameof(groups), groups, n);
        var distinct = groups.ToArray().Distinct().Order().ToArray();
        if (distinct.Length < Validate(NSplits))
            throw new ArgumentException($"{name}: cannot have nSplits = {NSplits} greater than the number of groups ({distinct.Length}).", nameof(groups));
        var index = new Dictionary<int, int>(distinct.Length);
        for (int g = 0; g < distinct.Length; g++) index[distinct[g]] = g;
        var code = new int[n];
        var size = new int[distinct.Length];
        for (int i = 0; i < n; i++) { code[i] = index[groups[i]]; size[code[i]]++; }
        // Stable ascending order of sizes, then reversed: largest first, ties by descending group position.
        var order = Enumerable.Range(0, distinct.Length).OrderBy(g => size[g]).Reverse().ToArray();
        var perFold = new long[NSplits];
        var foldOfGroup = new int[distinct.Length];
        foreach (int g in order)
        {
            int lightest = 0;
            for (int f = 1; f < NSplits; f++) if (perFold[f] < perFold[lightest]) lightest = f;
            perFold[lightest] += size[g];
            foldOfGroup[g] = lightest;
        }
        var foldOf = new int[n];
        for (int i = 0; i < n; i++) foldOf[i] = foldOfGroup[code[i]];
        return SplitHelpers.FromFoldIds(foldOf, NSplits);
    }
}
