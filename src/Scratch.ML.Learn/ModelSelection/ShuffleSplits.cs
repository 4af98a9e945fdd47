using System.Globalization;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// The size of a train or test set: a fraction of n in (0, 1) or an absolute count in [1, n). Ints convert to
/// <see cref="Count"/> and doubles to <see cref="Fraction"/> implicitly (<c>0.25</c> is a quarter, <c>3</c> is three rows).
/// </summary>
public readonly record struct SplitSize
{
    private SplitSize(double fraction, int count, bool isFraction) { Value = fraction; CountValue = count; IsFraction = isFraction; }

    /// <summary>The fraction (when <see cref="IsFraction"/>).</summary>
    public double Value { get; }

    /// <summary>The count (when not <see cref="IsFraction"/>).</summary>
    public int CountValue { get; }

    /// <summary>Whether this size is a fraction of n rather than a count.</summary>
    public bool IsFraction { get; }

    /// <summary>A fraction in the open interval (0, 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">fraction outside (0, 1).</exception>
    public static SplitSize Fraction(double fraction) => fraction > 0 && fraction < 1 ? new(fraction, 0, true)
        : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "SplitSize: a fraction must lie in (0, 1).");

    /// <summary>An absolute number of rows (≥ 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1.</exception>
    public static SplitSize Count(int count) => count >= 1 ? new(0, count, false)
        : throw new ArgumentOutOfRangeException(nameof(count), count, "SplitSize: a count must be ≥ 1.");

    /// <summary>Same as <see cref="Count"/>.</summary>
    public static implicit operator SplitSize(int count) => Count(count);

    /// <summary>Same as <see cref="Fraction"/>.</summary>
    public static implicit operator SplitSize(double fraction) => Fraction(fraction);

    /// <inheritdoc />
    public override string ToString() => IsFraction ? Value.ToString(CultureInfo.InvariantCulture) : CountValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// scikit-learn's <c>_validate_shuffle_split</c>: n_test = ⌈f·n⌉ for a test fraction, n_train = ⌊f·n⌋ for a train
    /// fraction; a missing side is the rest of n; both missing means test = <paramref name="defaultTest"/>.
    /// </summary>
    internal static (int Train, int Test) Resolve(string name, int n, SplitSize? test, SplitSize? train, double defaultTest)
    {
        if (test is null && train is null) test = Fraction(defaultTest);
        foreach (var (s, arg) in new[] { (test, "testSize"), (train, "trainSize") })
            if (s is { IsFraction: false } c && c.CountValue >= n)
                throw new ArgumentException($"{name}: {arg} = {c.CountValue} must be smaller than n = {n}.", arg);
        if (test is { IsFraction: true } tf && train is { IsFraction: true } rf && tf.Value + rf.Value > 1)
            throw new ArgumentException($"{name}: testSize + trainSize = {tf.Value + rf.Value} must be ≤ 1.", "trainSize");
        double nTest = test is { } t ? (t.IsFraction ? Math.Ceiling(t.Value * n) : t.CountValue) : double.NaN;
        double nTrain = train is { } r ? (r.IsFraction ? Math.Floor(r.Value * n) : r.CountValue) : double.NaN;
        if (train is null) nTrain = n - nTest;
        else if (test is null) nTest = n - nTrain;
        if (nTrain + nTest > n)
            throw new ArgumentException($"{name}: train ({nTrain}) + test ({nTest}) rows exceed n = {n}.", "trainSize");
        if (nTrain == 0)
            throw new ArgumentException($"{name}: with n = {n}, testSize = {test} and trainSize = {train} the train set would be empty.", "testSize");
        if (nTest == 0)
            throw new ArgumentException($"{name}: with n = {n}, testSize = {test} and trainSize = {train} the test set would be empty.", "testSize");
        return ((int)nTrain, (int)nTest);
    }
}

/// <summary>
/// Random permutation splits (scikit-learn's <c>ShuffleSplit</c>): each of <see cref="NSplits"/> splits draws a fresh
/// permutation p from one <see cref="Generator"/>(<see cref="Seed"/>); test = p[0 .. nTest), train = p[nTest ..
/// nTest + nTrain) — in permutation order, not sorted. Sizes follow scikit-learn's rounding (see <see cref="SplitSize"/>);
/// with neither size given the test fraction is 0.1.
/// </summary>
/// <param name="NSplits">Number of splits (≥ 1).</param>
/// <param name="TestSize">Test fraction or count, or null.</param>
/// <param name="TrainSize">Train fraction or count, or null (the complement of the test set).</param>
/// <param name="Seed">Seed of the permutations.</param>
public sealed record ShuffleSplit(int NSplits = 10, SplitSize? TestSize = null, SplitSize? TrainSize = null, ulong Seed = 0) : ISplitter
{
    // Validated at construction and again in Split (a `with` copy skips initialisers).
    private readonly int validated = Validate(NSplits);

