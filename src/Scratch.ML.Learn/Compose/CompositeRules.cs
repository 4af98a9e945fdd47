using System.Globalization;

namespace Scratch.ML.Learn.Compose;

/// <summary>Validation and naming shared by the composite estimators.</summary>
internal static class CompositeRules
{
    /// <summary>Checks child names: non-empty, unique, without '.' (the dotted-parameter separator) or '/' (the file prefix separator).</summary>
    public static void CheckNames(string owner, IEnumerable<string> names, string argument)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"{owner}: every step needs a non-empty name.", argument);
            if (name.Contains('.', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
                throw new ArgumentException($"{owner}: name \"{name}\" contains '.' or '/'; '.' separates nested parameter names (\"{name}.Alpha\").", argument);
            if (!seen.Add(name))
                throw new ArgumentException($"{owner}: the name \"{name}\" is used twice; names must be unique.", argument);
        }
    }

    /// <summary>
    /// scikit-learn's <c>_name_estimators</c>: each estimator is named by its lower-cased type name; a name that
    /// occurs k &gt; 1 times becomes <c>name-1</c> … <c>name-k</c>.
    /// </summary>
    public static string[] AutoNames(IReadOnlyList<IEstimator> estimators)
    {
        var names = new string[estimators.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = (estimators[i] ?? throw new ArgumentNullException(nameof(estimators), $"estimator {i} is null.")).GetType().Name.ToLowerInvariant();
        var counts = names.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
            if (counts[names[i]] > 1)
            {
                used[names[i]] = used.GetValueOrDefault(names[i]) + 1;
                names[i] = names[i] + "-" + used[names[i]].ToString(CultureInfo.InvariantCulture);
            }
        return names;
    }

    /// <summary>
    /// The capabilities of transformers applied side by side (column transformer, feature union): a transformer whose
    /// flags are the conjunction (NaN handled only if every active part handles it; row-order invariant only if every
    /// part is) or disjunction (stochastic, non-negative input, integer codes if any part requires it) of the parts;
    /// <see cref="Drop"/> entries are ignored.
    /// </summary>
    public static EstimatorCapabilities SideBySide(IEnumerable<IEstimator> parts)
    {
        var active = parts.Where(p => p is not Drop).Select(p => p.Capabilities).ToArray();
        return new EstimatorCapabilities(EstimatorKind.Transformer, Supervised: false,
            HandlesMissingValues: active.All(c => c.HandlesMissingValues),
            Stochastic: active.Any(c => c.Stochastic),
            RowOrderInvariant: active.All(c => c.RowOrderInvariant),
            RequiresNonNegativeInput: active.Any(c => c.RequiresNonNegativeInput),
            RequiresIntegerCodes: active.Any(c => c.RequiresIntegerCodes),
            MinimumSamples: active.Length == 0 ? 1 : active.Max(c => c.MinimumSamples));
    }

    /// <summary>Whether two child lists have equal names and equal estimators, in order.</summary>
    public static bool SameChildren(IReadOnlyList<(string Name, IEstimator Estimator)> a, IReadOnlyList<(string Name, IEstimator Estimator)> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (a[i].Name != b[i].Name || !a[i].Estimator.Equals(b[i].Estimator)) return false;
        return true;
    }

    /// <summary>A hash over names and estimators.</summary>
    public static int Hash(IEnumerable<(string Name, IEstimator Estimator)> children)
    {
        var h = new HashCode();
        foreach (var (name, estimator) in children) { h.Add(name); h.Add(estimator); }
        return h.ToHashCode();
    }
}
