using Scratch.ML.Learn;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.Core;

/// <summary>The radix sort of the histogram binning pass against <see cref="Array.Sort{T}(T[])"/>, its slow twin.</summary>
public class RadixSortTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int n in (int[])[0, 1, 2, 255, 256, 257, 1000, 4097, 100_000])
            for (int kind = 0; kind < 6; kind++) data.Add(n, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SortsLikeArraySort(int n, int kind)
    {
        var rng = new Generator((ulong)(n * 7 + kind));
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 1e-310, -1e-310, 1.0, -1.0];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            values[i] = kind switch
            {
                0 => u * 2 - 1,                                      // uniform, both signs
                1 => Math.Floor(u * 7) - 3,                          // heavy ties, integers
                2 => 42.5,                                           // all equal: every digit pass is skipped
                3 => special[(int)(u * special.Length) % special.Length],
                4 => Math.Exp(u * 200 - 100) * (u < 0.5 ? -1 : 1),   // magnitudes over 87 orders
                _ => i,                                              // already sorted
            };
        }
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        RadixSort.Sort(values);
        Assert.Equal(expected, values);
        // From 256 values on (below, a comparison sort runs), −0 sorts before +0; they compare equal, so Array.Sort
        // may order them either way.
        for (int i = 1; i < n && n >= 256; i++)
            Assert.False(values[i] == 0 && values[i - 1] == 0 && double.IsNegative(values[i]) && !double.IsNegative(values[i - 1]));
    }

    [Fact]
    public void KeysRoundTripAndOrderLikeDoubles()
    {
        double[] v = [double.NegativeInfinity, double.MinValue, -1.5, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1e-310, 2.0, double.MaxValue, double.PositiveInfinity];
        for (int i = 0; i < v.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToUInt64Bits(v[i]), BitConverter.DoubleToUInt64Bits(RadixSort.Value(RadixSort.Key(v[i]))));
            if (i > 0) Assert.True(RadixSort.Key(v[i - 1]) < RadixSort.Key(v[i]), $"{v[i - 1]} < {v[i]}");
        }
    }
}
