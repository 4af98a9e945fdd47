using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// One random train/test split of row indices (scikit-learn's <c>train_test_split</c>). Select the rows with
/// <c>x.IndexSelect(0, indices)</c>.
/// </summary>
public static class TrainTestSplit
{
    /// <summary>
    /// Splits rows 0 … n − 1 into train and test index arrays (in random order). Sizes use scikit-learn's rounding:
    /// n_test = ⌈f·n⌉ for a test fraction f, n_train = ⌊f·n⌋ for a train fraction; an omitted size is the rest of n;
    /// with neither given the test fraction is 0.25.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="stratify"/>: a permutation p from <see cref="Generator"/>(seed), test = p[0 .. nTest),
    /// train = p[nTest .. nTest + nTrain). With it (scikit-learn's <c>StratifiedShuffleSplit</c> allocation): class i of
    /// nᵢ rows gets ≈ nTrain·nᵢ/n train rows and ≈ nTest·(nᵢ − trainᵢ)/(n − nTrain) test rows — floors plus the
    /// largest remainders, equal remainders broken at random — each class's rows permuted, then both sets permuted.
    /// Sizes match scikit-learn exactly; the chosen rows are reproducible per seed but differ from NumPy's.
    /// </remarks>
    /// <param name="n">Number of rows (≥ 2).</param>
    /// <param name="testSize">Test fraction in (0, 1) or count in [1, n), or null.</param>
    /// <param name="trainSize">Train fraction or count, or null.</param>
    /// <param name="seed">Seed of the permutations.</param>
    /// <param name="stratify">Class label per row (length n) to keep proportions, or empty for none.</param>
    /// <exception cref="ArgumentException">Sizes that are empty, overlap or exceed n; stratify of the wrong length; a class
    /// with a single row, or fewer test or train rows than classes (stratified only).</exception>
    public static (int[] Train, int[] Test) Indices(int n, SplitSize? testSize = null, SplitSize? trainSize = null, ulong seed = 0,
        ReadOnlySpan<int> stratify = default)
    {
        const string name = nameof(TrainTestSplit);
        if (n < 2) throw new ArgumentException($"{name}: need n ≥ 2 samples, got {n}.", nameof(n));
        var (nTrain, nTest) = SplitSize.Resolve(name, n, testSize, trainSize, 0.25);
        var generator = new Generator(seed);
        if (stratify.IsEmpty)
        {
            var p = generator.Permutation(n);
            return (p[nTest..(nTest + nTrain)], p[..nTest]);
        }
        SplitHelpers.CheckLength(name, nameof(stratify), stratify, n);
        return Stratified(name, stratify, nTrain, nTest, generator);
    }

    private static (int[] Train, int[] Test) Stratified(string name, ReadOnlySpan<int> y, int nTrain, int nTest, Generator generator)
    {
        int n = y.Length;
        var classes = y.ToArray().Distinct().Order().ToArray();
        var code = new Dictionary<int, int>();
        for (int c = 0; c < classes.Length; c++) code[classes[c]] = c;
        var members = new List<int>[classes.Length];
        for (int c = 0; c < classes.Length; c++) members[c] = [];
        for (int i = 0; i < n; i++) members[code[y[i]]].Add(i);
        var counts = members.Select(m => m.Count).ToArray();
        if (counts.Min() < 2)
            throw new ArgumentException($"{name}: the least populated class in stratify has only {counts.Min()} member; at least 2 are needed.", "stratify");
        if (nTrain < classes.Length)
            throw new ArgumentException($"{name}: the train size {nTrain} must be ≥ the number of classes {classes.Length}.", "trainSize");
        if (nTest < classes.Length)
            throw new ArgumentException($"{name}: the test size {nTest} must be ≥ the number of classes {classes.Length}.", "testSize");
        var trainPer = ApproximateMode(counts, nTrain, generator);
        var rest = counts.Select((c, i) => c - trainPer[i]).ToArray();
        var testPer = ApproximateMode(rest, nTest, generator);
        var train = new List<int>(nTrain);
        var test = new List<int>(nTest);
        for (int c = 0; c < classes.Length; c++)
        {
            var p = generator.Permutation(counts[c]);
            for (int j = 0; j < trainPer[c]; j++) train.Add(members[c][p[j]]);
            for (int j = trainPer[c]; j < trainPer[c] + testPer[c]; j++) test.Add(members[c][p[j]]);
        }
        var trainArray = train.ToArray();
        var testArray = test.ToArray();
        generator.Shuffle(trainArray.AsSpan());
        generator.Shuffle(testArray.AsSpan());
        return (trainArray, testArray);
    }

    /// <summary>
    /// scikit-learn's <c>_approximate_mode</c>: draws per class ⌊draws·cᵢ/Σc⌋, then one more for the largest fractional
    /// remainders (ties broken at random) until the total is <paramref name="draws"/>.
    /// </summary>
    internal static int[] ApproximateMode(int[] counts, int draws, Generator generator)
    {
        long total = counts.Sum(c => (long)c);
        var continuous = counts.Select(c => (double)c / total * draws).ToArray();
        var floored = continuous.Select(Math.Floor).ToArray();
        int need = draws - (int)floored.Sum();
        var result = floored.Select(f => (int)f).ToArray();
        var remainder = continuous.Select((c, i) => c - floored[i]).ToArray();
        foreach (double value in remainder.Distinct().OrderDescending())
        {
            if (need <= 0) break;
            var tied = Enumerable.Range(0, counts.Length).Where(i => remainder[i] == value).ToArray();
            generator.Shuffle(tied.AsSpan());
            int add = Math.Min(tied.Length, need);
            for (int j = 0; j < add; j++) result[tied[j]]++;
            need -= add;
        }
        return result;
    }
}
