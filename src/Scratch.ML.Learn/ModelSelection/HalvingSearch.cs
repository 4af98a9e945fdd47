using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>How successive halving chooses the samples of its first round (scikit-learn's <c>min_resources</c>).</summary>
public enum HalvingMinResources
{
    /// <summary>
    /// Start from the largest amount that still lets the last needed round use (nearly) all samples:
    /// <c>max(smallest, maxResources // factor^(required − 1))</c>.
    /// </summary>
    Exhaust,

    /// <summary>2 · folds (· classes for a classifier), the smallest amount that gives every fold a few samples per class.</summary>
    Smallest,
}

/// <summary>The plan of a successive-halving search (computed before any fit; equal to scikit-learn 1.2's).</summary>
/// <param name="MinResources">Samples of the first round (<c>min_resources_</c>).</param>
/// <param name="MaxResources">Samples available (<c>max_resources_</c>).</param>
/// <param name="RequiredIterations">Rounds needed so the last one has fewer than factor candidates: 1 + ⌊log_factor(candidates)⌋.</param>
/// <param name="PossibleIterations">Rounds that fit between min and max resources: 1 + ⌊log_factor(max // min)⌋.</param>
/// <param name="Iterations">Each round's candidates and samples; rounds = min(required, possible).</param>
public sealed record HalvingSchedule(int MinResources, int MaxResources, int RequiredIterations, int PossibleIterations, IReadOnlyList<SearchIteration> Iterations)
{
    /// <summary>
    /// The plan for <paramref name="candidates"/> first-round candidates and <paramref name="samples"/> rows, with
    /// <paramref name="folds"/> CV folds and <paramref name="classes"/> classes (0 for regression), following
    /// scikit-learn 1.2 (<c>aggressive_elimination=False</c>). Each round keeps ⌈candidates / factor⌉ candidates and
    /// multiplies the samples by factor (capped at the maximum).
    /// </summary>
    /// <exception cref="ArgumentException">Non-positive counts, factor &lt; 2, or minimum resources above the maximum.</exception>
    public static HalvingSchedule Plan(int candidates, int samples, int folds, int classes, int factor = 3,
        HalvingMinResources minResources = HalvingMinResources.Exhaust, int? minResourcesCount = null, int? maxResources = null)
    {
        if (candidates < 1) throw new ArgumentOutOfRangeException(nameof(candidates), candidates, "HalvingSchedule: needs at least one candidate.");
        if (factor < 2) throw new ArgumentOutOfRangeException(nameof(factor), factor, "HalvingSchedule: factor must be ≥ 2.");
        if (!Enum.IsDefined(minResources)) throw new ArgumentOutOfRangeException(nameof(minResources), minResources, "HalvingSchedule: unknown minResources.");
        int min = Smallest(folds, classes, minResourcesCount);
        int max = maxResources ?? samples;
        if (max < 1) throw new ArgumentOutOfRangeException(nameof(maxResources), max, "HalvingSchedule: max resources must be ≥ 1.");
        if (min > max) throw new ArgumentException($"HalvingSchedule: min resources {min} exceed max resources {max}.", nameof(minResourcesCount));
        // Python's math.log(x, base) is log(x) / log(base); floor of that, as in scikit-learn.
        int required = 1 + (int)Math.Floor(Math.Log(candidates) / Math.Log(factor));
        if (minResourcesCount is null && minResources == HalvingMinResources.Exhaust)
            min = Math.Max(min, max / (int)Math.Min(int.MaxValue, Math.Pow(factor, required - 1)));
        int possible = 1 + (int)Math.Floor(Math.Log(max / min) / Math.Log(factor));
        int rounds = Math.Min(possible, required);
        var iterations = new SearchIteration[rounds];
        int left = candidates;
        for (int i = 0; i < rounds; i++)
        {
            int resources = (int)Math.Min(Math.Pow(factor, i) * min, max);
            iterations[i] = new SearchIteration(left, resources);
            left = (left + factor - 1) / factor;
        }
        return new HalvingSchedule(min, max, required, possible, iterations);
    }

    /// <summary>The "smallest" minimum: explicit count, else 2 · folds · max(classes, 1).</summary>
    internal static int Smallest(int folds, int classes, int? explicitCount)
    {
        if (explicitCount is { } c)
            return c >= 1 ? c : throw new ArgumentOutOfRangeException(nameof(explicitCount), c, "HalvingSchedule: min resources must be ≥ 1.");
        if (folds < 1) throw new ArgumentOutOfRangeException(nameof(folds), folds, "HalvingSchedule: folds must be ≥ 1.");
        return 2 * folds * Math.Max(classes, 1);
    }
}

/// <summary>
/// Successive halving (scikit-learn's <c>HalvingGridSearchCV</c> / <c>HalvingRandomSearchCV</c> with
/// <c>resource="n_samples"</c>): evaluate all candidates on few samples, keep the best ⌈1/<see cref="Factor"/>⌉, give
/// them <see cref="Factor"/> times more samples, repeat (<see cref="HalvingSchedule"/>). The best candidate is the best
/// of the last round.
/// </summary>
/// <remarks>
/// A round with r of n samples subsamples every fold's train and test rows to ⌊(r / n)·size⌋ rows without replacement
/// (sorted), drawn from <c>Generator(Seed, round + 1)</c>: the schedule equals scikit-learn's, the subsamples do not
/// (NumPy's stream). Survivors are the top scores in ascending-score order (stable for ties), as scikit-learn's
/// <c>_top_k</c> up to NumPy's unstable tie order.
/// </remarks>
public abstract record SuccessiveHalvingSearch : HyperparameterSearch
{
    private protected SuccessiveHalvingSearch(HalvingMinResources defaultMinResources)
    {
        MinResources = defaultMinResources;
    }

    /// <summary>Elimination factor (≥ 2): each round keeps ⌈candidates / Factor⌉ and multiplies samples by Factor.</summary>
    public int Factor
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Factor), value, "Halving search: Factor must be ≥ 2.");
    } = 3;

    /// <summary>
    /// How to choose the first round's samples when <see cref="MinResourcesCount"/> is null; defaults as scikit-learn:
    /// <see cref="HalvingMinResources.Exhaust"/> for <see cref="HalvingGridSearch"/>, <see cref="HalvingMinResources.Smallest"/>
    /// for <see cref="HalvingRandomSearch"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public HalvingMinResources MinResources
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinResources), value, "Halving search: unknown MinResources.");
    }

    /// <summary>An explicit first-round sample count (overrides <see cref="MinResources"/>).</summary>
    public int? MinResourcesCount { get; init; }

    /// <summary>The most samples a round may use; null means all n.</summary>
    public int? MaxResources { get; init; }

    /// <summary>Seed of candidate sampling (random variant) and of the per-round subsamples.</summary>
    public ulong Seed { get; init; }

    /// <summary>The first round's candidates, given the smallest min resources and the max resources.</summary>
    internal abstract IReadOnlyList<IReadOnlyDictionary<string, object?>> FirstCandidates(int smallest, int maxResources);

    internal override SearchResult<TModel> Run<TModel>(SearchTask task, IEstimator estimator, CancellationToken cancellationToken, IProgress<SearchProgress>? progress)
    {
        string refit = RefitScorer(task);
        var splits = Splits(task);
        int n = task.N;
        int max = MaxResources ?? n;
        if (max > n) throw new ArgumentException($"Halving search: MaxResources = {max} exceeds the {n} samples.", nameof(MaxResources));
        var candidates = FirstCandidates(HalvingSchedule.Smallest(splits.Count, task.ClassCount, MinResourcesCount), max);
        var plan = HalvingSchedule.Plan(candidates.Count, n, splits.Count, task.ClassCount, Factor, MinResources, MinResourcesCount, max);
        int total = plan.Iterations.Sum(i => i.Candidates) * splits.Count;
        var engine = new SearchEngine(task, estimator, this, cancellationToken, new ProgressCounter(total, progress));
        for (int round = 0; round < plan.Iterations.Count; round++)
        {
            int resources = plan.Iterations[round].Resources;
            var roundSplits = resources == n ? splits : Subsample(splits, (double)resources / n, new Generator(Seed, (uint)round + 1));
            int first = engine.Count;
            engine.Evaluate(candidates, roundSplits, round, resources);
            int keep = (candidates.Count + Factor - 1) / Factor;
            candidates = TopK(engine, first, candidates, keep, refit);
        }
        int last = plan.Iterations.Count - 1;
        int lastStart = engine.Count - plan.Iterations[last].Candidates;
        int best = lastStart;
        for (int r = lastStart; r < engine.Count; r++)
        {
            double s = engine.MeanScore(r, refit);
            if (s > engine.MeanScore(best, refit) || (double.IsNaN(engine.MeanScore(best, refit)) && !double.IsNaN(s))) best = r;
        }
        return engine.Finish<TModel>(refit, plan.Iterations, best);
    }

    /// <summary>The k best rows of a round, in ascending score order (NaN counted as worst), stable for ties.</summary>
    private static IReadOnlyDictionary<string, object?>[] TopK(SearchEngine engine, int first, IReadOnlyList<IReadOnlyDictionary<string, object?>> candidates, int k, string refit)
    {
        var scores = Enumerable.Range(0, candidates.Count).Select(i => engine.MeanScore(first + i, refit)).ToArray();
        var order = Enumerable.Range(0, scores.Length)
            .OrderBy(i => double.IsNaN(scores[i]) ? 0 : 1)
            .ThenBy(i => double.IsNaN(scores[i]) ? 0 : scores[i])
            .ToArray();
        return order.Skip(order.Length - k).Select(i => candidates[i]).ToArray();
    }

    /// <summary>Every fold's train and test rows subsampled to ⌊fraction · size⌋ rows without replacement (sorted).</summary>
    internal static IReadOnlyList<(int[] Train, int[] Test)> Subsample(IReadOnlyList<(int[] Train, int[] Test)> splits, double fraction, Generator generator)
    {
        int[] Pick(int[] rows)
        {
            int k = (int)(fraction * rows.Length);
            var perm = generator.Permutation(rows.Length);
            var chosen = new int[k];
            for (int i = 0; i < k; i++) chosen[i] = rows[perm[i]];
            Array.Sort(chosen);
            return chosen;
        }
        return splits.Select(s => (Pick(s.Train), Pick(s.Test))).ToArray();
    }
}

