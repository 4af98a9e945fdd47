using System.Text.Json;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Datasets;

/// <summary>
/// Generators draw from Philox, so values differ from scikit-learn's; these tests check the construction: sizes
/// (against sklearn where they do not depend on the random stream), geometry and sample statistics.
/// </summary>
public class GeneratorsTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "datasets", "generators.json"))).RootElement;

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static int[] Counts(int[] y, int k)
    {
        var c = new int[k];
        foreach (int v in y) c[v]++;
        return c;
    }

    private static double[] Col(double[] x, int n, int d, int j)
    {
        var c = new double[n];
        for (int i = 0; i < n; i++) c[i] = x[i * d + j];
        return c;
    }

    private static double Std(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(a => (a - m) * (a - m)) / v.Length);
    }

    [Fact]
    public void ClassificationClassSizesMatchScikitLearn()
    {
        foreach (var c in Fixture.GetProperty("classification_counts").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32(), k = c.GetProperty("classes").GetInt32();
            double[]? w = c.GetProperty("weights").ValueKind == JsonValueKind.Null ? null : Doubles(c.GetProperty("weights"));
            var (x, y) = Generators.MakeClassification(new Generator(7), nSamples: n, nFeatures: 8, nInformative: 4, nRedundant: 0,
                nClasses: k, nClustersPerClass: c.GetProperty("clusters_per_class").GetInt32(), weights: w, flipY: 0);
            Assert.Equal([n, 8], x.Shape.ToArray());
            Assert.Equal(c.GetProperty("counts").EnumerateArray().Select(v => v.GetInt32()), Counts(y, k));
        }
    }

    [Fact]
    public void ClassificationFeatureConstruction()
    {
        const int n = 3000, inf = 3, red = 2, rep = 2, d = 10;
        var (xt, y) = Generators.MakeClassification(new Generator(11), nSamples: n, nFeatures: d, nInformative: inf,
            nRedundant: red, nRepeated: rep, nClasses: 2, nClustersPerClass: 2, flipY: 0, shuffle: false);
        double[] x = xt.ToArray();
        // Informative + redundant block has rank inf: its last `red` singular values vanish.
        var block = new double[n * (inf + red)];
        for (int i = 0; i < n; i++) Array.Copy(x, i * d, block, i * (inf + red), inf + red);
        double[] sv = Linalg.SvdValues(Tensor.FromArray(block, n, inf + red)).ToArray();
        Assert.True(sv[inf - 1] > 1.0, $"informative directions present: {string.Join(", ", sv)}");
        for (int r = inf; r < inf + red; r++) Assert.True(sv[r] < 1e-9 * sv[0], $"redundant features are linear combinations: {string.Join(", ", sv)}");
        // Repeated features copy one of the first inf + red columns exactly.
        for (int r = 0; r < rep; r++)
        {
            double[] col = Col(x, n, d, inf + red + r);
            Assert.Contains(Enumerable.Range(0, inf + red), j => Col(x, n, d, j).SequenceEqual(col));
        }
        // Useless features are N(0, 1): 5 standard errors.
        for (int j = inf + red + rep; j < d; j++)
        {
            double[] col = Col(x, n, d, j);
            Assert.InRange(col.Average(), -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
            Assert.InRange(Std(col), 1 - 5 / Math.Sqrt(2.0 * n), 1 + 5 / Math.Sqrt(2.0 * n));
        }
        Assert.Equal([1500, 1500], Counts(y, 2));
    }

    [Fact]
    public void ClassificationClustersSitOnHypercubeVertices()
    {
        // One cluster per class, unshuffled: rows [0, 1000) are cluster 0, [1000, 2000) cluster 1. Each cluster is
        // z·A + c with z ~ N(0, I₂), |Aᵢⱼ| ≤ 1, so a coordinate's std ≤ √2 and the cluster mean is within 0.25 of c.
        const int n = 2000;
        const double sep = 3.0;
        var (xt, y) = Generators.MakeClassification(new Generator(5), nSamples: n, nFeatures: 2, nInformative: 2,
            nRedundant: 0, nClasses: 2, nClustersPerClass: 1, flipY: 0, classSep: sep, shuffle: false);
        double[] x = xt.ToArray();
        var means = new double[2][];
        for (int k = 0; k < 2; k++)
        {
            means[k] = new double[2];
            for (int j = 0; j < 2; j++)
            {
                means[k][j] = Enumerable.Range(k * 1000, 1000).Average(i => x[i * 2 + j]);
                Assert.InRange(Math.Abs(Math.Abs(means[k][j]) - sep), 0, 0.25);
            }
            Assert.All(y[(k * 1000)..((k + 1) * 1000)], v => Assert.Equal(k, v));
        }
        Assert.False(Math.Sign(means[0][0]) == Math.Sign(means[1][0]) && Math.Sign(means[0][1]) == Math.Sign(means[1][1]),
            "the two clusters are on distinct vertices");
    }

    [Fact]
    public void ClassificationShiftScaleAndFlip()
    {
        var (a, ya) = Generators.MakeClassification(new Generator(3), nSamples: 200, nFeatures: 6, flipY: 0);
        var (b, yb) = Generators.MakeClassification(new Generator(3), nSamples: 200, nFeatures: 6, flipY: 0, shift: 2.0, scale: 3.0);
        Assert.Equal(ya, yb);
        double[] av = a.ToArray(), bv = b.ToArray();
        for (int i = 0; i < av.Length; i++) Assert.Equal((av[i] + 2.0) * 3.0, bv[i], 1e-12);
        // Random per-feature scale lies in [1, 101): column spreads differ wildly.
        var (c, _) = Generators.MakeClassification(new Generator(3), nSamples: 200, nFeatures: 6, shift: null, scale: null);
        Assert.Equal([200, 6], c.Shape.ToArray());

        // Same seed, unshuffled: flipping consumes draws only after X is built, so X is identical and a label
        // changes with probability flipY·(1 − 1/k) = 0.5·0.5 = 0.25 (4,000 samples: SE 0.007).
        const int n = 4000;
        var (x0, y0) = Generators.MakeClassification(new Generator(9), nSamples: n, flipY: 0, shuffle: false);
        var (x1, y1) = Generators.MakeClassification(new Generator(9), nSamples: n, flipY: 0.5, shuffle: false);
        Assert.Equal(x0.ToArray(), x1.ToArray());
        double changed = Enumerable.Range(0, n).Count(i => y0[i] != y1[i]) / (double)n;
        Assert.InRange(changed, 0.22, 0.28);
    }

    [Fact]
    public void ClassificationRejectsBadArguments()
    {
        var g = new Generator(1);
        Assert.Throws<ArgumentException>(() => Generators.MakeClassification(g, nFeatures: 3, nInformative: 2, nRedundant: 2));
        Assert.Throws<ArgumentException>(() => Generators.MakeClassification(g, nInformative: 2, nClasses: 3, nClustersPerClass: 2));
        Assert.Throws<ArgumentException>(() => Generators.MakeClassification(g, weights: [0.1, 0.2, 0.3]));
        Assert.Throws<ArgumentException>(() => Generators.MakeClassification(g, nClasses: 3, nInformative: 3, weights: [0.8, 0.7]));
        Assert.Throws<ArgumentException>(() => Generators.MakeClassification(g, weights: [-0.5, 1.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeClassification(g, nSamples: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeClassification(g, flipY: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeClassification(g, classSep: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeClassification(g, nClasses: 1));
        Assert.Throws<ArgumentNullException>(() => Generators.MakeClassification(null!));
    }

    [Fact]
    public void RegressionIsLinearWithRequestedNoise()
    {
        var (x, y, coef) = Generators.MakeRegression(new Generator(2), nSamples: 50, nFeatures: 8, nInformative: 3, bias: 4.5);
        Assert.Equal([50, 8], x.Shape.ToArray());
        double[] c = coef.ToArray(), xv = x.ToArray(), yv = y.ToArray();
        Assert.Equal(3, c.Count(v => v != 0));
        Assert.All(c, v => Assert.InRange(v, 0, 100));
        for (int i = 0; i < 50; i++)
            Assert.Equal(4.5 + Enumerable.Range(0, 8).Sum(j => xv[i * 8 + j] * c[j]), yv[i], 1e-9);

        // Noise: same seed with noise 2 → residual y − Xw − b has std ≈ 2 (2,000 samples: SE 0.03).
        var (xn, yn, cn) = Generators.MakeRegression(new Generator(4), nSamples: 2000, nFeatures: 5, nInformative: 5, noise: 2.0);
        double[] xnv = xn.ToArray(), ynv = yn.ToArray(), cnv = cn.ToArray();
        double[] resid = [.. Enumerable.Range(0, 2000).Select(i => ynv[i] - Enumerable.Range(0, 5).Sum(j => xnv[i * 5 + j] * cnv[j]))];
        Assert.InRange(Std(resid), 1.85, 2.15);
        Assert.InRange(Std(Col(xnv, 2000, 5, 0)), 0.93, 1.07);
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeRegression(new Generator(1), noise: -1));
    }

    [Fact]
    public void LowRankMatrixHasScikitLearnSingularValueProfile()
    {
        // The singular values are fixed by the construction (U, V orthonormal), so they equal sklearn's exactly up to
        // QR/SVD rounding.
        var tol = Tolerance.Float64Decomposition;
        double[] expected = Doubles(Fixture.GetProperty("low_rank_20_8_3_0.5_singular_values"));
        double[] actual = Linalg.SvdValues(Generators.MakeLowRankMatrix(new Generator(8), 20, 8, 3, 0.5)).ToArray();
        TensorAssert.Close<double>(expected, actual, tol);
        var (x, _, _) = Generators.MakeRegression(new Generator(8), nSamples: 20, nFeatures: 8, effectiveRank: 3);
        TensorAssert.Close<double>(expected, Linalg.SvdValues(x).ToArray(), tol);
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeLowRankMatrix(new Generator(1), 5, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeLowRankMatrix(new Generator(1), 5, 5, 2, 1.5));
    }

    [Fact]
    public void SameGeneratorStateGivesSameData()
    {
        var (a, ya) = Generators.MakeClassification(new Generator(21), nSamples: 30);
        var (b, yb) = Generators.MakeClassification(new Generator(21), nSamples: 30);
        var (c, _) = Generators.MakeClassification(new Generator(22), nSamples: 30);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Equal(ya, yb);
        Assert.NotEqual(a.ToArray(), c.ToArray());
        var (m1, _) = Generators.MakeMoons(new Generator(5), nSamples: 20, noise: 0.1);
        var (m2, _) = Generators.MakeMoons(new Generator(5), nSamples: 20, noise: 0.1);
        Assert.Equal(m1.ToArray(), m2.ToArray());
    }

    [Fact]
    public void ClassificationWithoutHypercubeShrinksCentroidsInsideTheBox()
    {
        // Centroids are vertices scaled by factors in [0, 1): cluster means lie within classSep (+ 0.25 sampling slack,
        // as in the vertex test) of the origin in every coordinate, and not all on the vertices.
        const double sep = 3.0;
        var (xt, _) = Generators.MakeClassification(new Generator(13), nSamples: 4000, nFeatures: 2, nInformative: 2,
            nRedundant: 0, nClasses: 4, nClustersPerClass: 1, flipY: 0, classSep: sep, hypercube: false, shuffle: false);
        double[] x = xt.ToArray();
        bool anyInside = false;
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 2; j++)
            {
                double m = Enumerable.Range(k * 1000, 1000).Average(i => x[i * 2 + j]);
                Assert.InRange(Math.Abs(m), 0, sep + 0.25);
                anyInside |= Math.Abs(m) < sep - 0.25;
            }
        Assert.True(anyInside);
    }
}
