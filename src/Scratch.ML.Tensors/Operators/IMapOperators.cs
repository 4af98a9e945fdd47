namespace Scratch.ML.Operators;

/// <summary>
/// An elementwise function <c>y = f(x)</c> whose output type may differ from its input type (casts, predicates such as
/// <c>IsNaN</c>) or that carries parameters (<c>Clamp(min, max)</c>, <c>Softplus(beta, threshold)</c>). Unlike
/// <see cref="IUnaryOperator{TSelf, T}"/> its members are instance members, so a struct value carries the parameters;
/// drivers are generic over the struct type, so calls are still specialised and inlined (no boxing, no virtual calls).
/// </summary>
/// <typeparam name="TIn">The input element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public interface IMapOperator<TIn, TOut>
{
    /// <summary>The op's name (used in messages and by GPU backends to find the kernel).</summary>
    string Name { get; }

    /// <summary>The scalar function: the readable reference for the span kernel.</summary>
    TOut Invoke(TIn x);

    /// <summary>
    /// <c>y[i] = f(x[i])</c> for spans of equal length. When <typeparamref name="TIn"/> equals
    /// <typeparamref name="TOut"/>, <paramref name="x"/> and <paramref name="y"/> may be the same memory.
    /// </summary>
    void Invoke(ReadOnlySpan<TIn> x, Span<TOut> y);
}

/// <summary>
/// An elementwise function <c>y = f(a, b)</c> of two operands of one type into a possibly different type
/// (comparisons into <see cref="bool"/>, logical ops), with span kernels for the three contiguous row cases.
/// </summary>
/// <typeparam name="TIn">The operand element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public interface IZipOperator<TIn, TOut>
{
    /// <summary>The op's name (used in messages and by GPU backends to find the kernel).</summary>
    string Name { get; }

    /// <summary>The scalar function: the readable reference for the span kernels.</summary>
    TOut Invoke(TIn a, TIn b);

    /// <summary><c>y[i] = f(a[i], b[i])</c>.</summary>
    void Invoke(ReadOnlySpan<TIn> a, ReadOnlySpan<TIn> b, Span<TOut> y);

    /// <summary><c>y[i] = f(a[i], b)</c>.</summary>
    void Invoke(ReadOnlySpan<TIn> a, TIn b, Span<TOut> y);

    /// <summary><c>y[i] = f(a, b[i])</c>.</summary>
    void Invoke(TIn a, ReadOnlySpan<TIn> b, Span<TOut> y);
}
