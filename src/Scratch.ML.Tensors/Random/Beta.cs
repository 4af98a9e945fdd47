using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>Beta(a, b) = X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b), both drawn from the element's stream.</summary>
    internal readonly struct BetaSampler(double a, double b) : IElementSampler
    {
        public double Sample(ref ElementStream s)
        {
            double x = GammaSampler.Standard(ref s, a);
            double y = GammaSampler.Standard(ref s, b);
            double sum = x + y;
            // Both gammas underflow only for tiny shapes; the limit then puts all mass at 0 or 1 in proportion a : b.
            return sum > 0 ? x / sum : (s.NextDouble() * (a + b) < a ? 1.0 : 0.0);
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Beta(<paramref name="a"/>, <paramref name="b"/>) samples on [0, 1] (mean a/(a + b)), as X/(X + Y) of two
        /// independent gamma draws.
        /// </summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
        /// <exception cref="ArgumentOutOfRangeException">a or b is not positive and finite.</exception>
        public static Tensor<T> Beta<T>(double a, double b, Generator generator, params int[] shape)
            where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            PerElementSampling.RequireFloat<T>("Beta");
            GammaSampler.Validate("Beta", a, nameof(a), 1.0);
            GammaSampler.Validate("Beta", b, nameof(b), 1.0);
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            PerElementSampling.Run(new BetaSampler(a, b), generator, y.HostArray("Beta"));
            return y;
        }
    }
}
