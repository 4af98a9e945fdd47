using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = min(max(x, lo), hi)</c>. NaN inputs stay NaN (as torch.clamp); lo ≤ hi is required. Special values:
/// clamp(±∞) = hi or lo. Derivative: ∂y/∂x = 1 where lo ≤ x ≤ hi (bounds included, as PyTorch), else 0.
/// </summary>
public readonly struct ClampOperator<T> : IMapOperator<T, T> where T : INumber<T>
{
    private readonly T lo, hi;

    /// <summary>Creates the operator.</summary>
    /// <exception cref="ArgumentException">min is greater than max, or either is NaN.</exception>
    public ClampOperator(T min, T max)
    {
        if (T.IsNaN(min) || T.IsNaN(max) || min > max)
            throw new ArgumentException($"clamp: expected min ≤ max (both numbers) but got min = {min}, max = {max}.", nameof(min));
        lo = min;
        hi = max;
    }

    /// <inheritdoc />
    public string Name => "clamp";
    /// <inheritdoc />
    public T Invoke(T x) => T.IsNaN(x) ? x : x < lo ? lo : x > hi ? hi : x;
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<T> y)
    {
        // Two passes of TensorPrimitives' NaN-propagating Max/Min; the second runs on data still in L1 for driver chunks.
        TensorPrimitives.Max(x, lo, y);
        TensorPrimitives.Min(y, hi, y);
    }
}

/// <summary><c>y = max(x, lo)</c> with NaN propagated (torch.clamp_min). Derivative: 1 where x ≥ lo, else 0 (as PyTorch).</summary>
public readonly struct ClampMinOperator<T>(T min) : IMapOperator<T, T> where T : INumber<T>
{
    /// <inheritdoc />
    public string Name => "clamp_min";
    /// <inheritdoc />
    public T Invoke(T x) => T.IsNaN(x) || x > min ? x : min;
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, min, y);
}

/// <summary><c>y = min(x, hi)</c> with NaN propagated (torch.clamp_max). Derivative: 1 where x ≤ hi, else 0 (as PyTorch).</summary>
public readonly struct ClampMaxOperator<T>(T max) : IMapOperator<T, T> where T : INumber<T>
{
    /// <inheritdoc />
    public string Name => "clamp_max";
    /// <inheritdoc />
    public T Invoke(T x) => T.IsNaN(x) || x < max ? x : max;
    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Min(x, max, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>min(max(x, min), max)</c> (see <see cref="ClampOperator{T}"/>).</summary>
        /// <exception cref="ArgumentException">min &gt; max or either is NaN.</exception>
        public Tensor<T> Clamp(T min, T max)
            => Autograd.Record(ElementwiseMap.Map<T, T, ClampOperator<T>>(x, new ClampOperator<T>(min, max)), "clamp", x, ClampVjp, (min, max));
        /// <summary>In-place clamp; returns x.</summary>
        /// <exception cref="ArgumentException">min &gt; max or either is NaN.</exception>
        public Tensor<T> ClampInPlace(T min, T max) => ElementwiseMap.MapInPlace(x, new ClampOperator<T>(min, max));
        /// <summary>Elementwise <c>max(x, min)</c>, NaN propagated.</summary>
        public Tensor<T> ClampMin(T min)
            => Autograd.Record(ElementwiseMap.Map<T, T, ClampMinOperator<T>>(x, new ClampMinOperator<T>(min)), "clamp_min", x,
                static (g, n) => Tensor.Where(n.Input(0).Ge(n.State<T>()), g, T.Zero), min);
        /// <summary>In-place <c>max(x, min)</c>; returns x.</summary>
        public Tensor<T> ClampMinInPlace(T min) => ElementwiseMap.MapInPlace(x, new ClampMinOperator<T>(min));
        /// <summary>Elementwise <c>min(x, max)</c>, NaN propagated.</summary>
        public Tensor<T> ClampMax(T max)
            => Autograd.Record(ElementwiseMap.Map<T, T, ClampMaxOperator<T>>(x, new ClampMaxOperator<T>(max)), "clamp_max", x,
                static (g, n) => Tensor.Where(n.Input(0).Le(n.State<T>()), g, T.Zero), max);
        /// <summary>In-place <c>min(x, max)</c>; returns x.</summary>
        public Tensor<T> ClampMaxInPlace(T max) => ElementwiseMap.MapInPlace(x, new ClampMaxOperator<T>(max));
    }
}

public static partial class Tensor
{
    // ∂y/∂x = 1 where min ≤ x ≤ max (bounds included, as PyTorch's clamp_backward), else 0; NaN inputs get 0.
    private static Tensor<T> ClampVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
    {
        var (min, max) = n.State<(T, T)>();
        var x = n.Input(0);
        return Tensor.Where(x.Ge(min) & x.Le(max), g, T.Zero);
    }
}
