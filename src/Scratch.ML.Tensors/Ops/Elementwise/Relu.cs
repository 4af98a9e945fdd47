using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = max(x, 0)</c>. Special values: relu(NaN) = NaN (propagated, as PyTorch), relu(−0) = +0, relu(+∞) = +∞. Derivative: ∂y/∂x = 1 for x &gt; 0, else 0.
/// </summary>
/// <remarks>TensorPrimitives.Max propagates NaN and orders −0 below +0, which gives exactly the scalar definition.</remarks>
public readonly struct ReluOperator<T> : IUnaryOperator<ReluOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "relu";
    /// <inheritdoc />
    public static T Invoke(T x) => T.IsNaN(x) || x > T.Zero ? x : T.Zero;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, T.Zero, y);
}

/// <summary>
/// The ReLU backward step as one kernel (PyTorch's <c>threshold_backward</c>): <c>r = y &gt; 0 ? g : 0</c> for the
/// incoming gradient g and the saved ReLU output y, instead of the three passes <c>g · (y &gt; 0).Cast()</c>.
/// Where y ≤ 0 or y is NaN the result is exactly 0, even for an infinite or NaN g (as in PyTorch).
/// </summary>
public readonly struct ReluBackwardOperator<T> : IBinaryOperator<ReluBackwardOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "relu_backward";
    /// <inheritdoc />
    public static T Invoke(T g, T y) => y > T.Zero ? g : T.Zero;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> r)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            ref T rg = ref MemoryMarshal.GetReference(g);
            ref T ry = ref MemoryMarshal.GetReference(y);
            ref T rr = ref MemoryMarshal.GetReference(r);
            for (; i <= g.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var mask = Vector512.GreaterThan(Vector512.LoadUnsafe(ref ry, (nuint)i), Vector512<T>.Zero);
                (Vector512.LoadUnsafe(ref rg, (nuint)i) & mask).StoreUnsafe(ref rr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            ref T rg = ref MemoryMarshal.GetReference(g);
            ref T ry = ref MemoryMarshal.GetReference(y);
            ref T rr = ref MemoryMarshal.GetReference(r);
            for (; i <= g.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref ry, (nuint)i), Vector256<T>.Zero);
                (Vector256.LoadUnsafe(ref rg, (nuint)i) & mask).StoreUnsafe(ref rr, (nuint)i);
            }
        }
        for (; i < g.Length; i++) r[i] = Invoke(g[i], y[i]);
    }
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = max(x</c> into a new tensor (see <see cref="ReluOperator{T}"/>).</summary>
        /// <remarks>Backward: one <see cref="ReluBackwardOperator{T}"/> pass over (g, y).</remarks>
        public Tensor<T> Relu() => Autograd.Record(Elementwise.Unary<T, ReluOperator<T>>(x), "relu", x, static (g, n) => ReluBackward(g, n.Output));
        /// <summary>In-place <c>y = max(x</c> through x's strides; returns x.</summary>
        public Tensor<T> ReluInPlace() => Elementwise.UnaryInPlace<T, ReluOperator<T>>(x);
    }

    /// <summary>
    /// The ReLU VJP <c>r = y &gt; 0 ? g : 0</c> (g and y of one shape; see <see cref="ReluBackwardOperator{T}"/>).
    /// Differentiable in g: the op is linear in g with the same mask, so its own VJP is <c>ReluBackward(gg, y)</c>
    /// (and zero with respect to y, whose mask is piecewise constant), which keeps gradients of gradients working.
    /// </summary>
    internal static Tensor<T> ReluBackward<T>(Tensor<T> g, Tensor<T> y) where T : unmanaged, INumber<T>
    {
        var r = Elementwise.Binary<T, ReluBackwardOperator<T>>(g, y);
        if (!Autograd.IsEnabled) r.ExclusiveGradient = true; // fresh, referenced nowhere else: the engine may adopt or recycle it
        return Autograd.Record(r, "relu_backward", g, static (gg, n) => ReluBackward(gg, n.State<Tensor<T>>()), y.Detach());
    }
}
