namespace Scratch.ML.Operators;

/// <summary>
/// A reduction <c>y = finish(combine(map(x₀), map(x₁), …))</c> as a struct with static members, so that the reduction
/// driver (<c>Cpu/ReduceDriver.cs</c>) is specialised per op by the JIT. <c>combine</c> must be associative and
/// commutative up to rounding: the driver chooses the order (contiguous runs, row accumulation, fixed-size parallel
/// chunks), but always the same order for the same shape and layout, whatever the thread count.
/// </summary>
/// <typeparam name="TSelf">The implementing struct (so default span kernels can call its scalar members).</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public interface IReduceOperator<TSelf, T> where TSelf : IReduceOperator<TSelf, T>
{
    /// <summary>The op's name (used in error messages and by GPU backends to find the kernel).</summary>
    static abstract string Name { get; }

    /// <summary>The result of reducing zero elements (before <see cref="Finish"/>), e.g. 0 for a sum.</summary>
    static abstract T Identity { get; }

    /// <summary>
    /// Whether reducing zero elements is an error (min and max have no identity, as in NumPy). Operators that set this
    /// must have <see cref="Map"/> equal to the identity function.
    /// </summary>
    static virtual bool RequiresNonEmpty => false;

    /// <summary>The per-element map applied before combining (|x| for an L1 norm, x² for L2); the identity by default.</summary>
    static virtual T Map(T x) => x;

    /// <summary>Combines two partial results (already mapped).</summary>
    static abstract T Combine(T a, T b);

    /// <summary>The span kernel: the combination of <c>Map(x[i])</c> over a non-empty contiguous span.</summary>
    static virtual T Reduce(ReadOnlySpan<T> x)
    {
        T acc = TSelf.Map(x[0]);
        for (int i = 1; i < x.Length; i++) acc = TSelf.Combine(acc, TSelf.Map(x[i]));
        return acc;
    }

    /// <summary>Starts a row of accumulators: <c>acc[i] = Map(x[i])</c>.</summary>
    static virtual void Start(ReadOnlySpan<T> x, Span<T> acc)
    {
        for (int i = 0; i < x.Length; i++) acc[i] = TSelf.Map(x[i]);
    }

    /// <summary>The row kernel for reductions over outer axes: <c>acc[i] = Combine(acc[i], Map(x[i]))</c>.</summary>
    static virtual void Accumulate(ReadOnlySpan<T> x, Span<T> acc)
    {
        for (int i = 0; i < x.Length; i++) acc[i] = TSelf.Combine(acc[i], TSelf.Map(x[i]));
    }

    /// <summary>Merges a row of partial results into the accumulators: <c>acc[i] = Combine(acc[i], partial[i])</c>.</summary>
    static virtual void Merge(ReadOnlySpan<T> partial, Span<T> acc)
    {
        for (int i = 0; i < partial.Length; i++) acc[i] = TSelf.Combine(acc[i], partial[i]);
    }

    /// <summary>Turns combined values into results in place (divide by the count for a mean, √ for an L2 norm).</summary>
    /// <param name="y">The combined values, one per output element.</param>
    /// <param name="count">How many input elements each output combines.</param>
    static virtual void Finish(Span<T> y, int count) { }
}
