using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// A cross-validation splitter: divides row indices 0 … n − 1 into (train, test) pairs. Splitters are immutable option
/// records validated at construction; <see cref="Split"/> is deterministic (shuffling splitters take a seed).
/// </summary>
public interface ISplitter
{
    /// <summary>
    /// The (train, test) index pairs for n rows. Index arrays are fresh copies, sorted ascending unless the splitter
    /// documents otherwise. <paramref name="labels"/> (length n) is required by stratified splitters and
    /// <paramref name="groups"/> (length n) by group splitters; others ignore them.
    /// </summary>
    /// <exception cref="ArgumentException">n too small for the splitter, or labels / groups missing or of the wrong length.</exception>
    IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default);
}

/// <summary>Shared validation and index helpers for the splitters.</summary>
internal static class SplitHelpers
{
    public static void CheckSplits(string name, int nSplits, int min = 2)
    {
        if (nSplits < min)
            throw new ArgumentOutOfRangeException("NSplits", nSplits, $"{name}: nSplits must be ≥ {min}, got {nSplits}.");
    }

    public static void CheckN(string name, int n, int nSplits)
    {
        if (n < nSplits)
            throw new ArgumentException($"{name}: cannot split n = {n} samples into {nSplits} folds (need n ≥ nSplits).", nameof(n));
    }

    public static void CheckLength(string name, string argument, ReadOnlySpan<int> values, int n)
    {
        if (values.Length != n)
            throw new ArgumentException($"{name}: {argument} must have length n = {n}, got {values.Length}.", argument);
    }

    /// <summary>Splits by a fold id per row: test = rows with fold f, train = the rest (both ascending).</summary>
    public static (int[] Train, int[] Test)[] FromFoldIds(ReadOnlySpan<int> foldOf, int nSplits)
    {
        var result = new (int[], int[])[nSplits];
        var counts = new int[nSplits];
        foreach (int f in foldOf) counts[f]++;
        for (int f = 0; f < nSplits; f++)
        {
            var train = new int[foldOf.Length - counts[f]];
            var test = new int[counts[f]];
            int a = 0, b = 0;
            for (int i = 0; i < foldOf.Length; i++)
                if (foldOf[i] == f) test[b++] = i; else train[a++] = i;
            result[f] = (train, test);
        }
        return result;
    }
}

/// <summary>
/// K-fold cross-validation (scikit-learn's <c>KFold</c>): rows (optionally shuffled) are cut into
/// <see cref="NSplits"/> consecutive folds; the first <c>n mod k</c> folds get <c>⌊n/k⌋ + 1</c> rows, the rest
/// <c>⌊n/k⌋</c>. Each fold is the test set once. Without shuffling the folds equal scikit-learn's exactly; with
/// shuffling the permutation comes from <see cref="Generator"/>(<see cref="Seed"/>), so the folds are reproducible
/// per seed but differ from NumPy's.
/// </summary>
/// <param name="NSplits">Number of folds k (≥ 2).</param>
/// <param name="Shuffle">Whether to permute the rows before cutting folds.</param>
/// <param name="Seed">Seed of the permutation (used only when <paramref name="Shuffle"/> is true).</param>
public sealed record KFold(int NSplits = 5, bool Shuffle = false, ulong Seed = 0) : ISplitter
{
    // Validated at construction and again in Split (a `with` copy skips initialisers).
    private readonly int validated = Validate(NSplits);

    private static int Validate(int nSplits) { SplitHelpers.CheckSplits(nameof(KFold), nSplits); return nSplits; }

    /// <inheritdoc />
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        SplitHelpers.CheckN(nameof(KFold), n, Validate(NSplits));
        return FoldsOf(n, NSplits, Shuffle ? new Generator(Seed) : null);
    }

    internal static (int[] Train, int[] Test)[] FoldsOf(int n, int k, Generator? generator)
    {
        var order = generator is null ? Enumerable.Range(0, n).ToArray() : generator.Permutation(n);
        var foldOf = new int[n];
        int start = 0;
        for (int f = 0; f < k; f++)
        {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int i = start; i < start + size; i++) foldOf[order[i]] = f;
            start += size;
        }
        return SplitHelpers.FromFoldIds(foldOf, k);
    }
}

/// <summary>
/// Repeated k-fold (scikit-learn's <c>RepeatedKFold</c>): <see cref="NRepeats"/> shuffled <see cref="KFold"/> passes
/// drawn from one <see cref="Generator"/>(<see cref="Seed"/>); yields <c>NSplits · NRepeats</c> splits, repeat-major.
/// </summary>
/// <param name="NSplits">Folds per repeat (≥ 2).</param>
/// <param name="NRepeats">Number of repeats (≥ 1).</param>
/// <param name="Seed">Seed of the permutations.</param>
public sealed record RepeatedKFold(int NSplits = 5, int NRepeats = 10, ulong Seed = 0) : ISplitter
{
    // Validated at construction and again in Split (a `with` copy skips initialisers).
    private readonly int validated = Validate(NSplits, NRepeats);

    private static int Validate(int nSplits, int nRepeats)
    {
        SplitHelpers.CheckSplits(nameof(RepeatedKFold), nSplits);
        if (nRepeats < 1) throw new ArgumentOutOfRangeException(nameof(NRepeats), nRepeats, $"RepeatedKFold: nRepeats must be ≥ 1, got {nRepeats}.");
        return nSplits;
    }

    /// <inheritdoc />
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        SplitHelpers.CheckN(nameof(RepeatedKFold), n, Validate(NSplits, NRepeats));
        var generator = new Generator(Seed);
        var all = new List<(int[], int[])>(NSplits * NRepeats);
        for (int r = 0; r < NRepeats; r++) all.AddRange(KFold.FoldsOf(n, NSplits, generator));
        return all;
    }
}

/// <summary>
/// Leave-one-out (scikit-learn's <c>LeaveOneOut</c>): n splits, split i tests row i alone and trains on the other n − 1.
/// </summary>
public sealed record LeaveOneOut : ISplitter
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">n &lt; 2.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        if (n < 2) throw new ArgumentException($"LeaveOneOut: need n ≥ 2 samples, got {n}.", nameof(n));
        var foldOf = Enumerable.Range(0, n).ToArray();
        return SplitHelpers.FromFoldIds(foldOf, n);
    }
}
