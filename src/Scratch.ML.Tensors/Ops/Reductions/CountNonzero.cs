using System.Numerics;
using Scratch.ML.Cpu;

namespace Scratch.ML;

/// <summary>
/// Counts the non-zero elements of a row as <c>length − (number of elements equal to zero)</c>; the equality count is
/// vectorised by <see cref="MemoryExtensions.Count{T}(ReadOnlySpan{T}, T)"/> for integers. −0 equals 0; NaN is non-zero.
/// </summary>
internal readonly struct NonzeroCounter<T> : IRowFunction<T, long> where T : INumberBase<T>
{
    public long Apply(ReadOnlySpan<T> row) => row.Length - row.Count(T.Zero);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumberBase<T>
    {
        /// <summary>The number of non-zero elements, as a 0-d <see cref="long"/> tensor (NumPy <c>count_nonzero</c>; NaN counts, −0 does not).</summary>
        public Tensor<long> CountNonzero() => CountNonzero(x, ReadOnlySpan<int>.Empty, false);

        /// <summary>The number of non-zero elements along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<long> CountNonzero(int axis, bool keepDims = false) => CountNonzero(x, [axis], keepDims);

        /// <summary>The number of non-zero elements over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<long> CountNonzero(ReadOnlySpan<int> axes, bool keepDims = false)
        {
            ArgumentNullException.ThrowIfNull(x);
            var ax = Shapes.NormalizeAxes(axes, x.Rank);
            var y = Tensor<long>.Allocate(Reductions.KeepDimsShape(x.Shape, ax), x.Device);
            x.Device.Backend.CountNonzero(x, ax, y);
            return keepDims ? y : y.Reshape(Reductions.ReducedShape(x.Shape, ax));
        }
    }
}
