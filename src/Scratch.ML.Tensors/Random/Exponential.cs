using System.Runtime.Intrinsics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>float32 exponential by inversion: y = −ln(u)/rate with u = ((w ≫ 8) + 1)·2⁻²⁴ ∈ (0, 1].</summary>
    internal readonly struct ExponentialSingleConverter(float rate) : IWordConverter<float>
    {
        public static int WordsPerElement => 1;

        /// <remarks>Always the <see cref="Vector512{T}"/> code with <see cref="SimdMath.Log(Vector512{float})"/>, so every machine computes the same bits.</remarks>
        public void Convert(ReadOnlySpan<uint> words, Span<float> values, in TileContext context)
        {
            var k = Vector512.Create(Bits.Float24); var one = Vector512<int>.One; var vr = Vector512.Create(rate);
            for (int i = 0; i < values.Length; i += 16)
            {
                var u = Vector512.ConvertToSingle(Vector512.ShiftRightLogical(Vector512.Create(words.Slice(i, 16)), 8).AsInt32() + one) * k;
                (-SimdMath.Log(u) / vr).CopyTo(values.Slice(i, 16));
            }
        }
    }

    /// <summary>float64 exponential by inversion on a 53-bit u ∈ (0, 1]. Two words per element.</summary>
    internal readonly struct ExponentialDoubleConverter(double rate) : IWordConverter<double>
    {
        public static int WordsPerElement => 2;

        /// <remarks>Always the <see cref="Vector512{T}"/> code with <see cref="SimdMath.Log(Vector512{double})"/>, so every machine computes the same bits.</remarks>
        public void Convert(ReadOnlySpan<uint> words, Span<double> values, in TileContext context)
        {
            var k = Vector512.Create(Bits.Double53); var one = Vector512<long>.One; var vr = Vector512.Create(rate);
            for (int i = 0; i < values.Length; i += 8)
            {
                var bits = Vector512.ShiftRightLogical(Vector512.Create(words.Slice(2 * i, 16)).AsUInt64(), 11).AsInt64();
                var u = Vector512.ConvertToDouble(bits + one) * k;
                (-SimdMath.Log(u) / vr).CopyTo(values.Slice(i, 8));
            }
        }
    }

    public static partial class GeneratorExtensions
    {
        /// <summary>
        /// Fills <paramref name="destination"/> (float or double) with exponential samples of rate λ (mean 1/λ),
        /// by inversion; consumes <c>destination.Length</c> positions.
        /// </summary>
        /// <exception cref="ArgumentException">rate is not positive and finite.</exception>
        public static void Exponential<T>(this Generator generator, Span<T> destination, double rate = 1.0) where T : unmanaged
            => generator.Exponential(destination, rate, target: null);

        internal static void Exponential<T>(this Generator generator, Span<T> destination, double rate, Tensor<T>? target) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (!(rate > 0) || !double.IsFinite(rate))
                throw new ArgumentException($"Exponential: rate must be finite and > 0, got {rate}.", nameof(rate));
            if (typeof(T) == typeof(float))
                Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Exponential, Count(destination, target), rate, 0), destination, target);
            else if (typeof(T) == typeof(double))
                Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Exponential, Count(destination, target), rate, 0), destination, target);
            else
                throw NotFloat<T>("Exponential");
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>Exponential samples with rate λ = <paramref name="rate"/> (density λe^{−λx}, mean 1/λ).</summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
        /// <exception cref="ArgumentException">rate is not positive and finite.</exception>
        public static Tensor<T> Exponential<T>(double rate, Generator generator, params int[] shape) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            generator.Exponential(Span<T>.Empty, rate, target: y);
            return y;
        }
    }
}
