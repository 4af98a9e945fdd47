using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    public static partial class GeneratorExtensions
    {
        /// <summary>
        /// Overwrites <paramref name="destination"/> (any layout, float or double) with uniform samples on
        /// [<paramref name="low"/>, <paramref name="high"/>) in row-major element order, in parallel for contiguous
        /// tensors. Produces the same values as <see cref="Tensor.Uniform{T}"/> with the same generator state.
        /// </summary>
        /// <exception cref="ArgumentException">As <see cref="Tensor.Uniform{T}"/>.</exception>
        public static void Uniform<T>(this Generator generator, Tensor<T> destination, double low = 0.0, double high = 1.0) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(destination);
            if (destination.IsContiguous)
            {
                generator.Uniform(Span<T>.Empty, low, high, target: destination);
            }
            else destination.CopyFrom(Tensor.Uniform<T>(low, high, generator, destination.ShapeArray()));
        }

        /// <summary>
        /// Overwrites <paramref name="destination"/> (any layout, float or double) with N(mean, std²) samples in
        /// row-major element order, in parallel for contiguous tensors (PyTorch's <c>normal_</c>).
        /// </summary>
        /// <exception cref="ArgumentException">As <see cref="Tensor.Normal{T}"/>.</exception>
        public static void Normal<T>(this Generator generator, Tensor<T> destination, double mean = 0.0, double std = 1.0) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(destination);
            if (destination.IsContiguous)
            {
                generator.Normal(Span<T>.Empty, mean, std, target: destination);
            }
            else destination.CopyFrom(Tensor.Normal<T>(mean, std, generator, destination.ShapeArray()));
        }
    }
}
