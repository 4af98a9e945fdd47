using Scratch.ML.LinearAlgebra;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Datasets;

public static partial class Generators
{
    /// <summary>
    /// A random linear regression problem (scikit-learn's <c>make_regression</c>, one target): y = X·coef + bias + ε.
    /// </summary>
    /// <remarks>
    /// X is N(0, 1) (or, with <paramref name="effectiveRank"/>, the low-rank matrix of <see cref="MakeLowRankMatrix"/>);
    /// the first <paramref name="nInformative"/> coefficients are uniform on [0, 100), the rest 0; ε ~ N(0, noise²).
    /// If <paramref name="shuffle"/> the rows are permuted, then the columns together with <c>coef</c>, so that
    /// y = X·coef + bias + ε still holds for the returned values.
    /// </remarks>
    /// <param name="generator">The random source.</param>
    /// <param name="nSamples">n ≥ 1.</param>
    /// <param name="nFeatures">d ≥ 1.</param>
    /// <param name="nInformative">Number of non-zero coefficients, 0 … d (larger values are clipped to d, as scikit-learn).</param>
    /// <param name="bias">Added to every target (finite).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise (finite, ≥ 0).</param>
    /// <param name="effectiveRank">If set (&gt; 0), X has this approximate rank (see <see cref="MakeLowRankMatrix"/>).</param>
    /// <param name="tailStrength">Weight of the singular-value tail when <paramref name="effectiveRank"/> is set, in [0, 1].</param>
    /// <param name="shuffle">Whether to permute rows and columns.</param>
    /// <returns>X (n, d), y (n) and the true coefficients coef (d).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter outside its range.</exception>
    public static (Tensor<double> X, Tensor<double> Y, Tensor<double> Coef) MakeRegression(
        Generator generator, int nSamples = 100, int nFeatures = 100, int nInformative = 10, double bias = 0.0,
        double noise = 0.0, double? effectiveRank = null, double tailStrength = 0.5, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nInformative);
        if (!double.IsFinite(bias)) throw new ArgumentOutOfRangeException(nameof(bias), bias, "MakeRegression: bias must be finite.");
        if (!(noise >= 0) || double.IsInfinity(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "MakeRegression: noise must be finite and ≥ 0.");
        int n = nSamples, d = nFeatures, inf = Math.Min(nInformative, nFeatures);

        double[] x = effectiveRank is { } rank
            ? MakeLowRankMatrix(generator, n, d, rank, tailStrength).ToArray()
            : Normals(generator, n * d, 1.0);
        var coef = new double[d];
        double[] c = Uniforms(generator, inf, 0, 100);
        Array.Copy(c, coef, inf);
        var y = new double[n];
        for (int s = 0; s < n; s++)
        {
            double v = bias;
            for (int j = 0; j < inf; j++) v += x[s * d + j] * coef[j];
            y[s] = v;
        }
        if (noise > 0)
        {
            double[] e = Normals(generator, n, noise);
            for (int s = 0; s < n; s++) y[s] += e[s];
        }
        if (shuffle)
        {
            int[] rows = generator.Permutation(n);
            x = PermuteRows(x, n, d, rows);
            y = Gather(y, rows);
            int[] cols = generator.Permutation(d);
            x = PermuteColumns(x, n, d, cols);
            coef = Gather(coef, cols);
        }
        return (Tensor.FromArray(x, n, d), Tensor.FromArray(y, n), Tensor.FromArray(coef, d));
    }

