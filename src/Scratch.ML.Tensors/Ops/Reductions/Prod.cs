using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = Π xᵢ</c>. Empty product = 1. Integer products wrap on overflow. Derivative: ∂y/∂xᵢ = Π_{j≠i} xⱼ, which is
/// y/xᵢ when no factor is zero; with one zero only the zero's position gets a gradient (the product of the others),
/// with two or more zeros the gradient is 0 (as PyTorch's <c>prod_backward</c>).
/// </summary>
public readonly struct ProdOperator<T> : IReduceOperator<ProdOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "prod";
    /// <inheritdoc />
    public static T Identity => T.One;
    /// <inheritdoc />
    public static T Combine(T a, T b) => a * b;
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Product(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(x, acc, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Multiply(partial, acc, acc);
}

public static partial class Tensor
{
    /// <summary>Above this many elements the exact zero-safe product of the others (an (…, R, R) tensor) is not built.</summary>
    private const int ProdOthersLimit = 1 << 22;

    /// <summary>
    /// VJP of prod: gx = g·Π_{j≠i} xⱼ. Without zeros this is g·y/x (exact to every order). With zeros the products of
    /// the others are formed exactly (differentiable again) from the reduced group laid out as (…, R) and expanded
    /// to (…, R, R) with ones on the diagonal — O(R²) memory, used up to <see cref="ProdOthersLimit"/> elements;
    /// beyond it a masked first-order form is used (exact gradient, second derivatives through zeros not tracked).
    /// </summary>
    private static Tensor<T> ProdVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, INumber<T>
    {
        var s = n.State<ReductionGradState>();
        var x = n.Input(0);
        var gk = g.Reshape(s.KeepShape);
        Tensor<T> isZero;
        bool anyZero;
        using (Autograd.NoGrad())
        {
            isZero = x.Detach().Eq(T.Zero).Cast<T>();
            anyZero = !T.IsZero(isZero.Sum().ToScalar());
        }
        if (!anyZero) return gk * n.Output.Reshape(s.KeepShape) / x;
        int r = s.Count, groups = x.Length / Math.Max(r, 1);
        if ((long)groups * r * r <= ProdOthersLimit) return gk * ProductOfOthers(x, s.Axes);
        // Masked form: zeros replaced by 1, p = Π x̃; the others' product is p/x̃ᵢ in a group without zeros, p at the
        // zero of a group with exactly one zero, and 0 elsewhere.
        Tensor<T> weight;
        using (Autograd.NoGrad())
        {
            var zeros = isZero.Sum(s.Axes, keepDims: true);
            var none = zeros.Eq(T.Zero).Cast<T>();
            var one = zeros.Eq(T.One).Cast<T>();
            weight = none + one * isZero;
        }
        var safe = x + isZero;
        return gk * (safe.Prod(s.Axes, keepDims: true) / safe) * weight;
    }

    /// <summary>
    /// others[i] = Π_{j≠i} x[j] within each reduced group, same shape as x: the reduced axes are moved last and
    /// flattened to R, the row is broadcast to (…, R, R) with the diagonal set to 1, and its product taken.
    /// </summary>
    private static Tensor<T> ProductOfOthers<T>(Tensor<T> x, int[] axes) where T : unmanaged, INumber<T>
    {
        int rank = x.Rank, kept = rank - axes.Length;
        var perm = new int[rank];
        var keptShape = new List<int>();
        var movedShape = new List<int>();
        int k = 0;
        for (int i = 0; i < rank; i++)
            if (Array.IndexOf(axes, i) < 0) { perm[k++] = i; keptShape.Add(x.Shape[i]); }
        foreach (int a in axes) { perm[k++] = a; movedShape.Add(x.Shape[a]); }
        int r = 1;
        foreach (int d in movedShape) r *= d;
        var rows = x.Permute(perm).Reshape([.. keptShape, r]);
        Tensor<T> eye, offDiagonal;
        using (Autograd.NoGrad())
        {
            eye = Tensor.Eye<T>(r).To(x.Device);
            offDiagonal = Tensor.OnesLike(eye) - eye;
        }
        var others = (rows.Unsqueeze(-2) * offDiagonal + eye).Prod(-1);
        var back = new int[rank];
        for (int i = 0; i < rank; i++) back[perm[i]] = i;
        return others.Reshape([.. keptShape, .. movedShape]).Permute(back);
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>The product of all elements, as a 0-d tensor. Empty → 1.</summary>
        public Tensor<T> Prod() => Reductions.RecordReduce(Reductions.Reduce<T, ProdOperator<T>>(x, default, false), "prod", x, default, ProdVjp);

        /// <summary>The product along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Prod(int axis, bool keepDims = false) => Reductions.RecordReduce(Reductions.Reduce<T, ProdOperator<T>>(x, [axis], keepDims), "prod", x, [axis], ProdVjp);

        /// <summary>The product over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> Prod(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.RecordReduce(Reductions.Reduce<T, ProdOperator<T>>(x, axes, keepDims), "prod", x, axes, ProdVjp);
    }
}
