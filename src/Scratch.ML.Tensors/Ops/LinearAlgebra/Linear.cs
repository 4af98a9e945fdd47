using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// The affine map of a fully connected layer, <c>y = x·Wᵀ + b</c> (PyTorch's <c>nn.functional.linear</c>), as
        /// one fused op: the output rows are initialised with b and one GEMM accumulates x·Wᵀ into them (β = 1), and
        /// one backward node returns all three gradients.
        /// Shapes: x (…, in), W (out, in), b (out) or null → y (…, out).
        /// </summary>
        /// <remarks>
        /// Equal to <c>x.MatMul(W.MT) + b</c> up to rounding (the bias is added before the products instead of
        /// after). W is read through transposed strides (no copy). Gradients, with g = ∂L/∂y flattened to (rows, out)
        /// and x to (rows, in): ∂L/∂x = g·W, ∂L/∂W = gᵀ·x, ∂L/∂b = Σ g over the rows; they are written with the
        /// public ops, so gradients of gradients work.
        /// </remarks>
        /// <exception cref="ArgumentException">x is 0-d, W is not 2-d, the last axis of x is not W's second axis, b is not
        /// (out), or the tensors live on different devices; the message gives the shapes.</exception>
        public Tensor<T> Linear(Tensor<T> weight, Tensor<T>? bias = null)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(weight);
            if (weight.Rank != 2)
                throw new ArgumentException($"Linear: the weight must be 2-d (out, in), got {Shapes.Format(weight.Shape)}.", nameof(weight));
            int outF = weight.shape[0], inF = weight.shape[1];
            if (x.Rank == 0 || x.shape[^1] != inF)
                throw new ArgumentException($"Linear: expected input (…, {inF}) for weight {Shapes.Format(weight.Shape)}, got {Shapes.Format(x.Shape)}.", nameof(x));
            if (bias is not null && (bias.Rank != 1 || bias.shape[0] != outF))
                throw new ArgumentException($"Linear: expected bias ({outF}) for weight {Shapes.Format(weight.Shape)}, got {Shapes.Format(bias.Shape)}.", nameof(bias));
            Devices.RequireSame("Linear", x, weight);
            if (bias is not null) Devices.RequireSame("Linear", x, bias);

            // Plain views without history: the op records its own single node below.
            var xd = x.Detach();
            var x2 = xd.Rank == 2 ? xd : xd.Reshape(-1, inF);        // (rows, in)
            int[] outShape = [.. x.shape.AsSpan(0, x.Rank - 1), outF];
            var y = Tensor<T>.AllocateUninitialized(outShape, x.Device); // (…, out), fully written below
            var y2 = y.Rank == 2 ? y : y.Reshape(-1, outF);            // (rows, out), same storage
            T beta = T.Zero;
            if (bias is not null && y.Length > 0)
            {
                x.Device.Backend.Copy(bias.Detach().BroadcastView(y2.shape), y2);
                beta = T.One;
            }
            x.Device.Backend.MatMul(x2, weight.Detach().MT, y2, T.One, beta);
            return bias is null
                ? Autograd.Record(y, "linear", [x, weight], LinearVjp)
                : Autograd.Record(y, "linear", [x, weight, bias], LinearVjp);
        }
    }

    /// <summary>VJP of <c>Linear</c>: (g·W, gᵀ·x, Σ_rows g) for (x, W, b), each computed only when needed.</summary>
    private static Tensor<T>?[] LinearVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = n.Input(0);
        var w = n.Input(1);
        int outF = w.shape[0], inF = w.shape[1];
        var g2 = g.Rank == 2 ? g : g.Reshape(-1, outF);          // (rows, out)
        var result = new Tensor<T>?[n.InputCount];
        bool fresh = !Autograd.IsEnabled;                         // not building a graph of the gradients
        if (n.NeedsGrad(0))
        {
            var gx = g2.MatMul(w);                                  // (rows, in)
            if (fresh) gx.ExclusiveGradient = true;
            result[0] = x.Rank == 2 ? gx : gx.Reshape(x.Shape);
            if (fresh) result[0]!.ExclusiveGradient = true;         // a view of gx's storage, which nothing else holds
        }
        if (n.NeedsGrad(1))
        {
            var x2 = x.Rank == 2 ? x : x.Reshape(-1, inF);
            var gw = g2.MT.MatMul(x2);                              // (out, in)
            if (fresh) gw.ExclusiveGradient = true;
            result[1] = gw;
        }
        if (n.InputCount > 2 && n.NeedsGrad(2))
        {
            var gb = g2.Sum(0);                                     // (out)
            if (fresh) gb.ExclusiveGradient = true;
            result[2] = gb;
        }
        return result;
    }
}