    /// <summary>
    /// A matrix with a bell-shaped singular-value profile (scikit-learn's <c>make_low_rank_matrix</c>):
    /// U·diag(s)·Vᵀ with U (n × m) and V (d × m) orthonormal (QR of Gaussian matrices), m = min(n, d), and
    /// sₖ = (1 − t)·exp(−(k/r)²) + t·exp(−0.1·k/r) for k = 0 … m − 1 (r = effective rank, t = tail strength).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n or d &lt; 1, r not finite and &gt; 0, or t outside [0, 1].</exception>
    public static Tensor<double> MakeLowRankMatrix(Generator generator, int nSamples, int nFeatures, double effectiveRank, double tailStrength = 0.5)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nFeatures, 1);
        if (!(effectiveRank > 0) || double.IsInfinity(effectiveRank))
            throw new ArgumentOutOfRangeException(nameof(effectiveRank), effectiveRank, "MakeLowRankMatrix: effectiveRank must be finite and > 0.");
        if (!(tailStrength >= 0 && tailStrength <= 1))
            throw new ArgumentOutOfRangeException(nameof(tailStrength), tailStrength, "MakeLowRankMatrix: tailStrength must be in [0, 1].");
        int m = Math.Min(nSamples, nFeatures);
        var u = Linalg.Qr(Tensor.FromArray(Normals(generator, nSamples * m, 1.0), nSamples, m)).Q.ToArray();
        var v = Linalg.Qr(Tensor.FromArray(Normals(generator, nFeatures * m, 1.0), nFeatures, m)).Q.ToArray();
        var s = new double[m];
        for (int k = 0; k < m; k++)
            s[k] = (1 - tailStrength) * Math.Exp(-Math.Pow(k / effectiveRank, 2)) + tailStrength * Math.Exp(-0.1 * k / effectiveRank);
        var result = new double[nSamples * nFeatures];
        for (int i = 0; i < nSamples; i++)
            for (int j = 0; j < nFeatures; j++)
            {
                double acc = 0;
                for (int k = 0; k < m; k++) acc += u[i * m + k] * s[k] * v[j * m + k];
                result[i * nFeatures + j] = acc;
            }
        return Tensor.FromArray(result, nSamples, nFeatures);
    }

    /// <summary>
    /// Isotropic Gaussian blobs (scikit-learn's <c>make_blobs</c>) around <paramref name="nCenters"/> centres drawn
    /// uniformly in the box [centerBox.Low, centerBox.High]^d. Sample counts are ⌊n/k⌋ per centre, the first n mod k
    /// centres getting one more; blob i is N(centerᵢ, stdᵢ²·I) with label i. Rows are permuted if <paramref name="shuffle"/>.
    /// </summary>
    /// <param name="generator">The random source.</param>
    /// <param name="nSamples">n ≥ 1.</param>
    /// <param name="nFeatures">d ≥ 1.</param>
    /// <param name="nCenters">k ≥ 1.</param>
    /// <param name="clusterStd">One standard deviation (finite, ≥ 0) for all blobs, or null for 1.</param>
    /// <param name="clusterStds">Per-blob standard deviations (length k) instead of <paramref name="clusterStd"/>.</param>
    /// <param name="centerBox">Bounds of the centre box (low &lt; high); default (−10, 10).</param>
    /// <param name="shuffle">Whether to permute the rows.</param>
    /// <returns>X (n, d), labels y (length n) in 0 … k − 1, and the centres (k, d).</returns>
    /// <exception cref="ArgumentException">Bad counts, standard deviations or box.</exception>
    public static (Tensor<double> X, int[] Y, Tensor<double> Centers) MakeBlobs(
        Generator generator, int nSamples = 100, int nFeatures = 2, int nCenters = 3, double? clusterStd = null,
        double[]? clusterStds = null, (double Low, double High)? centerBox = null, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nCenters, 1);
        var (low, high) = centerBox ?? (-10.0, 10.0);
        if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"MakeBlobs: centerBox must be finite with Low < High (got ({low}, {high})).", nameof(centerBox));
        double[] centers = Uniforms(generator, nCenters * nFeatures, low, high);
        return BlobsAround(generator, nSamples, Tensor.FromArray(centers, nCenters, nFeatures), clusterStd, clusterStds, shuffle);
    }

    /// <summary>
    /// Isotropic Gaussian blobs around given <paramref name="centers"/> (k, d); otherwise as
    /// <see cref="MakeBlobs(Generator, int, int, int, double?, double[], ValueTuple{double, double}?, bool)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">centers is not 2-D with k, d ≥ 1 and finite, or bad standard deviations.</exception>
    public static (Tensor<double> X, int[] Y, Tensor<double> Centers) MakeBlobs(
        Generator generator, Tensor<double> centers, int nSamples = 100, double? clusterStd = null,
        double[]? clusterStds = null, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(centers);
        if (centers.Shape.Length != 2 || centers.Shape[0] < 1 || centers.Shape[1] < 1)
            throw new ArgumentException($"MakeBlobs: centers must have shape (k ≥ 1, d ≥ 1); got ({string.Join(", ", centers.Shape.ToArray())}).", nameof(centers));
        foreach (double c in centers.ToArray())
            if (!double.IsFinite(c)) throw new ArgumentException("MakeBlobs: centers must be finite.", nameof(centers));
        return BlobsAround(generator, nSamples, centers, clusterStd, clusterStds, shuffle);
    }

    private static (Tensor<double> X, int[] Y, Tensor<double> Centers) BlobsAround(
        Generator generator, int nSamples, Tensor<double> centers, double? clusterStd, double[]? clusterStds, bool shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 1);
        int k = centers.Shape[0], d = centers.Shape[1];
        if (clusterStd is not null && clusterStds is not null)
            throw new ArgumentException("MakeBlobs: give clusterStd or clusterStds, not both.", nameof(clusterStds));
        double[] stds = clusterStds ?? Filled(k, clusterStd ?? 1.0);
        if (stds.Length != k)
            throw new ArgumentException($"MakeBlobs: clusterStds has {stds.Length} entries for {k} centers.", nameof(clusterStds));
        for (int i = 0; i < k; i++)
            if (!(stds[i] >= 0) || double.IsInfinity(stds[i]))
                throw new ArgumentException($"MakeBlobs: cluster standard deviation {i} = {stds[i]} must be finite and ≥ 0.", nameof(clusterStds));
        double[] c = centers.ToArray();
        var x = new double[nSamples * d];
        var y = new int[nSamples];
        int row = 0;
        for (int i = 0; i < k; i++)
        {
            int count = nSamples / k + (i < nSamples % k ? 1 : 0);
            double[] z = Normals(generator, count * d, 1.0);
            for (int s = 0; s < count; s++, row++)
            {
                y[row] = i;
                for (int j = 0; j < d; j++) x[row * d + j] = c[i * d + j] + stds[i] * z[s * d + j];
            }
        }
        if (shuffle) (x, y) = ShuffleRows(generator, x, y, nSamples, d);
        return (Tensor.FromArray(x, nSamples, d), y, Tensor.FromArray((double[])c.Clone(), k, d));
    }

    /// <summary>
    /// Two interleaving half circles (scikit-learn's <c>make_moons</c>): ⌊n/2⌋ points (label 0) at
    /// (cos θ, sin θ) and the rest (label 1) at (1 − cos θ, 0.5 − sin θ), θ evenly spaced on [0, π] including both
    /// ends; rows permuted if <paramref name="shuffle"/>; then N(0, noise²) added to every coordinate.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">nSamples &lt; 2 or noise not finite and ≥ 0.</exception>
    public static (Tensor<double> X, int[] Y) MakeMoons(Generator generator, int nSamples = 100, double noise = 0.0, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 2);
        CheckNoise(noise);
        int nOut = nSamples / 2, nIn = nSamples - nOut;
        var x = new double[nSamples * 2];
        var y = new int[nSamples];
        for (int i = 0; i < nOut; i++)
        {
            double t = Linspace(0, Math.PI, nOut, i, endpoint: true);
            x[2 * i] = Math.Cos(t);
            x[2 * i + 1] = Math.Sin(t);
        }
        for (int i = 0; i < nIn; i++)
        {
            double t = Linspace(0, Math.PI, nIn, i, endpoint: true);
            x[2 * (nOut + i)] = 1 - Math.Cos(t);
            x[2 * (nOut + i) + 1] = 1 - Math.Sin(t) - 0.5;
            y[nOut + i] = 1;
        }
        return Finish(generator, x, y, nSamples, noise, shuffle);
    }

    /// <summary>
    /// A large circle containing a smaller one (scikit-learn's <c>make_circles</c>): ⌊n/2⌋ points (label 0) on the
    /// unit circle and the rest (label 1) on the circle of radius <paramref name="factor"/>, angles evenly spaced on
    /// [0, 2π) without the end point; rows permuted if <paramref name="shuffle"/>; then N(0, noise²) added.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">nSamples &lt; 2, factor outside [0, 1), or noise not finite and ≥ 0.</exception>
    public static (Tensor<double> X, int[] Y) MakeCircles(Generator generator, int nSamples = 100, double noise = 0.0, double factor = 0.8, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 2);
        CheckNoise(noise);
        if (!(factor >= 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "MakeCircles: factor must be in [0, 1).");
        int nOut = nSamples / 2, nIn = nSamples - nOut;
        var x = new double[nSamples * 2];
        var y = new int[nSamples];
        for (int i = 0; i < nSamples; i++)
        {
            bool inner = i >= nOut;
            int m = inner ? nIn : nOut;
            double t = Linspace(0, 2 * Math.PI, m, inner ? i - nOut : i, endpoint: false), r = inner ? factor : 1.0;
            x[2 * i] = r * Math.Cos(t);
            x[2 * i + 1] = r * Math.Sin(t);
            y[i] = inner ? 1 : 0;
        }
        return Finish(generator, x, y, nSamples, noise, shuffle);
    }

    private static void CheckNoise(double noise)
    {
        if (!(noise >= 0) || double.IsInfinity(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be finite and ≥ 0.");
    }

    private static (Tensor<double> X, int[] Y) Finish(Generator generator, double[] x, int[] y, int n, double noise, bool shuffle)
    {
        if (shuffle) (x, y) = ShuffleRows(generator, x, y, n, 2);
        if (noise > 0)
        {
            double[] e = Normals(generator, x.Length, noise);
            for (int i = 0; i < x.Length; i++) x[i] += e[i];
        }
        return (Tensor.FromArray(x, n, 2), y);
    }

    /// <summary>NumPy's linspace(start, stop, count, endpoint)[i].</summary>
    private static double Linspace(double start, double stop, int count, int i, bool endpoint)
    {
        int div = endpoint ? count - 1 : count;
        return div <= 0 ? start : start + (stop - start) * i / div;
    }

    private static double[] Normals(Generator generator, int count, double std)
    {
        var v = new double[count];
        generator.Normal<double>(v, 0.0, std);
        return v;
    }

    private static double[] Uniforms(Generator generator, int count, double low, double high)
    {
        var v = new double[count];
        generator.Uniform<double>(v, low, high);
        return v;
    }

    private static double[] Filled(int count, double value)
    {
        var v = new double[count];
        Array.Fill(v, value);
        return v;
    }

    private static T[] Gather<T>(T[] v, int[] index)
    {
        var r = new T[index.Length];
        for (int i = 0; i < index.Length; i++) r[i] = v[index[i]];
        return r;
    }

    private static double[] PermuteRows(double[] x, int n, int d, int[] rows)
    {
        var r = new double[x.Length];
        for (int i = 0; i < n; i++) Array.Copy(x, rows[i] * d, r, i * d, d);
        return r;
    }

    private static double[] PermuteColumns(double[] x, int n, int d, int[] cols)
    {
        var r = new double[x.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) r[i * d + j] = x[i * d + cols[j]];
        return r;
    }

    private static (double[] X, int[] Y) ShuffleRows(Generator generator, double[] x, int[] y, int n, int d)
    {
        int[] p = generator.Permutation(n);
        return (PermuteRows(x, n, d, p), Gather(y, p));
    }
}
