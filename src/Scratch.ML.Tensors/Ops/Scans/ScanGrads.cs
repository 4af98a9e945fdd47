using System.Numerics;

namespace Scratch.ML;

/// <summary>
/// The VJPs of the cumulative ops (<see cref="Tensor.CumSum{T}"/>, <see cref="Tensor.CumProd{T}"/>,
/// <see cref="Tensor.LogCumSumExp{T}"/>), written with recorded public ops so they are differentiable again.
/// The scans accept any numeric T; gradients exist for float and double only, so these dispatch on T.
/// </summary>
internal static class ScanGrads
{
    /// <summary>The scan axis normalised for the VJP (a 0-d input scans a single element: axis −1 marks it).</summary>
    public static int Axis<T>(Tensor<T> x, int axis) where T : unmanaged
        => x.Rank == 0 ? CheckScalarAxis(axis) : Shapes.NormalizeAxis(axis, x.Rank);

    private static int CheckScalarAxis(int axis)
    {
        Shapes.NormalizeAxis(axis, 1);
        return -1;
    }

    /// <summary><c>rᵢ = Σ_{j≥i} gⱼ</c> along <paramref name="axis"/>: the adjoint of a cumulative sum.</summary>
    public static Tensor<T> ReverseCumSum<T>(Tensor<T> g, int axis) where T : unmanaged, INumber<T>
        => axis < 0 ? g : g.Flip(axis).CumSum(axis).Flip(axis);

    /// <summary>The VJP of a cumulative product (see <see cref="Tensor.CumProd{T}"/>).</summary>
    public static Tensor<T> CumProd<T>(Tensor<T> g, Tensor<T> x, Tensor<T> y, int axis) where T : unmanaged, INumber<T>
    {
        if (axis < 0) return g;
        if (typeof(T) == typeof(float)) return (Tensor<T>)(object)CumProdFloat((Tensor<float>)(object)g, (Tensor<float>)(object)x, (Tensor<float>)(object)y, axis);
        if (typeof(T) == typeof(double)) return (Tensor<T>)(object)CumProdFloat((Tensor<double>)(object)g, (Tensor<double>)(object)x, (Tensor<double>)(object)y, axis);
        throw new NotSupportedException($"Gradients are defined for float and double tensors only, not {typeof(T).Name}.");
    }

    private static Tensor<U> CumProdFloat<U>(Tensor<U> g, Tensor<U> x, Tensor<U> y, int a) where U : unmanaged, IFloatingPointIeee754<U>
    {
        bool hasZero = false;
        foreach (var v in x.Detach().ToArray()) hasZero |= v == U.Zero;
        if (!hasZero) return ReverseCumSum(g * y, a) / x;

        // Division-free: gxₖ = (Π_{j<k} xⱼ) · Sₖ with Sₖ = Σ_{i≥k} gᵢ Π_{k<j≤i} xⱼ = gₖ + xₖ₊₁·Sₖ₊₁.
        int n = x.Shape[a];
        if (n == 0) return g;
        var s = new Tensor<U>[n];
        s[n - 1] = g.Select(a, n - 1);
        for (int k = n - 2; k >= 0; k--) s[k] = g.Select(a, k) + x.Select(a, k + 1) * s[k + 1];
        var sum = Tensor.Stack<U>(s, a);
        var onesShape = x.ShapeArray();
        onesShape[a] = 1;
        var exclusive = Tensor.Concat<U>([Tensor.Full(U.One, x.Device, onesShape), y.Narrow(a, 0, n - 1)], a);
        return exclusive * sum;
    }

    /// <summary>The VJP of a cumulative log-sum-exp (see <see cref="Tensor.LogCumSumExp{T}"/>).</summary>
    public static Tensor<T> LogCumSumExp<T>(Tensor<T> g, Tensor<T> x, Tensor<T> y, int a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a < 0) return g * (x - y).Exp();
        int n = x.Shape[a];
        if (n == 0) return g;
        if (!Autograd.IsEnabled)
        {
            // A plain backward pass (nothing is recorded): PyTorch's stable O(n) form, with the signs of g split so
            // every term is a log-sum-exp: Σ_{i≥k} g±ᵢ exp(xₖ − yᵢ) = exp(xₖ + log Σ_{i≥k} exp(log g±ᵢ − yᵢ)).
            var pos = g.Relu().Log() - y;
            var neg = (-g).Relu().Log() - y;
            return (x + pos.Flip(a).LogCumSumExp(a).Flip(a)).Exp() - (x + neg.Flip(a).LogCumSumExp(a).Flip(a)).Exp();
        }
        // Building a graph of the gradient (log g± would put −∞ into it): c, the last (largest) prefix value of each row; range: the largest spread of y within a row.
        var c = y.Detach().Narrow(a, n - 1, 1);
        var spread = (c - y.Detach().Narrow(a, 0, 1)).ToArray();
        T range = T.Zero;
        foreach (var v in spread) range = T.IsNaN(v) ? T.PositiveInfinity : T.Max(range, v);
        // exp(c − y) ≤ exp(range) must stay far from overflow even after summing: half the log of the largest value.
        T limit = T.CreateTruncating(typeof(T) == typeof(float) ? 40.0 : 300.0); // ≈ half of ln(MaxValue)
        if (range <= limit)
            return (x - c).Exp() * ReverseCumSum(g * (c - y).Exp(), a);

        // Masked form: W[i, k] = exp(xₖ − yᵢ) for k ≤ i (exponent ≤ 0), 0 above the diagonal.
        var xt = x.Transpose(a, -1);
        var yt = y.Transpose(a, -1);
        var gt = g.Transpose(a, -1);
        var upper = new bool[n * n];
        for (int i = 0; i < n; i++) for (int k = i + 1; k < n; k++) upper[i * n + k] = true;
        var mask = Tensor.FromSpan<bool>(upper, [n, n], x.Device);
        var w = (xt.Unsqueeze(-2) - yt.Unsqueeze(-1)).MaskedFill(mask, T.NegativeInfinity).Exp();
        return (gt.Unsqueeze(-1) * w).Sum(-2).Transpose(a, -1);
    }
}
