using System.Numerics;

namespace Scratch.ML.Learn;

/// <summary>The validation every estimator applies to its inputs, in one place, with messages naming the estimator.</summary>
public static class InputChecks
{
    /// <summary>
    /// Checks a feature matrix: 2-d (n, d) with n ≥ 1 and d ≥ 1, and finite unless <paramref name="allowNaN"/> (then
    /// NaN is allowed but ±∞ is not). Returns a contiguous tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The shape or the values are invalid; the message names the first bad element.</exception>
    public static Tensor<T> Features<T>(string estimator, Tensor<T> x, bool allowNaN = false, string argument = "x") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x, argument);
        if (x.Rank != 2)
            throw new ArgumentException($"{estimator}: {argument} must be a 2-d (samples, features) tensor, got shape {Shapes.Format(x.Shape)}.", argument);
        if (x.Shape[0] < 1 || x.Shape[1] < 1)
            throw new ArgumentException($"{estimator}: {argument} must have at least one sample and one feature, got shape {Shapes.Format(x.Shape)}.", argument);
        var c = x.Contiguous().Detach();
        var span = c.AsSpan();
        int d = x.Shape[1];
        for (int i = 0; i < span.Length; i++)
        {
            var v = span[i];
            if (T.IsFinite(v) || (allowNaN && T.IsNaN(v))) continue;
            throw new ArgumentException($"{estimator}: {argument}[{i / d}, {i % d}] is {v}; " +
                (allowNaN ? "infinite values are not supported." : "NaN and infinite values are not supported (impute them first)."), argument);
        }
        return c;
    }

    /// <summary>Checks that x has the feature count seen at fit time.</summary>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static Tensor<T> Features<T>(string model, Tensor<T> x, int expectedFeatures, bool allowNaN = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = Features(model, x, allowNaN);
        if (c.Shape[1] != expectedFeatures)
            throw new ArgumentException($"{model}: x has {c.Shape[1]} features, but the model was fitted with {expectedFeatures}.", nameof(x));
        return c;
    }

    /// <summary>
    /// Checks regression targets: (n) or (n, k) with n equal to the number of samples, finite. Returns a contiguous
    /// (n, k) view and whether the input was 1-d.
    /// </summary>
    public static (Tensor<T> Y, bool Vector) Targets<T>(string estimator, Tensor<T> y, int samples, bool multiOutput) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(y);
        bool vector = y.Rank == 1;
        if (!(vector || (y.Rank == 2 && multiOutput)) || y.Shape[0] != samples || (!vector && y.Shape[1] < 1))
            throw new ArgumentException($"{estimator}: y must have shape ({samples}){(multiOutput ? $" or ({samples}, k)" : "")} to match x, got {Shapes.Format(y.Shape)}.", nameof(y));
        var c = Features(estimator, vector ? y.Reshape(samples, 1) : y, allowNaN: false, argument: "y");
        return (c, vector);
    }

    /// <summary>Checks sample weights: (n), finite, ≥ 0, not all zero. Null means all ones.</summary>
    public static Tensor<T>? Weights<T>(string estimator, Tensor<T>? w, int samples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w is null) return null;
        if (w.Rank != 1 || w.Shape[0] != samples)
            throw new ArgumentException($"{estimator}: sampleWeight must have shape ({samples}), got {Shapes.Format(w.Shape)}.", "sampleWeight");
        var c = w.Contiguous().Detach();
        var s = c.AsSpan();
        T total = T.Zero;
        for (int i = 0; i < s.Length; i++)
        {
            if (!T.IsFinite(s[i]) || s[i] < T.Zero)
                throw new ArgumentException($"{estimator}: sampleWeight[{i}] is {s[i]}; weights must be finite and ≥ 0.", "sampleWeight");
            total += s[i];
        }
        if (total == T.Zero) throw new ArgumentException($"{estimator}: the sample weights sum to zero.", "sampleWeight");
        return c;
    }

    /// <summary>Rejects negative entries (count-like features); returns x.</summary>
    /// <exception cref="ArgumentException">An entry is negative; the message names it.</exception>
    public static Tensor<T> NonNegative<T>(string estimator, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = x.Contiguous().Detach();
        var s = c.AsSpan();
        int d = x.Rank == 2 ? x.Shape[1] : 1;
        for (int i = 0; i < s.Length; i++)
            if (s[i] < T.Zero)
                throw new ArgumentException($"{estimator}: x[{i / d}, {i % d}] is {s[i]}; this estimator needs non-negative (count-like) features.", nameof(x));
        return c;
    }
}