/// <summary>Successive halving over a <see cref="ParameterGrid"/> (scikit-learn's <c>HalvingGridSearchCV</c>).</summary>
/// <param name="Grid">The first round's candidates.</param>
public sealed record HalvingGridSearch(ParameterGrid Grid) : SuccessiveHalvingSearch(HalvingMinResources.Exhaust)
{
    /// <summary>The first round's candidates.</summary>
    public ParameterGrid Grid { get; init => field = SearchChecks.Grid(value); } = SearchChecks.Grid(Grid);

    internal override IReadOnlyList<IReadOnlyDictionary<string, object?>> FirstCandidates(int smallest, int maxResources) => Grid.ToArray();
}

/// <summary>
/// Successive halving over random candidates (scikit-learn's <c>HalvingRandomSearchCV</c>): <see cref="NCandidates"/>
/// draws, or when null ("exhaust") max resources // smallest min resources draws, so the last round can use all samples.
/// </summary>
/// <param name="Space">Parameter name → distribution.</param>
/// <param name="NCandidates">First-round candidates (≥ 1), or null for "exhaust".</param>
public sealed record HalvingRandomSearch(IReadOnlyDictionary<string, ParameterDistribution> Space, int? NCandidates = null) : SuccessiveHalvingSearch(HalvingMinResources.Smallest)
{
    /// <summary>Parameter name → distribution.</summary>
    public IReadOnlyDictionary<string, ParameterDistribution> Space { get; init => field = SearchChecks.Space(value); } = SearchChecks.Space(Space);

    /// <summary>First-round candidates (≥ 1), or null for "exhaust".</summary>
    public int? NCandidates { get; init => field = CheckCandidates(value); } = CheckCandidates(NCandidates);

    private static int? CheckCandidates(int? value) => value is null or >= 1 ? value
        : throw new ArgumentOutOfRangeException(nameof(NCandidates), value, "HalvingRandomSearch: NCandidates must be ≥ 1 or null.");

    internal override IReadOnlyList<IReadOnlyDictionary<string, object?>> FirstCandidates(int smallest, int maxResources) =>
        ParameterSampler.Sample(Space, NCandidates ?? Math.Max(1, maxResources / smallest), new Generator(Seed));
}
