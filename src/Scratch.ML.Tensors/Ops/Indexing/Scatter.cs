using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// A copy of x with values written along <paramref name="axis"/> by index (PyTorch's <c>scatter</c>): for every
        /// position p of <paramref name="index"/>, <c>y[p₀, …, index[p], …] = source[p]</c>. With repeated indices the
        /// write that comes last in row-major order of p wins, deterministically. The inverse of <see cref="Gather"/>
        /// when the indices along the axis are distinct.
        /// </summary>
        /// <remarks>Shapes: index, source and x have one rank; <c>index.Size(d) ≤ source.Size(d)</c> for every d and
        /// <c>index.Size(d) ≤ x.Size(d)</c> for d ≠ axis. Negative indices are rejected, as in PyTorch.</remarks>
        /// <exception cref="ArgumentException">Ranks or sizes violate the rule above, or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)); nothing is written.</exception>
        /// <remarks>Gradients: ∂/∂x is the gradient with zeros where x was overwritten; ∂/∂source is the gradient
        /// gathered at the written positions, zero for writes that a later repeat overwrote.</remarks>
        public Tensor<T> Scatter(int axis, Tensor<long> index, Tensor<T> source)
        {
            var y = x.Detach().Clone().ScatterInPlace(axis, index, source.Detach());
            if (!Autograd.IsRecording(x, source)) return y;
            return Autograd.Record(y, "scatter", x, source, static (g, n) =>
            {
                var (a, ix) = n.State<(int, Tensor<long>)>();
                var gx = n.NeedsGrad(0) ? g.Scatter(a, ix, Tensor.Scalar(default(T), g.Device).BroadcastView(ix.Shape)) : null;
                Tensor<T>? gs = null;
                if (n.NeedsGrad(1))
                {
                    var won = StructuralGrads.Winners(ix.ShapeArray(), g.ShapeArray(), g.Device,
                        (target, ids) => target.ScatterInPlace(a, ix, ids), written => written.Gather(a, ix));
                    gs = StructuralGrads.PadTo(StructuralGrads.KeepWhere(g.Gather(a, ix), won), n.Input(1).ShapeArray());
                }
                return (gx, gs);
            }, (Shapes.NormalizeAxis(axis, x.Rank), index));
        }

        /// <summary>A copy of x with <paramref name="value"/> written at every indexed position (PyTorch's <c>scatter</c> with a scalar).</summary>
        /// <exception cref="ArgumentException">index's rank or sizes do not fit x, or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)).</exception>
        public Tensor<T> Scatter(int axis, Tensor<long> index, T value)
        {
            ArgumentNullException.ThrowIfNull(index);
            return x.Scatter(axis, index, Tensor.Scalar(value, x.Device).BroadcastView(index.Shape));
        }

        /// <summary>In-place <c>Scatter(axis, index, source)</c>: writes into x through its strides and returns x.</summary>
        /// <exception cref="ArgumentException">Ranks or sizes do not fit, or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)); x is left unchanged.</exception>
        public Tensor<T> ScatterInPlace(int axis, Tensor<long> index, Tensor<T> source)
        {
            Autograd.CheckInPlace("Scatter", x);
            int a = ScatterChecks.Validate("Scatter", x, axis, index, source);
            try { x.Device.Backend.Scatter(x, a, index, source); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("Scatter", e); }
            return x;
        }
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumberBase<T>
    {
        /// <summary>
        /// A copy of x with source values added along <paramref name="axis"/> by index (PyTorch's <c>scatter_add</c>):
        /// <c>y[p₀, …, index[p], …] += source[p]</c>; repeated indices accumulate. The sums run in row-major order of
        /// p, so results are bitwise reproducible for any thread count.
        /// </summary>
        /// <exception cref="ArgumentException">Ranks or sizes do not fit (see <c>Scatter(axis, index, source)</c>), or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)).</exception>
        /// <remarks>Gradients: ∂/∂x is the gradient itself; ∂/∂source is the gradient gathered at the targets
        /// (zero where source is larger than index).</remarks>
        public Tensor<T> ScatterAdd(int axis, Tensor<long> index, Tensor<T> source)
        {
            var y = x.Detach().Clone().ScatterAddInPlace(axis, index, source.Detach());
            if (!Autograd.IsRecording(x, source)) return y;
            return Autograd.Record(y, "scatter_add", x, source, static (g, n) =>
            {
                var (a, ix) = n.State<(int, Tensor<long>)>();
                var gs = n.NeedsGrad(1) ? StructuralGrads.PadTo(g.Gather(a, ix), n.Input(1).ShapeArray()) : null;
                return (n.NeedsGrad(0) ? g : null, gs);
            }, (Shapes.NormalizeAxis(axis, x.Rank), index));
        }

        /// <summary>In-place <see cref="ScatterAdd"/>; returns x.</summary>
        /// <exception cref="ArgumentException">Ranks or sizes do not fit, or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)); x is left unchanged.</exception>
        public Tensor<T> ScatterAddInPlace(int axis, Tensor<long> index, Tensor<T> source)
        {
            Autograd.CheckInPlace("ScatterAdd", x);
            int a = ScatterChecks.Validate("ScatterAdd", x, axis, index, source);
            try { x.Device.Backend.ScatterAdd(x, a, index, source); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("ScatterAdd", e); }
            return x;
        }
    }
}

/// <summary>PyTorch's shape rule for scatter and scatter_add.</summary>
internal static class ScatterChecks
{
    /// <summary>Checks devices, ranks and sizes; returns the normalised axis.</summary>
    public static int Validate<T>(string op, Tensor<T> x, int axis, Tensor<long> index, Tensor<T> source) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(source);
        Devices.RequireSame(op, x, index);
        Devices.RequireSame(op, x, source);
        int a = Shapes.NormalizeAxis(axis, x.Rank);
        IndexChecks.IndexFits(op, index, x, "x", a);
        IndexChecks.IndexFits(op, index, source, "source", -1);
        return a;
    }
}
