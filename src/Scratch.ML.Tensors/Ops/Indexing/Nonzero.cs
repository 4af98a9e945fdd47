namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// The coordinates of the non-zero elements (not equal to <c>default(T)</c>: 0, 0.0, −0.0 and false count as
        /// zero; NaN counts as non-zero), in row-major order, as a <c>(count, rank)</c> tensor (PyTorch's
        /// <c>nonzero</c>). A 0-d tensor gives shape <c>(count, 0)</c>.
        /// </summary>
        public Tensor<long> Nonzero() => x.Device.Backend.Nonzero(x);

        /// <summary>
        /// The coordinates of the non-zero elements as one 1-d tensor per axis (PyTorch's
        /// <c>nonzero(as_tuple=True)</c>, NumPy's <c>nonzero</c>), so <c>x.NonzeroAsTuple()[k][i]</c> is the axis-k
        /// coordinate of the i-th non-zero. A 0-d tensor is treated as 1-d. The tensors are column views of one
        /// <c>(count, rank)</c> buffer.
        /// </summary>
        public Tensor<long>[] NonzeroAsTuple()
        {
            var source = x.Rank == 0 ? x.Reshape(1) : x;
            var coords = source.Device.Backend.Nonzero(source);
            var result = new Tensor<long>[source.Rank];
            for (int k = 0; k < result.Length; k++)
                result[k] = coords.Length == 0 ? Tensor<long>.Allocate([0], source.Device) : coords.Select(1, k);
            return result;
        }
    }
}
