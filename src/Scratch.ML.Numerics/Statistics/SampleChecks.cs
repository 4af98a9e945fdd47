namespace Scratch.ML.Statistics;

/// <summary>Argument checks shared by the sample statistics: non-empty, no NaN (never silently skipped).</summary>
internal static class SampleChecks
{
    internal static void Require(string op, ReadOnlySpan<double> x, string name, int minimum = 1)
    {
        if (x.Length < minimum)
            throw new ArgumentException($"{op}: {name} needs at least {minimum} value(s), got {x.Length}.", name);
        for (int i = 0; i < x.Length; i++)
            if (double.IsNaN(x[i]))
                throw new ArgumentException($"{op}: {name}[{i}] is NaN; remove missing values before calling.", name);
    }

    internal static void SameLength(string op, ReadOnlySpan<double> x, ReadOnlySpan<double> y, string xName, string yName)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"{op}: {xName} and {yName} must have the same length, got {x.Length} and {y.Length}.", yName);
    }

    internal static void Ddof(string op, int ddof, int n)
    {
        if (ddof < 0) throw new ArgumentOutOfRangeException(nameof(ddof), ddof, $"{op}: ddof must be ≥ 0.");
        if (ddof >= n) throw new ArgumentException($"{op}: ddof = {ddof} needs more than {ddof} values, got {n}.", nameof(ddof));
    }
}
