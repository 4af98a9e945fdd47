using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The early-stopping hold-out split (scikit-learn's <c>train_test_split(..., test_size=validation_fraction)</c>):
/// n_val = ⌈fraction·n⌉ rows, drawn uniformly for a regressor and stratified by class for a classifier
/// (StratifiedShuffleSplit's allocation). The draws use our generator, so the rows differ from scikit-learn's.
/// </summary>
internal static class GradientBoostingSplit
{
    /// <summary>A uniformly random split: (training rows, validation rows), each ascending.</summary>
    /// <exception cref="ArgumentException">Either part would be empty.</exception>
    public static (int[] Train, int[] Validation) Shuffle(string name, int n, double fraction, Generator rng)
    {
        var (train, test) = Sizes(name, n, fraction);
        var perm = rng.Permutation(n);
        var val = perm[..test];
        var tr = perm[test..(test + train)];
        Array.Sort(val);
        Array.Sort(tr);
        return (tr, val);
    }

    /// <summary>
    /// A split that keeps the class proportions: per class, the training and validation counts follow
    /// scikit-learn's <c>_approximate_mode</c> (floor of the proportional share, leftovers to the largest remainders,
    /// ties broken at random), and the rows of each class are drawn at random.
    /// </summary>
    /// <exception cref="ArgumentException">A class has fewer than 2 rows, either part is smaller than the class count, or the training part misses a class.</exception>
    public static (int[] Train, int[] Validation) Stratified(string name, double[] codes, int classes, double fraction, Generator rng)
    {
        int n = codes.Length;
        var (train, test) = Sizes(name, n, fraction);
        var members = new List<int>[classes];
        for (int c = 0; c < classes; c++) members[c] = [];
        for (int i = 0; i < n; i++) members[(int)codes[i]].Add(i);
        var counts = members.Select(m => m.Count).ToArray();
        if (counts.Min() < 2)
            throw new ArgumentException($"{name}: early stopping splits the rows by class, but the least populated class has {counts.Min()} row(s); each class needs at least 2.", "y");
        if (train < classes || test < classes)
            throw new ArgumentException($"{name}: the early-stopping split has {train} training and {test} validation rows; each must be ≥ the {classes} classes (change ValidationFraction).", "ValidationFraction");
        var trainCounts = ApproximateMode(counts, train, rng);
        var rest = counts.Select((c, i) => c - trainCounts[i]).ToArray();
        var testCounts = ApproximateMode(rest, test, rng);
        var tr = new List<int>(train);
        var val = new List<int>(test);
        for (int c = 0; c < classes; c++)
        {
            var perm = rng.Permutation(counts[c]);
            for (int j = 0; j < trainCounts[c]; j++) tr.Add(members[c][perm[j]]);
            for (int j = 0; j < testCounts[c]; j++) val.Add(members[c][perm[trainCounts[c] + j]]);
            if (trainCounts[c] == 0)
                throw new ArgumentException($"{name}: the training rows after the early-stopping split miss class {c}; change the seed or ValidationFraction.", "y");
        }
        tr.Sort();
        val.Sort();
        return ([.. tr], [.. val]);
    }

    private static (int Train, int Test) Sizes(string name, int n, double fraction)
    {
        int test = (int)Math.Ceiling(fraction * n), train = n - test;
        if (test < 1 || train < 1)
            throw new ArgumentException($"{name}: ValidationFraction = {fraction} of {n} rows leaves {train} training and {test} validation rows; both must be ≥ 1.", "ValidationFraction");
        return (train, test);
    }

    /// <summary>scikit-learn's <c>_approximate_mode</c>: draws per class summing to <paramref name="draws"/>.</summary>
    internal static int[] ApproximateMode(int[] counts, int draws, Generator rng)
    {
        double total = counts.Sum();
        var continuous = counts.Select(c => c / total * draws).ToArray();
        var floored = continuous.Select(Math.Floor).ToArray();
        int need = (int)(draws - floored.Sum());
        if (need > 0)
        {
            var remainder = continuous.Select((c, i) => c - floored[i]).ToArray();
            foreach (double value in remainder.Distinct().OrderDescending())
            {
                var idx = Enumerable.Range(0, remainder.Length).Where(i => remainder[i] == value).ToArray();
                int now = Math.Min(idx.Length, need);
                rng.Shuffle(idx.AsSpan());
                for (int j = 0; j < now; j++) floored[idx[j]] += 1;
                need -= now;
                if (need == 0) break;
            }
        }
        return floored.Select(v => (int)v).ToArray();
    }
}