    private static int Validate(int nSplits) { SplitHelpers.CheckSplits(nameof(ShuffleSplit), nSplits, 1); return nSplits; }

    /// <inheritdoc />
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        var (nTrain, nTest) = SplitSize.Resolve(nameof(ShuffleSplit), n, TestSize, TrainSize, 0.1);
        var generator = new Generator(Seed);
        var result = new (int[], int[])[Validate(NSplits)];
        for (int s = 0; s < NSplits; s++)
        {
            var p = generator.Permutation(n);
            result[s] = (p[nTest..(nTest + nTrain)], p[..nTest]);
        }
        return result;
    }
}

/// <summary>
/// Time-series splits (scikit-learn's <c>TimeSeriesSplit</c>): test blocks of <c>t = TestSize ?? ⌊n / (k + 1)⌋</c>
/// consecutive rows start at <c>n − k·t, n − (k−1)·t, …</c>; each train set is every earlier row up to <see cref="Gap"/>
/// rows before its test block, truncated to the last <see cref="MaxTrainSize"/> rows when given. Equal to scikit-learn.
/// </summary>
/// <param name="NSplits">Number of splits k (≥ 2).</param>
/// <param name="MaxTrainSize">Largest train set (≥ 1), or null for unbounded.</param>
/// <param name="TestSize">Rows per test block (≥ 1), or null for ⌊n / (k + 1)⌋.</param>
/// <param name="Gap">Rows dropped between the end of each train set and its test block (≥ 0).</param>
public sealed record TimeSeriesSplit(int NSplits = 5, int? MaxTrainSize = null, int? TestSize = null, int Gap = 0) : ISplitter
{
    // Validated at construction and again in Split (a `with` copy skips initialisers).
    private readonly int validated = Validate(NSplits, MaxTrainSize, TestSize, Gap);

    private static int Validate(int nSplits, int? maxTrain, int? testSize, int gap)
    {
        SplitHelpers.CheckSplits(nameof(TimeSeriesSplit), nSplits);
        if (maxTrain < 1) throw new ArgumentOutOfRangeException(nameof(MaxTrainSize), maxTrain, "TimeSeriesSplit: maxTrainSize must be ≥ 1.");
        if (testSize < 1) throw new ArgumentOutOfRangeException(nameof(TestSize), testSize, "TimeSeriesSplit: testSize must be ≥ 1.");
        if (gap < 0) throw new ArgumentOutOfRangeException(nameof(Gap), gap, "TimeSeriesSplit: gap must be ≥ 0.");
        return nSplits;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">n &lt; k + 1, or the test blocks and gap leave no train rows.</exception>
    public IReadOnlyList<(int[] Train, int[] Test)> Split(int n, ReadOnlySpan<int> labels = default, ReadOnlySpan<int> groups = default)
    {
        const string name = nameof(TimeSeriesSplit);
        if (Validate(NSplits, MaxTrainSize, TestSize, Gap) + 1 > n)
            throw new ArgumentException($"{name}: cannot have {NSplits + 1} folds (nSplits + 1) with n = {n} samples.", nameof(n));
        int t = TestSize ?? n / (NSplits + 1);
        if ((long)n - Gap - (long)t * NSplits <= 0)
            throw new ArgumentException($"{name}: too many splits ({NSplits}) for n = {n} with testSize = {t} and gap = {Gap}.", nameof(n));
        var result = new (int[], int[])[NSplits];
        for (int s = 0; s < NSplits; s++)
        {
            int testStart = n - (NSplits - s) * t;
            int trainEnd = testStart - Gap;
            int trainStart = MaxTrainSize is { } m && m < trainEnd ? trainEnd - m : 0;
            result[s] = (Enumerable.Range(trainStart, trainEnd - trainStart).ToArray(), Enumerable.Range(testStart, t).ToArray());
        }
        return result;
    }
}
