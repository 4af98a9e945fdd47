using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Datasets;

/// <summary>
/// Synthetic dataset generators following scikit-learn's <c>sklearn.datasets.make_*</c> algorithms step by step.
/// Randomness comes from a <see cref="Generator"/> (Philox), so the numbers differ from scikit-learn's (NumPy
/// Mersenne Twister) but the construction — and therefore every structural and statistical property — is the same.
/// Each call consumes draws from the generator; equal generator states give equal outputs.
/// </summary>
public static partial class Generators
{
    /// <summary>
    /// A random n-class classification problem (scikit-learn's <c>make_classification</c>): Gaussian clusters placed
    /// on the vertices of an <paramref name="nInformative"/>-dimensional hypercube of side 2·<paramref name="classSep"/>,
    /// with redundant, repeated and useless features added.
    /// </summary>
    /// <remarks>
    /// <para>Algorithm (features in this order before shuffling): k = nClasses·nClustersPerClass clusters get distinct
    /// random hypercube vertices c ∈ {−classSep, +classSep}^{nInformative} (if not <paramref name="hypercube"/>, each
    /// centroid is multiplied by a uniform [0, 1) per cluster and a uniform [0, 1) per dimension). Cluster j receives
    /// ⌊n·w_{j mod nClasses}/nClustersPerClass⌋ samples, the remainder dealt round-robin, and label j mod nClasses; its
    /// points are z·A_j + c_j with z ~ N(0, I) and A_j uniform on [−1, 1]^{i×i} (a random covariance). Redundant
    /// features are X_inf·B with B uniform on [−1, 1]^{i×r}; repeated features copy columns chosen uniformly among the
    /// informative and redundant ones; the remaining "useless" features are N(0, 1) noise. Then a fraction
    /// <paramref name="flipY"/> of labels (each sample with probability flipY) is replaced by a uniform random class
    /// (possibly the same). Finally X ← (X + shift)·scale, and if <paramref name="shuffle"/> the rows and then the
    /// columns are permuted.</para>
    /// </remarks>
    /// <param name="generator">The random source.</param>
    /// <param name="nSamples">n ≥ 1.</param>
    /// <param name="nFeatures">d ≥ nInformative + nRedundant + nRepeated.</param>
    /// <param name="nInformative">i ≥ 1, with nClasses·nClustersPerClass ≤ 2^i.</param>
    /// <param name="nRedundant">r ≥ 0 linear combinations of the informative features.</param>
    /// <param name="nRepeated">≥ 0 duplicated informative/redundant features.</param>
    /// <param name="nClasses">≥ 2.</param>
    /// <param name="nClustersPerClass">≥ 1.</param>
    /// <param name="weights">Class proportions, length nClasses, or nClasses − 1 (the last is 1 − their sum); null
    /// for balanced classes. Each must be finite and ≥ 0.</param>
    /// <param name="flipY">Probability in [0, 1] that a label is re-drawn uniformly.</param>
    /// <param name="classSep">Half the hypercube side (&gt; 0): larger separates the classes more.</param>
    /// <param name="hypercube">Whether centroids sit exactly on the vertices (true) or on random points of a box.</param>
    /// <param name="shift">Added to every feature; null draws one shift per feature uniform on [−classSep, classSep].</param>
    /// <param name="scale">Multiplies every feature after the shift; null draws one per feature uniform on [1, 101).</param>
    /// <param name="shuffle">Whether to permute the rows and the columns.</param>
    /// <returns>X of shape (n, d) and labels y (length n) in 0 … nClasses − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or parameter outside its range.</exception>
    /// <exception cref="ArgumentException">Too many features requested, too many clusters for 2^i, or bad weights.</exception>
    public static (Tensor<double> X, int[] Y) MakeClassification(
        Generator generator, int nSamples = 100, int nFeatures = 20, int nInformative = 2, int nRedundant = 2,
        int nRepeated = 0, int nClasses = 2, int nClustersPerClass = 2, double[]? weights = null, double flipY = 0.01,
        double classSep = 1.0, bool hypercube = true, double? shift = 0.0, double? scale = 1.0, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(nSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nInformative, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nRedundant);
        ArgumentOutOfRangeException.ThrowIfNegative(nRepeated);
        ArgumentOutOfRangeException.ThrowIfLessThan(nClasses, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(nClustersPerClass, 1);
        if ((long)nInformative + nRedundant + nRepeated > nFeatures)
            throw new ArgumentException($"MakeClassification: nInformative + nRedundant + nRepeated = {(long)nInformative + nRedundant + nRepeated} must be ≤ nFeatures = {nFeatures}.", nameof(nFeatures));
        int nClusters = checked(nClasses * nClustersPerClass);
        if (nInformative < 31 && nClusters > 1L << nInformative)
            throw new ArgumentException($"MakeClassification: nClasses·nClustersPerClass = {nClusters} must be ≤ 2^nInformative = {1L << nInformative}.", nameof(nInformative));
        if (!(flipY >= 0 && flipY <= 1)) throw new ArgumentOutOfRangeException(nameof(flipY), flipY, "MakeClassification: flipY must be in [0, 1].");
        if (!(classSep > 0) || double.IsInfinity(classSep)) throw new ArgumentOutOfRangeException(nameof(classSep), classSep, "MakeClassification: classSep must be finite and > 0.");
        double[] w = ClassWeights(weights, nClasses);

        int n = nSamples, d = nFeatures, inf = nInformative;
        var perCluster = new int[nClusters];
        long assigned = 0;
        for (int k = 0; k < nClusters; k++) { perCluster[k] = (int)(n * w[k % nClasses] / nClustersPerClass); assigned += perCluster[k]; }
        for (long i = 0; i < n - assigned; i++) perCluster[i % nClusters]++;

        double[,] centroids = Hypercube(generator, nClusters, inf);
        for (int k = 0; k < nClusters; k++)
            for (int j = 0; j < inf; j++) centroids[k, j] = centroids[k, j] * 2 * classSep - classSep;
        if (!hypercube)
        {
            double[] perCentroid = Uniforms(generator, nClusters, 0, 1), perDim = Uniforms(generator, inf, 0, 1);
            for (int k = 0; k < nClusters; k++)
                for (int j = 0; j < inf; j++) centroids[k, j] *= perCentroid[k] * perDim[j];
        }

        var x = new double[n * d];
        var y = new int[n];
        double[] z = Normals(generator, n * inf, 1.0);
        int start = 0;
        for (int k = 0; k < nClusters; k++)
        {
            double[] a = Uniforms(generator, inf * inf, -1, 1);
            for (int s = start; s < start + perCluster[k]; s++)
            {
                y[s] = k % nClasses;
                for (int j = 0; j < inf; j++)
                {
                    double v = centroids[k, j];
                    for (int m = 0; m < inf; m++) v += z[s * inf + m] * a[m * inf + j];
                    x[s * d + j] = v;
                }
            }
            start += perCluster[k];
        }
        if (nRedundant > 0)
        {
            double[] b = Uniforms(generator, inf * nRedundant, -1, 1);
            for (int s = 0; s < n; s++)
                for (int r = 0; r < nRedundant; r++)
                {
                    double v = 0;
                    for (int m = 0; m < inf; m++) v += x[s * d + m] * b[m * nRedundant + r];
                    x[s * d + inf + r] = v;
                }
        }
        int filled = inf + nRedundant;
        if (nRepeated > 0)
        {
            double[] u = Uniforms(generator, nRepeated, 0, 1);
            for (int r = 0; r < nRepeated; r++)
            {
                int source = (int)((filled - 1) * u[r] + 0.5);
                for (int s = 0; s < n; s++) x[s * d + filled + r] = x[s * d + source];
            }
        }
        int useless = d - filled - nRepeated;
        if (useless > 0)
        {
            double[] noise = Normals(generator, n * useless, 1.0);
            for (int s = 0; s < n; s++)
                for (int j = 0; j < useless; j++) x[s * d + d - useless + j] = noise[s * useless + j];
        }
        if (flipY > 0)
        {
            double[] u = Uniforms(generator, n, 0, 1);
            int flips = 0;
            foreach (double v in u) if (v < flipY) flips++;
            var labels = new int[flips];
            if (flips > 0) generator.Integers(labels, 0, nClasses);
            for (int s = 0, f = 0; s < n; s++) if (u[s] < flipY) y[s] = labels[f++];
        }
        double[] shifts = shift is { } sh ? Filled(d, sh) : Uniforms(generator, d, -classSep, classSep);
        double[] scales = scale is { } sc ? Filled(d, sc) : Uniforms(generator, d, 1, 101);
        for (int s = 0; s < n; s++)
            for (int j = 0; j < d; j++) x[s * d + j] = (x[s * d + j] + shifts[j]) * scales[j];
        if (shuffle)
        {
            (x, y) = ShuffleRows(generator, x, y, n, d);
            x = PermuteColumns(x, n, d, generator.Permutation(d));
        }
        return (Tensor.FromArray(x, n, d), y);
    }

    /// <summary>Class proportions: null → uniform; length k − 1 → the last is 1 − their sum; checked finite and ≥ 0.</summary>
    private static double[] ClassWeights(double[]? weights, int nClasses)
    {
        if (weights is null) return Filled(nClasses, 1.0 / nClasses);
        if (weights.Length != nClasses && weights.Length != nClasses - 1)
            throw new ArgumentException($"MakeClassification: weights has {weights.Length} entries; expected nClasses = {nClasses} or nClasses − 1.", nameof(weights));
        var w = new double[nClasses];
        double sum = 0;
        for (int c = 0; c < weights.Length; c++)
        {
            if (!(weights[c] >= 0) || double.IsInfinity(weights[c]))
                throw new ArgumentException($"MakeClassification: weights[{c}] = {weights[c]} must be finite and ≥ 0.", nameof(weights));
            w[c] = weights[c];
            sum += weights[c];
        }
        if (weights.Length == nClasses - 1)
        {
            if (sum > 1) throw new ArgumentException($"MakeClassification: the {nClasses - 1} given weights sum to {sum} > 1, leaving nothing for the last class.", nameof(weights));
            w[nClasses - 1] = 1 - sum;
        }
        return w;
    }

    /// <summary>
    /// <paramref name="count"/> distinct vertices of the unit hypercube {0, 1}^dims as rows (scikit-learn's
    /// <c>_generate_hypercube</c>): distinct integers below 2^min(dims, 30) written in binary, plus uniform random
    /// bits for dimensions beyond 30.
    /// </summary>
    private static double[,] Hypercube(Generator generator, int count, int dims)
    {
        var result = new double[count, dims];
        int low = Math.Min(dims, 30), extra = dims - low;
        if (extra > 0)
        {
            var bits = new int[count * extra];
            generator.Integers(bits, 0, 2);
            for (int k = 0; k < count; k++)
                for (int j = 0; j < extra; j++) result[k, j] = bits[k * extra + j];
        }
        long range = 1L << low;
        long[] chosen;
        if (range <= 4L * count)
        {
            int[] p = generator.Permutation((int)range);
            chosen = new long[count];
            for (int k = 0; k < count; k++) chosen[k] = p[k];
        }
        else
        {
            var seen = new HashSet<long>();
            chosen = new long[count];
            var draw = new long[1];
            for (int k = 0; k < count; k++)
            {
                do generator.Integers(draw, 0, range); while (!seen.Add(draw[0]));
                chosen[k] = draw[0];
            }
        }
        for (int k = 0; k < count; k++)
            for (int j = 0; j < low; j++) result[k, extra + j] = (chosen[k] >> (low - 1 - j)) & 1;
        return result;
    }
}
