using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Datasets;

/// <summary>MakeBlobs, MakeMoons and MakeCircles: sizes and noise-free shapes against scikit-learn, statistics otherwise.</summary>
public class GeometricGeneratorsTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "datasets", "generators.json"))).RootElement;

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetInt32())];

    [Fact]
    public void BlobsSizesCentresAndSpread()
    {
        var (_, y10, _) = Generators.MakeBlobs(new Generator(1), nSamples: 10, nCenters: 3);
        int[] counts = new int[3];
        foreach (int v in y10) counts[v]++;
        Assert.Equal(Ints(Fixture.GetProperty("blobs_10_3_counts")), counts);

        // 3 blobs of 1,000 in 3-D with stds 0.5, 1, 2: sample mean within 5 SE of the centre, sample std within 5 SE.
        double[] stds = [0.5, 1.0, 2.0];
        var (x, y, centers) = Generators.MakeBlobs(new Generator(2), nSamples: 3000, nFeatures: 3, nCenters: 3,
            clusterStds: stds, centerBox: (-5, 5));
        Assert.Equal([3000, 3], x.Shape.ToArray());
        Assert.Equal([3, 3], centers.Shape.ToArray());
        double[] xv = x.ToArray(), c = centers.ToArray();
        Assert.All(c, v => Assert.InRange(v, -5, 5));
        for (int k = 0; k < 3; k++)
        {
            int[] rows = [.. Enumerable.Range(0, 3000).Where(i => y[i] == k)];
            Assert.Equal(1000, rows.Length);
            for (int j = 0; j < 3; j++)
            {
                double[] col = [.. rows.Select(i => xv[i * 3 + j])];
                double m = col.Average(), s = Math.Sqrt(col.Sum(v => (v - m) * (v - m)) / col.Length);
                Assert.InRange(m - c[k * 3 + j], -5 * stds[k] / Math.Sqrt(1000), 5 * stds[k] / Math.Sqrt(1000));
                Assert.InRange(s / stds[k], 1 - 5 / Math.Sqrt(2000), 1 + 5 / Math.Sqrt(2000));
            }
        }
        // Rows are shuffled: labels are not sorted.
        Assert.NotEqual(y.OrderBy(v => v).ToArray(), y);
    }

    [Fact]
    public void BlobsAroundGivenCentres()
    {
        var centres = Tensor.FromArray(new double[] { 0, 0, 10, 10 }, 2, 2);
        var (x, y, back) = Generators.MakeBlobs(new Generator(3), centres, nSamples: 5, clusterStd: 0.0, shuffle: false);
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0, 10, 10, 10, 10 }, x.ToArray());
        Assert.Equal([0, 0, 0, 1, 1], y);
        Assert.Equal(centres.ToArray(), back.ToArray());
        var g = new Generator(4);
        Assert.Throws<ArgumentException>(() => Generators.MakeBlobs(g, centres, clusterStds: [1.0]));
        Assert.Throws<ArgumentException>(() => Generators.MakeBlobs(g, centres, clusterStd: 1.0, clusterStds: [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => Generators.MakeBlobs(g, centres, clusterStd: -1.0));
        Assert.Throws<ArgumentException>(() => Generators.MakeBlobs(g, Tensor.FromArray(new double[] { 1, 2 }, 2)));
        Assert.Throws<ArgumentException>(() => Generators.MakeBlobs(g, centerBox: (1, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeBlobs(g, nCenters: 0));
    }

    [Fact]
    public void NoiseFreeMoonsAndCirclesEqualScikitLearn()
    {
        var moons = Fixture.GetProperty("moons_7");
        var (mx, my) = Generators.MakeMoons(new Generator(1), nSamples: 7, shuffle: false);
        TensorAssert.Close<double>(Doubles(moons.GetProperty("x")), mx.ToArray(), Tolerance.Float64Kernel);
        Assert.Equal(Ints(moons.GetProperty("y")), my);
        var circles = Fixture.GetProperty("circles_9_0.3");
        var (cx, cy) = Generators.MakeCircles(new Generator(1), nSamples: 9, factor: 0.3, shuffle: false);
        TensorAssert.Close<double>(Doubles(circles.GetProperty("x")), cx.ToArray(), Tolerance.Float64Kernel);
        Assert.Equal(Ints(circles.GetProperty("y")), cy);
    }

    [Fact]
    public void CirclesRadiiAndNoiseLevel()
    {
        // Without noise every point lies on its circle; with noise σ the radial deviation has std ≈ σ
        // (isotropic 2-D noise projected on the radius; σ ≪ radius), 2,000 points: SE ≈ σ/√(2·1000).
        var (x0, y0) = Generators.MakeCircles(new Generator(6), nSamples: 2000, factor: 0.5);
        double[] v0 = x0.ToArray();
        for (int i = 0; i < 2000; i++)
            Assert.Equal(y0[i] == 0 ? 1.0 : 0.5, Math.Sqrt(v0[2 * i] * v0[2 * i] + v0[2 * i + 1] * v0[2 * i + 1]), 1e-12);
        Assert.Equal(1000, y0.Count(v => v == 1));

        const double sigma = 0.02;
        var (x1, y1) = Generators.MakeCircles(new Generator(6), nSamples: 2000, factor: 0.5, noise: sigma);
        double[] v1 = x1.ToArray();
        foreach (int label in new[] { 0, 1 })
        {
            double[] dev = [.. Enumerable.Range(0, 2000).Where(i => y1[i] == label)
                .Select(i => Math.Sqrt(v1[2 * i] * v1[2 * i] + v1[2 * i + 1] * v1[2 * i + 1]) - (label == 0 ? 1.0 : 0.5))];
            double m = dev.Average(), s = Math.Sqrt(dev.Sum(d => (d - m) * (d - m)) / dev.Length);
            Assert.InRange(s, sigma * 0.9, sigma * 1.1);
            Assert.InRange(m, -0.003, 0.003);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeCircles(new Generator(1), factor: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeCircles(new Generator(1), noise: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeCircles(new Generator(1), nSamples: 1));
    }

    [Fact]
    public void MoonsLieOnTheirHalfCircles()
    {
        // Label 0: unit circle centred (0, 0), upper half; label 1: unit circle centred (1, 0.5), lower half.
        var (x, y) = Generators.MakeMoons(new Generator(7), nSamples: 501);
        double[] v = x.ToArray();
        Assert.Equal(250, y.Count(l => l == 0));
        for (int i = 0; i < 501; i++)
        {
            double cx = y[i] == 0 ? 0 : 1, cy = y[i] == 0 ? 0 : 0.5;
            double px = v[2 * i] - cx, py = v[2 * i + 1] - cy;
            Assert.Equal(1.0, Math.Sqrt(px * px + py * py), 1e-12);
            Assert.True(y[i] == 0 ? py >= -1e-12 : py <= 1e-12);
        }
        var (noisy, _) = Generators.MakeMoons(new Generator(7), nSamples: 501, noise: 0.1);
        double[] nv = noisy.ToArray();
        double[] diff = [.. nv.Select((a, i) => a - v[i])];
        double s = Math.Sqrt(diff.Select(d => d * d).Average());
        Assert.InRange(s, 0.095, 0.105 + 5 * 0.1 / Math.Sqrt(2 * 1002));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generators.MakeMoons(new Generator(1), noise: double.NaN));
    }
}
