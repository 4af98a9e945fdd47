using Scratch.ML.Operators;

namespace Scratch.ML.Cpu;

/// <summary>
/// Reads a same-type unary operator as a map operator, so <see cref="UnaryDriver"/> walks rows with
/// <see cref="MapDriver"/>'s row walker instead of a copy of it. A zero-size struct: the JIT inlines every call.
/// </summary>
internal readonly struct UnaryAsMap<T, TOp> : IMapOperator<T, T> where TOp : struct, IUnaryOperator<TOp, T>
{
    public string Name => TOp.Name;
    public T Invoke(T x) => TOp.Invoke(x);
    public void Invoke(ReadOnlySpan<T> x, Span<T> y) => TOp.Invoke(x, y);
}

/// <summary>Reads a same-type binary operator as a zip operator (see <see cref="UnaryAsMap{T, TOp}"/>).</summary>
internal readonly struct BinaryAsZip<T, TOp> : IZipOperator<T, T> where TOp : struct, IBinaryOperator<TOp, T>
{
    public string Name => TOp.Name;
    public T Invoke(T a, T b) => TOp.Invoke(a, b);
    public void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TOp.Invoke(a, b, y);
    public void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TOp.Invoke(a, b, y);
    public void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TOp.Invoke(a, b, y);
}
