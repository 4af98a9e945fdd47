using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// <paramref name="numSamples"/> draws from N(μ, Σ) in d dimensions: x = μ + L·z with z ~ N(0, I) (a
        /// float64 normal fill of numSamples·d positions, row i = sample i) and Σ = L·Lᵀ its Cholesky factor.
        /// Result shape (numSamples, d). Positive semi-definite Σ is accepted: a zero pivot (within rounding) makes
        /// that column of L zero, so degenerate directions get no noise.
        /// </summary>
        /// <param name="mean">μ, shape (d).</param>
        /// <param name="covariance">Σ, shape (d, d), symmetric positive semi-definite.</param>
        /// <param name="numSamples">Number of rows to draw.</param>
        /// <param name="generator">The random source.</param>
        /// <exception cref="ArgumentException">Shapes disagree, Σ is not symmetric, not finite, or not positive semi-definite.</exception>
        public static Tensor<T> MultivariateNormal<T>(Tensor<T> mean, Tensor<T> covariance, int numSamples, Generator generator)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ArgumentNullException.ThrowIfNull(covariance);
            int d = RequireMean(mean, "MultivariateNormal");
            // Sampling draws fresh noise; a reparameterised sample is mean + L·z built from differentiable ops.
            Autograd.NotDifferentiable("MultivariateNormal", mean);
            Autograd.NotDifferentiable("MultivariateNormal", covariance);
            if (covariance.Rank != 2 || covariance.Shape[0] != d || covariance.Shape[1] != d)
                throw new ArgumentException($"MultivariateNormal: covariance must have shape ({d}, {d}) to match the mean, got {Shapes.Format(covariance.Shape)}.", nameof(covariance));
            // Rounding tolerance: 8 machine epsilons of T (the covariance was stored in T).
            double eps = double.CreateTruncating(T.BitIncrement(T.One) - T.One);
            double[] l = CholeskyLower(ToDouble(covariance), d, 8 * eps);
            return SampleWithFactor(mean, l, d, numSamples, generator);
        }

        /// <summary>
        /// As <see cref="MultivariateNormal{T}"/> but with a given lower-triangular factor L (Σ = L·Lᵀ); entries above
        /// the diagonal are ignored.
        /// </summary>
        /// <exception cref="ArgumentException">Shapes disagree or L holds a non-finite value.</exception>
        public static Tensor<T> MultivariateNormalFromFactor<T>(Tensor<T> mean, Tensor<T> lowerFactor, int numSamples, Generator generator)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ArgumentNullException.ThrowIfNull(lowerFactor);
            int d = RequireMean(mean, "MultivariateNormalFromFactor");
            Autograd.NotDifferentiable("MultivariateNormalFromFactor", mean);
            Autograd.NotDifferentiable("MultivariateNormalFromFactor", lowerFactor);
            if (lowerFactor.Rank != 2 || lowerFactor.Shape[0] != d || lowerFactor.Shape[1] != d)
                throw new ArgumentException($"MultivariateNormalFromFactor: the factor must have shape ({d}, {d}), got {Shapes.Format(lowerFactor.Shape)}.", nameof(lowerFactor));
            double[] l = ToDouble(lowerFactor);
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    if (j > i) l[i * d + j] = 0;
                    else if (!double.IsFinite(l[i * d + j]))
                        throw new ArgumentException($"MultivariateNormalFromFactor: factor[{i}, {j}] = {l[i * d + j]} is not finite.", nameof(lowerFactor));
                }
            return SampleWithFactor(mean, l, d, numSamples, generator);
        }

        private static int RequireMean<T>(Tensor<T> mean, string op) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(mean);
            if (mean.Rank != 1 || mean.Length == 0)
                throw new ArgumentException($"{op}: mean must be a non-empty 1-d tensor, got shape {Shapes.Format(mean.Shape)}.", nameof(mean));
            return mean.Length;
        }

        private static double[] ToDouble<T>(Tensor<T> x) where T : unmanaged, INumberBase<T>
        {
            T[] a = x.ToArray();
            var d = new double[a.Length];
            for (int i = 0; i < a.Length; i++) d[i] = double.CreateTruncating(a[i]);
            return d;
        }

        /// <summary>
        /// The lower Cholesky factor of a symmetric PSD d×d matrix (row-major), by the row-oriented
        /// Cholesky–Banachiewicz recurrence: L_jj = √(A_jj − Σ_k L_jk²), L_ij = (A_ij − Σ_k L_ik L_jk)/L_jj. Pivots within
        /// tol·max|A_jj|·d of zero count as zero (semi-definite); the off-diagonal remainder of such a column must
        /// then vanish too.
        /// </summary>
        private static double[] CholeskyLower(double[] a, int d, double relTol)
        {
            double scale = 0;
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    double v = a[i * d + j];
                    if (!double.IsFinite(v))
                        throw new ArgumentException($"MultivariateNormal: covariance[{i}, {j}] = {v} is not finite.", "covariance");
                    scale = Math.Max(scale, Math.Abs(v));
                }
            double tol = relTol * Math.Max(scale, double.Epsilon) * d;
            for (int i = 0; i < d; i++)
                for (int j = 0; j < i; j++)
                    if (Math.Abs(a[i * d + j] - a[j * d + i]) > tol)
                        throw new ArgumentException($"MultivariateNormal: covariance is not symmetric: [{i}, {j}] = {a[i * d + j]} but [{j}, {i}] = {a[j * d + i]}.", "covariance");
            var l = new double[d * d];
            for (int j = 0; j < d; j++)
            {
                double s = a[j * d + j];
                for (int k = 0; k < j; k++) s -= l[j * d + k] * l[j * d + k];
                if (s < -tol)
                    throw new ArgumentException($"MultivariateNormal: covariance is not positive semi-definite (pivot {j} is {s:G6} < 0).", "covariance");
                bool zero = s <= tol;
                double ljj = zero ? 0 : Math.Sqrt(s);
                l[j * d + j] = ljj;
                for (int i = j + 1; i < d; i++)
                {
                    double t = a[i * d + j];
                    for (int k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
                    if (zero)
                    {
                        if (Math.Abs(t) > Math.Sqrt(tol * scale))
                            throw new ArgumentException($"MultivariateNormal: covariance is not positive semi-definite (pivot {j} is zero but entry [{i}, {j}] of the remainder is {t:G6}).", "covariance");
                    }
                    else l[i * d + j] = t / ljj;
                }
            }
            return l;
        }

        private static Tensor<T> SampleWithFactor<T>(Tensor<T> mean, double[] l, int d, int numSamples, Generator generator)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentOutOfRangeException.ThrowIfNegative(numSamples);
            double[] mu = ToDouble(mean);
            var zt = Tensor<double>.Allocate([numSamples, d], Device.Cpu);
            generator.Normal(Span<double>.Empty, 0.0, 1.0, target: zt);
            double[] z = zt.HostArray("MultivariateNormal");
            var y = Tensor<T>.Allocate([numSamples, d], Device.Cpu);
            T[] o = y.HostArray("MultivariateNormal");
            RandomFill.PerElement(numSamples, Math.Max(1, 4096 / d), (first, n) =>
            {
                for (int s = 0; s < n; s++)
                {
                    long row = (first + s) * d;
                    for (int i = 0; i < d; i++)
                    {
                        double acc = mu[i];
                        for (int k = 0; k <= i; k++) acc += l[i * d + k] * z[row + k];
                        o[row + i] = T.CreateTruncating(acc);
                    }
                }
            });
            return y;
        }
    }
}
