using System.Collections;

namespace Scratch.ML.Learn.ModelSelection;

/// <summary>
/// The Cartesian product of parameter values (scikit-learn's <c>ParameterGrid</c>): one or more grids, each a map of
/// parameter name → candidate values. Within a grid the names are sorted (ordinal order, as Python sorts strings) and
/// the product runs with the last name varying fastest; grids follow each other in the given order. An empty grid
/// contributes one empty parameter set.
/// </summary>
/// <remarks>
/// Names are those of <see cref="EstimatorParameters"/> (constructor parameters, dotted names such as <c>"svc.C"</c> for
/// nested estimators). The grid does not know the estimator, so names and values are checked by the search when it builds
/// each candidate through the estimator's constructor.
/// </remarks>
public sealed class ParameterGrid : IReadOnlyList<IReadOnlyDictionary<string, object?>>
{
    private readonly (string[] Names, object?[][] Values)[] grids;
    private readonly int count;

    /// <summary>A grid (or several grids explored one after the other).</summary>
    /// <exception cref="ArgumentException">No grid, an empty name, a name with no values, or more than 2³¹ − 1 candidates.</exception>
    public ParameterGrid(params IReadOnlyDictionary<string, IReadOnlyList<object?>>[] grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        if (grids.Length == 0) throw new ArgumentException("ParameterGrid: needs at least one grid (an empty grid means one empty parameter set).", nameof(grids));
        this.grids = new (string[], object?[][])[grids.Length];
        long total = 0;
        for (int g = 0; g < grids.Length; g++)
        {
            ArgumentNullException.ThrowIfNull(grids[g], nameof(grids));
            var names = grids[g].Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            var values = new object?[names.Length][];
            long size = 1;
            for (int i = 0; i < names.Length; i++)
            {
                if (string.IsNullOrEmpty(names[i])) throw new ArgumentException($"ParameterGrid: grid {g} has an empty parameter name.", nameof(grids));
                var list = grids[g][names[i]] ?? throw new ArgumentException($"ParameterGrid: grid {g}, parameter '{names[i]}' has a null value list.", nameof(grids));
                if (list.Count == 0) throw new ArgumentException($"ParameterGrid: grid {g}, parameter '{names[i]}' has no values (expected at least one).", nameof(grids));
                values[i] = list.ToArray();
                size *= list.Count;
                if (size > int.MaxValue) throw new ArgumentException("ParameterGrid: more than 2³¹ − 1 candidates.", nameof(grids));
            }
            this.grids[g] = (names, values);
            total += size;
            if (total > int.MaxValue) throw new ArgumentException("ParameterGrid: more than 2³¹ − 1 candidates.", nameof(grids));
        }
        count = (int)total;
    }

    /// <summary>The number of parameter sets: Σ over grids of Π over names of the number of values.</summary>
    public int Count => count;

    /// <summary>The parameter set at <paramref name="index"/> (scikit-learn's <c>ParameterGrid[index]</c>), without enumerating the others.</summary>
    /// <exception cref="ArgumentOutOfRangeException">index ∉ [0, Count).</exception>
    public IReadOnlyDictionary<string, object?> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index), index, $"ParameterGrid: index must be in [0, {count}).");
            foreach (var (names, values) in grids)
            {
                long size = 1;
                foreach (var v in values) size *= v.Length;
                if (index >= size) { index -= (int)size; continue; }
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                var picks = new object?[names.Length];
                for (int i = names.Length - 1; i >= 0; i--)
                {
                    picks[i] = values[i][index % values[i].Length];
                    index /= values[i].Length;
                }
                for (int i = 0; i < names.Length; i++) result[names[i]] = picks[i];
                return result;
            }
            throw new InvalidOperationException("ParameterGrid: unreachable index.");
        }
    }

    /// <inheritdoc />
    public IEnumerator<IReadOnlyDictionary<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A one-grid shorthand: <c>ParameterGrid.Of(("Alpha", [0.1, 1.0]), ("FitIntercept", [true, false]))</c>.</summary>
    public static ParameterGrid Of(params (string Name, object?[] Values)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grid = new Dictionary<string, IReadOnlyList<object?>>(StringComparer.Ordinal);
        foreach (var (name, values) in parameters)
        {
            if (!grid.TryAdd(name, values)) throw new ArgumentException($"ParameterGrid: parameter '{name}' given twice.", nameof(parameters));
        }
        return new ParameterGrid(grid);
    }
}
