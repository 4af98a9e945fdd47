using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Core;

public class ViewTests
{
    private static Tensor<double> Iota(params int[] shape) => Tensor.Arange(0.0, Shapes.Numel(shape), 1.0).Reshape(shape);

    [Fact]
    public void TransposeIsAViewWithSwappedStrides()
    {
        var x = Iota(2, 3);
        var t = x.MT;
        Assert.Equal([3, 2], t.ShapeArray());
        Assert.Same(x.Storage, t.Storage);
        Assert.Equal(x[1, 2], t[2, 1]);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, t.ToArray());
    }

    [Fact]
    public void NegativeStepSliceReverses()
    {
        var x = Iota(5);
        var r = x[TensorIndex.Slice(null, null, -2)];
        Assert.Equal(new double[] { 4, 2, 0 }, r.ToArray());
        Assert.Equal(-2, r.Strides[0]);
    }

    [Theory]
    [InlineData(10, 2, 8, 3)]
    [InlineData(10, -1, null, -1)]
    [InlineData(10, 8, 2, -2)]
    [InlineData(7, -20, 20, 1)]
    [InlineData(7, 5, 1, 1)]
    public void SliceMatchesPythonSemantics(int n, int? start, int? stop, int step)
    {
        var x = Iota(n);
        var expected = new List<double>();
        var (first, count) = PythonSlice(n, start, stop, step);
        for (int i = 0; i < count; i++) expected.Add(first + i * step);
        Assert.Equal(expected, x.Slice(0, start, stop, step).ToArray());
    }

    // Independent restatement of CPython's PySlice_AdjustIndices.
    private static (int, int) PythonSlice(int n, int? start, int? stop, int step)
    {
        int s = start ?? (step < 0 ? n - 1 : 0), e = stop ?? (step < 0 ? -n - 1 : n);
        if (s < 0) { s += n; if (s < 0) s = step < 0 ? -1 : 0; } else if (s >= n) s = step < 0 ? n - 1 : n;
        if (e < 0) { e += n; if (e < 0) e = step < 0 ? -1 : 0; } else if (e >= n) e = step < 0 ? n - 1 : n;
        int count = step < 0 ? (e < s ? (s - e - 1) / -step + 1 : 0) : (s < e ? (e - s - 1) / step + 1 : 0);
        return (s, count);
    }

    [Fact]
    public void ReshapeOfTransposedCopiesWhenNeeded()
    {
        var x = Iota(2, 3).MT; // (3, 2) non-contiguous
        var r = x.Reshape(6);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, r.ToArray());
        Assert.Throws<InvalidOperationException>(() => x.View(6));
    }

    [Fact]
    public void BroadcastAddMatchesLoops()
    {
        var a = Iota(3, 1);
        var b = Iota(4);
        var y = a + b;
        Assert.Equal([3, 4], y.ShapeArray());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(i + j, y[i, j]);
    }

    [Fact]
    public void BroadcastMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Iota(2, 3) + Iota(4));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
    }

    [Fact]
    public void DiagonalViewsTheMainDiagonal()
    {
        var x = Iota(3, 4);
        Assert.Equal(new double[] { 0, 5, 10 }, x.Diagonal().ToArray());
        Assert.Equal(new double[] { 1, 6, 11 }, x.Diagonal(1).ToArray());
        Assert.Equal(new double[] { 4, 9 }, x.Diagonal(-1).ToArray());
    }

    [Fact]
    public void StridedExpMatchesScalarTwin()
    {
        var x = Iota(7, 9).Permute(1, 0)[TensorIndex.Slice(null, null, -1), 1..];
        var y = x.Exp();
        var xs = x.ToArray();
        var ys = y.ToArray();
        for (int i = 0; i < xs.Length; i++) Assert.True(Tolerance.Float64Kernel.IsClose(ys[i], Math.Exp(xs[i])));
    }

    [Fact]
    public void ShapeOverflowIsReported()
    {
        Assert.Throws<OverflowException>(() => Tensor.Zeros<float>(1 << 16, 1 << 16));
    }

    [Fact]
    public void ToStringShowsValuesShapeAndDtype()
    {
        var s = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } }).ToString();
        Assert.Contains("[[1, 2],", s);
        Assert.Contains("shape=(2, 2), dtype=float32", s);
    }
}

public class ElementTypeTests
{
    [Fact]
    public void UnsupportedElementTypeIsRejectedByName()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Tensor.Zeros<decimal>(2));
        Assert.Contains("Decimal", ex.Message);
    }

    [Theory]
    [InlineData(typeof(float), DType.Float32)]
    [InlineData(typeof(double), DType.Float64)]
    [InlineData(typeof(int), DType.Int32)]
    [InlineData(typeof(long), DType.Int64)]
    [InlineData(typeof(byte), DType.UInt8)]
    [InlineData(typeof(bool), DType.Bool)]
    public void SupportedElementTypesReportTheirDType(Type type, DType expected)
    {
        DType actual = type == typeof(float) ? Tensor.Zeros<float>(1).DType
            : type == typeof(double) ? Tensor.Zeros<double>(1).DType
            : type == typeof(int) ? Tensor.Zeros<int>(1).DType
            : type == typeof(long) ? Tensor.Zeros<long>(1).DType
            : type == typeof(byte) ? Tensor.Zeros<byte>(1).DType
            : Tensor.Zeros<bool>(1).DType;
        Assert.Equal(expected, actual);
    }
}
