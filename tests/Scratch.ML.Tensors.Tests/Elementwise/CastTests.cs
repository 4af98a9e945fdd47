using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>Cast between float, double, int, long, byte and bool: every pair against CreateTruncating twins, plus the documented rules.</summary>
public class CastTests
{
    private static readonly double[] Values =
    [
        0.0, -0.0, 1.0, -1.0, 2.7, -2.7, 0.5, 255.0, 256.0, 300.0, -129.0, 1e10, -1e10, 3e9, double.NaN,
        double.PositiveInfinity, double.NegativeInfinity, 1e-320, 16777217.0, 9007199254740993.0, 1e300, -5e18, 1e19,
    ];

    private static T[] From<T>(Func<double, T> f) => Values.Concat(Values).Concat(Values.Take(7)).Select(f).ToArray(); // > one vector, with a tail

    [Fact]
    public void EveryPairMatchesCreateTruncating()
    {
        var f = From(v => (float)v);
        var d = From(v => v);
        var i = From(v => int.CreateSaturating(v));
        var l = From(v => long.CreateSaturating(v));
        var b = From(v => byte.CreateSaturating(v));
        var z = From(v => v != 0 && !double.IsNaN(v) && (int)(Math.Abs(v) * 10) % 3 != 0);

        AllTargets(f, x => x != 0);
        AllTargets(d, x => x != 0);
        AllTargets(i, x => x != 0);
        AllTargets(l, x => x != 0);
        AllTargets(b, x => x != 0);
        Assert.Equal(z.Select(v => v ? 1f : 0f).ToArray(), Tensor.FromArray(z).Cast<float>().ToArray());
        Assert.Equal(z.Select(v => v ? 1.0 : 0.0).ToArray(), Tensor.FromArray(z).Cast<double>().ToArray());
        Assert.Equal(z.Select(v => v ? 1 : 0).ToArray(), Tensor.FromArray(z).Cast<int>().ToArray());
        Assert.Equal(z.Select(v => v ? 1L : 0L).ToArray(), Tensor.FromArray(z).Cast<long>().ToArray());
        Assert.Equal(z.Select(v => v ? (byte)1 : (byte)0).ToArray(), Tensor.FromArray(z).Cast<byte>().ToArray());
        Assert.Equal(z, Tensor.FromArray(z).Cast<bool>().ToArray());
    }

    private static void AllTargets<T>(T[] x, Func<T, bool> nonZero) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var t = Tensor.FromArray(x);
        Assert.Equal(x.Select(float.CreateTruncating).ToArray(), Cast<T, float>(t).ToArray());
        Assert.Equal(x.Select(double.CreateTruncating).ToArray(), Cast<T, double>(t).ToArray());
        Assert.Equal(x.Select(int.CreateTruncating).ToArray(), Cast<T, int>(t).ToArray());
        Assert.Equal(x.Select(long.CreateTruncating).ToArray(), Cast<T, long>(t).ToArray());
        Assert.Equal(x.Select(byte.CreateTruncating).ToArray(), Cast<T, byte>(t).ToArray());
        Assert.Equal(x.Select(nonZero).ToArray(), Cast<T, bool>(t).ToArray());
        // Strided source: the gather path.
        var rev = t.Slice(0, null, null, -3);
        Assert.Equal(rev.ToArray().Select(double.CreateTruncating).ToArray(), Cast<T, double>(rev).ToArray());
    }

    private static Tensor<TTo> Cast<TFrom, TTo>(Tensor<TFrom> x) where TFrom : unmanaged where TTo : unmanaged => x switch
    {
        Tensor<float> f => f.Cast<TTo>(),
        Tensor<double> d => d.Cast<TTo>(),
        Tensor<int> i => i.Cast<TTo>(),
        Tensor<long> l => l.Cast<TTo>(),
        Tensor<byte> b => b.Cast<TTo>(),
        Tensor<bool> z => z.Cast<TTo>(),
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void DocumentedRules()
    {
        var x = Tensor.FromArray([2.7, -2.7, double.NaN, 1e10, -1e10, -0.0, 300.0]);
        Assert.Equal([2, -2, 0, int.MaxValue, int.MinValue, 0, 300], x.Cast<int>().ToArray());
        Assert.Equal(new byte[] { 2, 0, 0, 255, 0, 0, 255 }, x.Cast<byte>().ToArray());
        Assert.Equal([true, true, true, true, true, false, true], x.Cast<bool>().ToArray());
        Assert.Equal(new byte[] { 44, 255 }, Tensor.FromArray([300, -1]).Cast<byte>().ToArray()); // integer → byte keeps the low bits
        Assert.Equal([float.PositiveInfinity, 16777216f], Tensor.FromArray([1e300, 16777217.0]).Cast<float>().ToArray());
        Assert.Equal([1.0, 0.0], Tensor.FromArray([true, false]).Cast<double>().ToArray());
        var same = Tensor.FromArray([1.5f]);
        var copy = same.Cast<float>();
        Assert.NotSame(same, copy);
        Assert.Equal([1.5f], copy.ToArray());
    }

    [Fact]
    public void UnsupportedTargetTypeIsNamed()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Tensor.FromArray([1.0]).Cast<short>());
        Assert.Contains("Int16", ex.Message);
    }
}
