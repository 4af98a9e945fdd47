namespace Scratch.ML.Operators;

/// <summary>
/// An elementwise function y = f(x) as a struct with static members, so that kernels are specialised per op by the
/// JIT (no delegates or virtual calls in loops; STYLE.md rule 3).
/// </summary>
/// <typeparam name="TSelf">The implementing struct (so default span kernels can call its scalar function).</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public interface IUnaryOperator<TSelf, T> where TSelf : IUnaryOperator<TSelf, T>
{
    /// <summary>The op's name; GPU backends look up the kernel <c>{Name}_{dtype}</c> by it.</summary>
    static abstract string Name { get; }

    /// <summary>The scalar function: the readable reference for the span kernel.</summary>
    static abstract T Invoke(T x);

    /// <summary>
    /// The span kernel: <c>y[i] = f(x[i])</c> for contiguous spans of equal length (usually a TensorPrimitives call
    /// or hand-written Vector512 code). <paramref name="x"/> and <paramref name="y"/> may be the same memory.
    /// </summary>
    static virtual void Invoke(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = TSelf.Invoke(x[i]);
    }
}

/// <summary>An elementwise function y = f(a, b) with span kernels for the three contiguous cases.</summary>
/// <typeparam name="TSelf">The implementing struct (so default span kernels can call its scalar function).</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public interface IBinaryOperator<TSelf, T> where TSelf : IBinaryOperator<TSelf, T>
{
    /// <summary>The op's name; GPU backends look up the kernel <c>{Name}_{dtype}</c> by it.</summary>
    static abstract string Name { get; }

    /// <summary>The scalar function: the readable reference for the span kernels.</summary>
    static abstract T Invoke(T a, T b);

    /// <summary><c>y[i] = f(a[i], b[i])</c>.</summary>
    static virtual void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
    {
        for (int i = 0; i < a.Length; i++) y[i] = TSelf.Invoke(a[i], b[i]);
    }

    /// <summary><c>y[i] = f(a[i], b)</c>: the right operand broadcast along the row.</summary>
    static virtual void Invoke(ReadOnlySpan<T> a, T b, Span<T> y)
    {
        for (int i = 0; i < a.Length; i++) y[i] = TSelf.Invoke(a[i], b);
    }

    /// <summary><c>y[i] = f(a, b[i])</c>: the left operand broadcast along the row.</summary>
    static virtual void Invoke(T a, ReadOnlySpan<T> b, Span<T> y)
    {
        for (int i = 0; i < b.Length; i++) y[i] = TSelf.Invoke(a, b[i]);
    }
}
