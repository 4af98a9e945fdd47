using System.Runtime.Intrinsics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>
    /// float32 uniform on [low, high): u = (w ≫ 8)·2⁻²⁴, y = low + (high − low)·u, clamped below high (rounding of the
    /// affine map could otherwise reach high). One word per element.
    /// </summary>
    internal readonly struct UniformSingleConverter(float low, float high) : IWordConverter<float>
    {
        private readonly float scale = high - low;
        private readonly float below = MathF.BitDecrement(high);

        public static int WordsPerElement => 1;

        public float Element(uint w) => MathF.Min(low + scale * Bits.ToSingle(w), below);

        public void Convert(ReadOnlySpan<uint> words, Span<float> values, in TileContext context)
        {
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var vl = Vector512.Create(low); var vs = Vector512.Create(scale); var vb = Vector512.Create(below);
                var k = Vector512.Create(Bits.Float24);
                for (; i < values.Length; i += Vector512<float>.Count)
                {
                    var u = Vector512.ConvertToSingle(Vector512.ShiftRightLogical(Vector512.Create(words.Slice(i, 16)), 8).AsInt32()) * k;
                    Vector512.Min(vl + vs * u, vb).CopyTo(values.Slice(i, 16));
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var vl = Vector256.Create(low); var vs = Vector256.Create(scale); var vb = Vector256.Create(below);
                var k = Vector256.Create(Bits.Float24);
                for (; i < values.Length; i += Vector256<float>.Count)
                {
                    var u = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(Vector256.Create(words.Slice(i, 8)), 8).AsInt32()) * k;
                    Vector256.Min(vl + vs * u, vb).CopyTo(values.Slice(i, 8));
                }
            }
            for (; i < values.Length; i++) values[i] = Element(words[i]);
        }
    }

    /// <summary>
    /// float64 uniform on [low, high) from 53 bits of a word pair (w₂ᵢ low, w₂ᵢ₊₁ high), clamped below high.
    /// Two words per element.
    /// </summary>
    internal readonly struct UniformDoubleConverter(double low, double high) : IWordConverter<double>
    {
        private readonly double scale = high - low;
        private readonly double below = Math.BitDecrement(high);

        public static int WordsPerElement => 2;

        public double Element(uint w0, uint w1) => Math.Min(low + scale * Bits.ToDouble(w0, w1), below);

        public void Convert(ReadOnlySpan<uint> words, Span<double> values, in TileContext context)
        {
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var vl = Vector512.Create(low); var vs = Vector512.Create(scale); var vb = Vector512.Create(below);
                var k = Vector512.Create(Bits.Double53);
                for (; i < values.Length; i += Vector512<double>.Count)
                {
                    var bits = Vector512.ShiftRightLogical(Vector512.Create(words.Slice(2 * i, 16)).AsUInt64(), 11);
                    var u = Vector512.ConvertToDouble(bits.AsInt64()) * k;
                    Vector512.Min(vl + vs * u, vb).CopyTo(values.Slice(i, 8));
                }
            }
            for (; i < values.Length; i++) values[i] = Element(words[2 * i], words[2 * i + 1]);
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Uniform samples on [0, 1) with the given shape (PyTorch's <c>torch.rand</c>): float32 values lie on the
        /// 2⁻²⁴ grid, float64 values on the 2⁻⁵³ grid. Consumes <c>numel</c> positions of <paramref name="generator"/>.
        /// </summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
        /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not float or double.</exception>
        public static Tensor<T> Rand<T>(Generator generator, params int[] shape) where T : unmanaged
            => Uniform<T>(0.0, 1.0, generator, shape);

        /// <summary>
        /// Uniform samples on [<paramref name="low"/>, <paramref name="high"/>): <c>low + (high − low)·u</c> with u as
        /// in <see cref="Rand{T}"/>, never equal to <paramref name="high"/>.
        /// </summary>
        /// <exception cref="ArgumentException">low ≥ high, or either bound (or their difference) is not finite in T.</exception>
        public static Tensor<T> Uniform<T>(double low, double high, Generator generator, params int[] shape) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            generator.Uniform(Span<T>.Empty, low, high, target: y);
            return y;
        }
    }
}

namespace Scratch.ML.Rng
{
    public static partial class GeneratorExtensions
    {
        /// <summary>
        /// Fills <paramref name="destination"/> with uniform samples on [<paramref name="low"/>, <paramref name="high"/>)
        /// (float or double), consuming <c>destination.Length</c> positions.
        /// </summary>
        /// <exception cref="ArgumentException">low ≥ high or a bound is not finite.</exception>
        public static void Uniform<T>(this Generator generator, Span<T> destination, double low = 0.0, double high = 1.0) where T : unmanaged
            => generator.Uniform(destination, low, high, target: null);

        internal static void Uniform<T>(this Generator generator, Span<T> destination, double low, double high, Tensor<T>? target) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high) || !double.IsFinite(high - low))
                throw new ArgumentException($"Uniform: need finite low < high, got low = {low}, high = {high}.", nameof(high));
            if (typeof(T) == typeof(float))
            {
                float lo = (float)low, hi = (float)high;
                if (!(lo < hi) || !float.IsFinite(hi - lo))
                    throw new ArgumentException($"Uniform: [{low}, {high}) is empty or not finite in float32.", nameof(high));
                Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Uniform, Count(destination, target), lo, hi), destination, target);
            }
            else if (typeof(T) == typeof(double))
                Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Uniform, Count(destination, target), low, high), destination, target);
            else
                throw NotFloat<T>("Uniform");
        }
    }
}
