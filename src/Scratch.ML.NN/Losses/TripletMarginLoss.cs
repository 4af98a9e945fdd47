using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Triplet margin loss (PyTorch's <c>nn.TripletMarginLoss</c>): with d(u, v) = ‖u − v + ε‖_p over the last axis,
/// <c>ℓᵢ = max(0, margin + d(aᵢ, pᵢ) − d(aᵢ, nᵢ))</c>; with <c>swap</c> the negative distance is
/// min(d(a, n), d(p, n)) (Balntas et al. 2016).
/// Shapes: anchor, positive, negative (N, D) or (D), all the same; output: scalar, or (N) with <see cref="Reduction.None"/>.
/// </summary>
/// <remarks>The norm is (Σ|v|^p)^(1/p), built from a recorded |v|^p op whose VJP is p·|v|^(p−1)·sign(v).</remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class TripletMarginLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin (&gt; 0, default 1).</param>
    /// <param name="p">The norm degree (&gt; 0, default 2).</param>
    /// <param name="eps">Added to the differences before the norm (default 1e−6), avoiding the norm's kink at 0.</param>
    /// <param name="swap">Use the distance swap (default false).</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown reduction, margin ≤ 0, p ≤ 0 or not finite, or eps not finite.</exception>
    public TripletMarginLoss(double margin = 1.0, double p = 2.0, double eps = 1e-6, bool swap = false, Reduction reduction = Reduction.Mean)
    {
        LossMath.CheckReduction(reduction);
        if (!(margin > 0) || double.IsInfinity(margin)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "TripletMarginLoss: margin must be a positive finite number.");
        if (!(p > 0) || double.IsInfinity(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "TripletMarginLoss: p must be a positive finite number.");
        if (!double.IsFinite(eps)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "TripletMarginLoss: eps must be finite.");
        Margin = margin;
        P = p;
        Eps = eps;
        Swap = swap;
        Reduction = reduction;
    }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The norm degree p.</summary>
    public double P { get; }

    /// <summary>The ε added inside the norm.</summary>
    public double Eps { get; }

    /// <summary>Whether the distance swap is used.</summary>
    public bool Swap { get; }

    /// <summary>The reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="anchor">Anchors (N, D) or (D).</param>
    /// <param name="positive">Positives, the same shape.</param>
    /// <param name="negative">Negatives, the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ or are not (N, D) / (D).</exception>
    public Tensor<T> Forward(Tensor<T> anchor, Tensor<T> positive, Tensor<T> negative)
    {
        LossMath.CheckSameShape("TripletMarginLoss", anchor, nameof(anchor), positive, nameof(positive));
        LossMath.CheckSameShape("TripletMarginLoss", anchor, nameof(anchor), negative, nameof(negative));
        if (anchor.Rank is not (1 or 2))
            throw new ArgumentException($"TripletMarginLoss: inputs must be (N, D) or (D), got {Shapes.Format(anchor.Shape)}.", nameof(anchor));
        var dPos = Distance(anchor, positive);
        var dNeg = Distance(anchor, negative);
        if (Swap) dNeg = LossMath.Minimum(dNeg, Distance(positive, negative));
        return LossMath.Reduce((dPos - dNeg + T.CreateChecked(Margin)).Relu(), Reduction);
    }

    private Tensor<T> Distance(Tensor<T> u, Tensor<T> v)
    {
        T p = T.CreateChecked(P);
        return LossMath.PowAbs(LossMath.PowAbs(u - v + T.CreateChecked(Eps), p).Sum(-1), T.One / p);
    }
}
