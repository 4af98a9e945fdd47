using System.Runtime.Intrinsics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>
    /// float32 normal by Box–Muller: within each tile, element j &lt; 128 and element j + 128 share the pair
    /// (u₁ = ((w_j ≫ 8) + 1)·2⁻²⁴ ∈ (0, 1], u₂ = (w_{j+128} ≫ 8)·2⁻²⁴):
    /// r = √(−2 ln u₁), z_j = r·cos 2πu₂, z_{j+128} = r·sin 2πu₂, then y = mean + std·z (u₂'s 24-bit integer is reduced
    /// to a quadrant and octant exactly, see <see cref="SimdMath"/>). With 24-bit u₁ the largest |z| is √(48 ln 2) ≈ 5.77.
    /// </summary>
    internal readonly struct NormalSingleConverter(float mean, float std) : IWordConverter<float>
    {
        public static int WordsPerElement => 1;
        private const int Half = RandomFill.Tile / 2;

        /// <remarks>
        /// Always the <see cref="Vector512{T}"/> code with <see cref="SimdMath"/>'s log and sincos (on hardware
        /// without AVX-512 the runtime's Vector512 fallback computes the same IEEE lanes, more slowly), so every machine
        /// computes the same bits.
        /// </remarks>
        public void Convert(ReadOnlySpan<uint> words, Span<float> values, in TileContext context)
        {
            var vm = Vector512.Create(mean); var vs = Vector512.Create(std);
            var k = Vector512.Create(Bits.Float24); var one = Vector512<int>.One;
            var m2 = Vector512.Create(-2f);
            for (int j = 0; j < Half; j += 16)
            {
                var u1 = Vector512.ConvertToSingle(Vector512.ShiftRightLogical(Vector512.Create(words.Slice(j, 16)), 8).AsInt32() + one) * k;
                var turns = Vector512.ShiftRightLogical(Vector512.Create(words.Slice(j + Half, 16)), 8).AsInt32();
                var r = Vector512.Sqrt(m2 * SimdMath.Log(u1)) * vs;
                var (sin, cos) = SimdMath.SinCosTurns24(turns);
                (vm + r * cos).CopyTo(values.Slice(j, 16));
                (vm + r * sin).CopyTo(values.Slice(j + Half, 16));
            }
        }
    }

    /// <summary>
    /// float64 normal by Box–Muller on 53-bit uniforms: element j &lt; 128 uses word pair j for u₁ ∈ (0, 1] and
    /// element j + 128's word pair for u₂; z_j = r·cos 2πu₂, z_{j+128} = r·sin 2πu₂. Two words per element.
    /// </summary>
    internal readonly struct NormalDoubleConverter(double mean, double std) : IWordConverter<double>
    {
        public static int WordsPerElement => 2;
        private const int Half = RandomFill.Tile / 2;

        /// <remarks>Always the <see cref="Vector512{T}"/> code with <see cref="SimdMath"/>'s float64 log and sincos, so
        /// every machine computes the same bits.</remarks>
        public void Convert(ReadOnlySpan<uint> words, Span<double> values, in TileContext context)
        {
            var vm = Vector512.Create(mean); var vs = Vector512.Create(std);
            var k = Vector512.Create(Bits.Double53); var one = Vector512<long>.One;
            var m2 = Vector512.Create(-2.0);
            for (int j = 0; j < Half; j += 8)
            {
                var b1 = Vector512.ShiftRightLogical(Vector512.Create(words.Slice(2 * j, 16)).AsUInt64(), 11).AsInt64();
                var b2 = Vector512.ShiftRightLogical(Vector512.Create(words.Slice(2 * (j + Half), 16)).AsUInt64(), 11).AsInt64();
                var u1 = Vector512.ConvertToDouble(b1 + one) * k;
                var r = Vector512.Sqrt(m2 * SimdMath.Log(u1)) * vs;
                var (s, c) = SimdMath.SinCosTurns53(b2);
                (vm + r * c).CopyTo(values.Slice(j, 8));
                (vm + r * s).CopyTo(values.Slice(j + Half, 8));
            }
        }
    }

    public static partial class GeneratorExtensions
    {
        /// <summary>
        /// Fills <paramref name="destination"/> (float or double) with normal samples of the given mean and standard
        /// deviation (Box–Muller, vectorised), consuming <c>destination.Length</c> positions.
        /// </summary>
        /// <exception cref="ArgumentException">std is negative or not finite, or mean is not finite.</exception>
        public static void Normal<T>(this Generator generator, Span<T> destination, double mean = 0.0, double std = 1.0) where T : unmanaged
            => generator.Normal(destination, mean, std, target: null);

        internal static void Normal<T>(this Generator generator, Span<T> destination, double mean, double std, Tensor<T>? target) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (!(std >= 0) || !double.IsFinite(std))
                throw new ArgumentException($"Normal: std must be finite and ≥ 0, got {std}.", nameof(std));
            if (!double.IsFinite(mean))
                throw new ArgumentException($"Normal: mean must be finite, got {mean}.", nameof(mean));
            if (typeof(T) == typeof(float))
                Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Normal, Count(destination, target), mean, std), destination, target);
            else if (typeof(T) == typeof(double))
                Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Normal, Count(destination, target), mean, std), destination, target);
            else
                throw NotFloat<T>("Normal");
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>Standard normal samples with the given shape (PyTorch's <c>torch.randn</c>).</summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
        public static Tensor<T> Randn<T>(Generator generator, params int[] shape) where T : unmanaged
            => Normal<T>(0.0, 1.0, generator, shape);

        /// <summary>Normal samples N(<paramref name="mean"/>, <paramref name="std"/>²) with the given shape.</summary>
        /// <exception cref="ArgumentException">std is negative or not finite.</exception>
        public static Tensor<T> Normal<T>(double mean, double std, Generator generator, params int[] shape) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            generator.Normal(Span<T>.Empty, mean, std, target: y);
            return y;
        }
    }
}
