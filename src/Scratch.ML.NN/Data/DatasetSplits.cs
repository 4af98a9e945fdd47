using Scratch.ML.Rng;

namespace Scratch.ML.NN.Data;

/// <summary>
/// Random partitions of a dataset into non-overlapping <see cref="Subset{TItem}"/>s (PyTorch's <c>random_split</c>,
/// scikit-learn's <c>train_test_split</c> with optional stratification). Deterministic for a given generator state.
/// </summary>
public static class DatasetSplits
{
    /// <summary>Splits into parts of the given sizes, which must sum to the dataset's count.</summary>
    /// <exception cref="ArgumentException">The counts are negative or do not sum to the dataset's count.</exception>
    public static Subset<TItem>[] RandomSplit<TItem>(Dataset<TItem> dataset, ReadOnlySpan<int> counts, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        long sum = 0;
        foreach (int c in counts)
        {
            if (c < 0) throw new ArgumentException($"RandomSplit: counts must be ≥ 0, got [{string.Join(", ", counts.ToArray())}].", nameof(counts));
            sum += c;
        }
        if (sum != dataset.Count)
            throw new ArgumentException($"RandomSplit: counts [{string.Join(", ", counts.ToArray())}] sum to {sum}, but the dataset has {dataset.Count} items.", nameof(counts));
        var perm = Init.Resolve(generator).Permutation(dataset.Count);
        var parts = new Subset<TItem>[counts.Length];
        int start = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            parts[i] = new Subset<TItem>(dataset, perm.AsSpan(start, counts[i]));
            start += counts[i];
        }
        return parts;
    }

    /// <summary>
    /// Splits by fractions summing to 1 (within 1e-6): part i gets ⌊N·fᵢ⌋ items, and the remaining items go one each
    /// to parts 0, 1, … in turn (PyTorch's rule).
    /// </summary>
    /// <exception cref="ArgumentException">A fraction is outside [0, 1] or they do not sum to 1.</exception>
    public static Subset<TItem>[] RandomSplit<TItem>(Dataset<TItem> dataset, ReadOnlySpan<double> fractions, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return RandomSplit(dataset, Counts(dataset.Count, fractions), generator);
    }

    private static int[] Counts(int n, ReadOnlySpan<double> fractions)
    {
        if (fractions.IsEmpty) throw new ArgumentException("RandomSplit: expected at least one fraction.", nameof(fractions));
        double total = 0;
        foreach (double f in fractions)
        {
            if (!(f >= 0 && f <= 1)) throw new ArgumentException($"RandomSplit: fractions must be in [0, 1], got {f}.", nameof(fractions));
            total += f;
        }
        if (Math.Abs(total - 1) > 1e-6) throw new ArgumentException($"RandomSplit: fractions sum to {total}, expected 1.", nameof(fractions));
        var counts = new int[fractions.Length];
        int used = 0;
        for (int i = 0; i < counts.Length; i++) used += counts[i] = (int)Math.Floor(n * fractions[i]);
        for (int i = 0; used < n; i = (i + 1) % counts.Length, used++) counts[i]++;
        return counts;
    }

    /// <summary>
    /// Splits into training and validation parts with <c>round(N · validationFraction)</c> validation items. With
    /// <paramref name="stratifyLabels"/> (one integer label per item), each class contributes to validation in
    /// proportion to its size (largest-remainder rounding), so class frequencies match in both parts; the subsets then
    /// list their indices in ascending order.
    /// </summary>
    /// <exception cref="ArgumentException">The fraction is outside [0, 1], or the label count differs from the dataset's.</exception>
    public static (Subset<TItem> Train, Subset<TItem> Validation) TrainValidationSplit<TItem>(Dataset<TItem> dataset, double validationFraction,
        Generator? generator = null, ReadOnlySpan<int> stratifyLabels = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(validationFraction >= 0 && validationFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "TrainValidationSplit: the fraction must be in [0, 1].");
        int nVal = (int)Math.Round(dataset.Count * validationFraction, MidpointRounding.AwayFromZero);
        return TrainValidationSplit(dataset, nVal, generator, stratifyLabels);
    }

    /// <summary>Splits off exactly <paramref name="validationCount"/> validation items (optionally stratified, see the fraction overload).</summary>
    /// <exception cref="ArgumentException">The count is outside [0, N], or the label count differs from the dataset's.</exception>
    public static (Subset<TItem> Train, Subset<TItem> Validation) TrainValidationSplit<TItem>(Dataset<TItem> dataset, int validationCount,
        Generator? generator = null, ReadOnlySpan<int> stratifyLabels = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int n = dataset.Count;
        if (validationCount < 0 || validationCount > n)
            throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount, $"TrainValidationSplit: must be in [0, {n}].");
        var g = Init.Resolve(generator);
        if (stratifyLabels.IsEmpty)
        {
            var parts = RandomSplit(dataset, [n - validationCount, validationCount], g);
            return (parts[0], parts[1]);
        }
        if (stratifyLabels.Length != n)
            throw new ArgumentException($"TrainValidationSplit: {stratifyLabels.Length} labels for {n} items.", nameof(stratifyLabels));
        var byClass = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (!byClass.TryGetValue(stratifyLabels[i], out var list)) byClass[stratifyLabels[i]] = list = [];
            list.Add(i);
        }
        // largest-remainder allocation of validationCount over the classes
        var classes = byClass.ToArray();
        var take = new int[classes.Length];
        var remainders = new (double R, int K)[classes.Length];
        int allocated = 0;
        for (int k = 0; k < classes.Length; k++)
        {
            double exact = (double)validationCount * classes[k].Value.Count / Math.Max(n, 1);
            take[k] = (int)Math.Floor(exact);
            allocated += take[k];
            remainders[k] = (exact - take[k], k);
        }
        Array.Sort(remainders, static (a, b) => a.R != b.R ? b.R.CompareTo(a.R) : a.K.CompareTo(b.K));
        for (int j = 0; allocated < validationCount; j++, allocated++) take[remainders[j].K]++;
        var train = new List<int>(n - validationCount);
        var val = new List<int>(validationCount);
        for (int k = 0; k < classes.Length; k++)
        {
            var members = classes[k].Value.ToArray();
            g.Shuffle<int>(members);
            val.AddRange(members.AsSpan(0, take[k]));
            train.AddRange(members.AsSpan(take[k]));
        }
        train.Sort();
        val.Sort();
        return (new Subset<TItem>(dataset, train.ToArray()), new Subset<TItem>(dataset, val.ToArray()));
    }
}
