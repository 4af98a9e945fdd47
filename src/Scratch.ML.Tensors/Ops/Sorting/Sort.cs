using System.Numerics;

namespace Scratch.ML;

// Sort, ArgSort and TopK along one axis: one backend primitive (ITensorBackend.Sort, Cpu/SortDriver.cs) that writes
// the first k entries of a stable sort. Order: ascending puts NaN after every number (NumPy); descending is the
// reverse order by value (NaN first, PyTorch), ties kept in source order in both directions.
public static partial class Tensor
{
    /// <summary>
    /// Records the VJP of values taken from x along an axis at known indices (sort, top-k): the gradient is
    /// scattered back to where each value came from, zeros elsewhere (differentiable again: its VJP is the gather).
    /// </summary>
    private static Tensor<T> RecordTakeBack<T>(Tensor<T> values, string op, Tensor<T> x, int axis, Tensor<long> indices) where T : unmanaged
    {
        if (!Autograd.IsRecording(x)) return values;
        return Autograd.Record(values, op, x, static (g, n) =>
        {
            var (a, ix) = n.State<(int, Tensor<long>)>();
            return StructuralGrads.IndexAddIntoZeros(g, n.Input(0).ShapeArray(), a, ix);
        }, (axis, indices));
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// The elements sorted along <paramref name="axis"/> (stable; NaN last when ascending, first when descending).
        /// Gradient: scattered back through the sorting permutation.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Sort(int axis = -1, bool descending = false)
        {
            ArgumentNullException.ThrowIfNull(x);
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            var values = Tensor<T>.Allocate(x.ShapeArray(), x.Device);
            if (!Autograd.IsRecording(x))
            {
                x.Device.Backend.Sort(x, a, descending, values, null);
                return values;
            }
            var indices = Tensor<long>.Allocate(x.ShapeArray(), x.Device);
            x.Device.Backend.Sort(x, a, descending, values, indices);
            return RecordTakeBack(values, "sort", x, a, indices);
        }

        /// <summary>
        /// The indices that sort x along <paramref name="axis"/> (stable: equal elements keep their order), so that
        /// gathering x with them gives <c>Sort</c>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<long> ArgSort(int axis = -1, bool descending = false)
        {
            ArgumentNullException.ThrowIfNull(x);
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            var indices = Tensor<long>.Allocate(x.ShapeArray(), x.Device);
            x.Device.Backend.Sort(x, a, descending, null, indices);
            return indices;
        }

        /// <summary>
        /// The <paramref name="k"/> largest (or smallest) elements along <paramref name="axis"/>, sorted (largest first,
        /// or smallest first), with their indices; ties go to the lower index. Output shape: x's with the axis set to k.
        /// NaN counts as larger than every number.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is out of range, or k is outside [0, size of the axis].</exception>
        public (Tensor<T> Values, Tensor<long> Indices) TopK(int k, int axis = -1, bool largest = true)
        {
            ArgumentNullException.ThrowIfNull(x);
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            if (k < 0 || k > x.shape[a])
                throw new ArgumentOutOfRangeException(nameof(k), k, $"TopK: k = {k} must lie in [0, {x.shape[a]}], the size of axis {a} of a tensor of shape {Shapes.Format(x.Shape)}.");
            var shape = x.ShapeArray();
            shape[a] = k;
            var values = Tensor<T>.Allocate(shape, x.Device);
            var indices = Tensor<long>.Allocate((int[])shape.Clone(), x.Device);
            x.Device.Backend.Sort(x, a, largest, values, indices);
            return (RecordTakeBack(values, "topk", x, a, indices), indices);
        }
    }
}
