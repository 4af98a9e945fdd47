using Scratch.ML.Rng;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// Bayesian optimisation of hyperparameters: <see cref="NInitial"/> random candidates (<see cref="ParameterSampler"/>),
/// then <see cref="NIter"/> steps that each fit a <see cref="GaussianProcessSurrogate"/> to the mean CV scores seen so
/// far and evaluate the candidate of largest expected improvement.
/// </summary>
/// <remarks>
/// <para>Parameters live in the unit cube [0, 1]^d, one axis per name in ordinal order, through
/// <see cref="ParameterDistribution.ToUnit"/> (linear; logarithmic for <see cref="LogUniform"/>; bin centres for integers
/// and choices). Scores are standardised (mean 0, standard deviation 1) before the GP fit, whose hyperparameters
/// are chosen by <see cref="GaussianProcessSurrogate.FitMaximumLikelihood"/>.</para>
/// <para>Each step draws <see cref="NCandidates"/> uniform points, computes EI with exploration <see cref="Xi"/> (in
/// standardised units), refines the best five by a compass search (step 0.1 halved down to 10⁻³, clamped to the cube),
/// and proposes the best point whose decoded parameters were not evaluated yet (if every candidate decodes to an
/// evaluated set, the best one is evaluated again). Everything is drawn from <c>Generator(Seed)</c>: deterministic.
/// The folds of one candidate run in parallel; steps are sequential.</para>
/// </remarks>
/// <param name="Space">Parameter name → distribution.</param>
/// <param name="NInitial">Random candidates before the first GP step (≥ 1; at most the grid size for all-<see cref="Choice"/> spaces).</param>
/// <param name="NIter">Expected-improvement steps (≥ 0).</param>
/// <param name="Seed">Seed of every random draw.</param>
public sealed record BayesSearch(IReadOnlyDictionary<string, ParameterDistribution> Space, int NInitial = 5, int NIter = 20, ulong Seed = 0) : HyperparameterSearch
{
    /// <summary>Parameter name → distribution.</summary>
    public IReadOnlyDictionary<string, ParameterDistribution> Space { get; init => field = SearchChecks.Space(value); } = SearchChecks.Space(Space);

    /// <summary>Random candidates before the first GP step (≥ 1).</summary>
    public int NInitial { get; init => field = SearchChecks.AtLeast(value, 1, nameof(NInitial)); } = SearchChecks.AtLeast(NInitial, 1, nameof(NInitial));

    /// <summary>Expected-improvement steps (≥ 0).</summary>
    public int NIter { get; init => field = SearchChecks.AtLeast(value, 0, nameof(NIter)); } = SearchChecks.AtLeast(NIter, 0, nameof(NIter));

    /// <summary>The GP correlation function.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kernel.</exception>
    public SurrogateKernel Kernel
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Kernel), value, "BayesSearch: unknown kernel.");
    } = SurrogateKernel.Matern52;

    /// <summary>Exploration margin ξ ≥ 0 of expected improvement, in standardised score units.</summary>
    public double Xi
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Xi), value, "BayesSearch: Xi must be finite and ≥ 0.");
    } = 0.01;

    /// <summary>Random points scored by EI per step (≥ 1).</summary>
    public int NCandidates
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NCandidates), value, "BayesSearch: NCandidates must be ≥ 1.");
    } = 1000;

    internal override SearchResult<TModel> Run<TModel>(SearchTask task, IEstimator estimator, CancellationToken cancellationToken, IProgress<SearchProgress>? progress)
    {
        string refit = RefitScorer(task);
        var splits = Splits(task);
        var names = Space.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var generator = new Generator(Seed);
        var initial = ParameterSampler.Sample(Space, NInitial, generator);
        var counter = new ProgressCounter((initial.Count + NIter) * splits.Count, progress);
        var engine = new SearchEngine(task, estimator, this, cancellationToken, counter);
        engine.Evaluate(initial, splits, 0, task.N);
        var rounds = new List<SearchIteration> { new(initial.Count, task.N) };
        var seen = initial.ToList();
        for (int step = 1; step <= NIter; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var proposal = Propose(names, seen, Enumerable.Range(0, seen.Count).Select(r => engine.MeanScore(r, refit)).ToArray(), generator);
            engine.Evaluate([proposal], splits, step, task.N);
            seen.Add(proposal);
            rounds.Add(new SearchIteration(1, task.N));
        }
        return engine.Finish<TModel>(refit, rounds);
    }

    /// <summary>The next candidate: the EI maximiser over random points refined locally, decoded to parameters.</summary>
    internal IReadOnlyDictionary<string, object?> Propose(string[] names, IReadOnlyList<IReadOnlyDictionary<string, object?>> seen, double[] scores, Generator generator)
    {
        int d = names.Length;
        var points = new List<double[]>();
        var values = new List<double>();
        for (int i = 0; i < seen.Count; i++)
        {
            if (double.IsNaN(scores[i])) continue;
            points.Add(names.Select(n => Space[n].ToUnit(seen[i][n])).ToArray());
            values.Add(scores[i]);
        }
        var random = new double[NCandidates][];
        for (int c = 0; c < random.Length; c++)
        {
            random[c] = new double[d];
            for (int j = 0; j < d; j++) random[c][j] = generator.NextDouble();
        }
        if (points.Count == 0) return Decode(names, random[0]);
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        if (!(std > 0)) std = 1;
        var y = values.Select(v => (v - mean) / std).ToArray();
        var gp = GaussianProcessSurrogate.FitMaximumLikelihood(points.ToArray(), y, Kernel);
        double best = y.Max();
        double Ei(double[] u)
        {
            var (m, v) = gp.Predict(u);
            return GaussianProcessSurrogate.ExpectedImprovement(m, v, best, Xi);
        }
        var scored = random.Select(u => (Point: u, Ei: Ei(u))).ToList();
        var order = Enumerable.Range(0, scored.Count).OrderByDescending(i => scored[i].Ei).ToArray();
        var refined = order.Take(5).Select(i => Refine(scored[i].Point, scored[i].Ei, Ei)).ToList();
        var ranked = refined.Concat(order.Skip(5).Select(i => scored[i])).OrderByDescending(p => p.Ei).ToList();
        foreach (var (point, _) in ranked)
        {
            var candidate = Decode(names, point);
            if (!seen.Any(s => names.All(n => Equals(s[n], candidate[n])))) return candidate;
        }
        return Decode(names, ranked[0].Point);
    }

    /// <summary>Compass search maximising <paramref name="f"/> in the unit cube from <paramref name="start"/>.</summary>
    internal static (double[] Point, double Ei) Refine(double[] start, double value, Func<double[], double> f)
    {
        var x = (double[])start.Clone();
        for (double h = 0.1; h >= 1e-3; h /= 2)
        {
            bool improved = true;
            while (improved)
            {
                improved = false;
                for (int j = 0; j < x.Length; j++)
                    foreach (double sign in (double[])[1, -1])
                    {
                        var trial = (double[])x.Clone();
                        trial[j] = Math.Clamp(trial[j] + sign * h, 0, 1);
                        double v = f(trial);
                        if (v > value) { x = trial; value = v; improved = true; }
                    }
            }
        }
        return (x, value);
    }

    private Dictionary<string, object?> Decode(string[] names, double[] u)
    {
        var p = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++) p[names[j]] = Space[names[j]].FromUnit(u[j]);
        return p;
    }
}
