using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>The bin mapper against scikit-learn 1.2's <c>_BinMapper.bin_thresholds_</c> (bit-for-bit).</summary>
public class HistBinMapperTests
{
    [Fact]
    public void FixtureDataMatchesTheShippedDatasets()
    {
        var checks = HistGbData.Root.GetProperty("checks");
        Assert.Equal(checks.GetProperty("breast_cancer_sum").GetDouble(), SmallDatasets.LoadBreastCancer().Data.ToArray().Sum(), 1e-6);
        var (x, y, yc) = HistGbData.Generated();
        Assert.Equal(checks.GetProperty("gen_x_nansum").GetDouble(), x.ToArray().Where(v => !double.IsNaN(v)).Sum(), 1e-9);
        Assert.Equal(checks.GetProperty("gen_y_sum").GetDouble(), y.ToArray().Sum(), 1e-9);
        Assert.Equal(checks.GetProperty("gen_ycls_sum").GetInt32(), yc.Sum());
    }

    [Theory]
    [InlineData("diabetes", "diabetes")]
    [InlineData("breast_cancer", "breast_cancer")]
    [InlineData("breast_cancer_16", "breast_cancer")]
    [InlineData("diabetes_nan", "diabetes_nan")]
    [InlineData("gen", "gen")]
    [InlineData("gen_32", "gen")]
    public void ThresholdsEqualScikitLearn(string caseName, string data)
    {
        var c = HistGbData.Root.GetProperty("binning").GetProperty(caseName);
        var x = HistGbData.Load(data).X;
        int n = x.Shape[0], d = x.Shape[1];
        var cat = c.GetProperty("categorical").ValueKind == System.Text.Json.JsonValueKind.Null
            ? new bool[d] : c.GetProperty("categorical").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
        var mapper = HistBinMapper.Fit(HistGbData.Columns(x), n, d, c.GetProperty("max_bins").GetInt32(), cat, new Generator(0));
        var counts = HistGbData.Ints(c.GetProperty("counts"));
        var sums = HistGbData.Doubles(c.GetProperty("sums"));
        for (int f = 0; f < d; f++)
        {
            Assert.Equal(counts[f], mapper.Thresholds[f].Length);
            // A checksum: numpy sums pairwise, we sum in order, so the sums agree to rounding of Σ|t|, not bit for bit.
            Assert.Equal(sums[f], mapper.Thresholds[f].Sum(), mapper.Thresholds[f].Sum(Math.Abs) * 1e-13);
        }
        foreach (var prop in c.GetProperty("full").EnumerateObject())
        {
            int f = int.Parse(prop.Name, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(HistGbData.Doubles(prop.Value), mapper.Thresholds[f]);
        }
    }

    [Fact]
    public void BinsFollowThresholdsAndMissingGoesLast()
    {
        var x = HistGbData.DiabetesWithNaN();
        int n = x.Shape[0], d = x.Shape[1];
        var cols = HistGbData.Columns(x);
        var mapper = HistBinMapper.Fit(cols, n, d, 255, new bool[d], new Generator(0));
        var binned = mapper.Transform(cols, n);
        for (int f = 0; f < d; f++)
        {
            var t = mapper.Thresholds[f];
            for (int i = 0; i < n; i++)
            {
                double v = cols[f * n + i];
                int b = binned[f * n + i];
                if (double.IsNaN(v)) { Assert.Equal(255, b); continue; }
                Assert.True(b < mapper.BinsNonMissing[f]);
                Assert.True(b == t.Length || v <= t[b]);
                Assert.True(b == 0 || v > t[b - 1]);
            }
        }
    }
}
