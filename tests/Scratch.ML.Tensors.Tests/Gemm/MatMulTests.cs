using Scratch.ML.Cpu;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Gemm;

/// <summary><c>Tensor.MatMul</c> (PyTorch matmul semantics) against <see cref="ReferenceGemm.MatMul{T}"/>.</summary>
public class MatMulTests
{
    private static Tensor<T> Random<T>(int seed, params int[] shape) where T : unmanaged, System.Numerics.INumberBase<T>
        => Tensor.FromArray(GemmTests.Cast<T>(GemmTests.Random(new Random(seed), Shapes.Numel(shape))), shape);

    /// <summary>Pairs of operand shapes: dot, matrix-matrix, vector-matrix, matrix-vector, batched with broadcasting.</summary>
    public static TheoryData<int[], int[]> ShapePairs => new()
    {
        { [7], [7] },
        { [300], [300] },
        { [5, 3], [3, 4] },
        { [70, 129], [129, 33] },
        { [17], [17, 40] },
        { [40, 17], [17] },
        { [600, 300], [300] },
        { [2, 5, 3], [3, 4] },
        { [5, 3], [4, 3, 6] },
        { [2, 1, 5, 3], [4, 3, 6] },
        { [3, 9, 11], [11] },
        { [11], [3, 11, 9] },
        { [64, 8, 8], [64, 8, 8] },
    };

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void MatchesReference(int[] sa, int[] sb)
    {
        var a = Random<double>(1, sa);
        var b = Random<double>(2, sb);
        TensorAssert.Close(ReferenceGemm.MatMul(a, b), a.MatMul(b), Tolerance.Float64Gemm);
        var af = Random<float>(1, sa);
        var bf = Random<float>(2, sb);
        var yf = Tensor.MatMul(af, bf);
        TensorAssert.Close(ReferenceGemm.MatMul(af, bf), Cast(yf), Tolerance.Float32Gemm);
    }

    [Fact]
    public void TransposedAndSlicedOperandsAreReadThroughStrides()
    {
        var a = Random<double>(3, 40, 30);
        var b = Random<double>(4, 50, 40);
        // aᵀ (30, 40) · bᵀ (40, 50), every other row of a reversed columns of b.
        var at = a.MT;
        var bt = b.MT;
        TensorAssert.Close(ReferenceGemm.MatMul(at, bt), at.MatMul(bt), Tolerance.Float64Gemm);
        var rows = a[TensorIndex.Slice(null, null, 2)];            // (20, 30), row stride 60
        var flipped = b[.., TensorIndex.Slice(null, null, -1)].MT;  // (40, 50) with a negative stride
        var bslice = flipped[..30, ..];
        TensorAssert.Close(ReferenceGemm.MatMul(rows, bslice), rows.MatMul(bslice), Tolerance.Float64Gemm);
    }

    [Fact]
    public void OutputFormAppliesAlphaBetaAndIgnoresNaNWhenBetaIsZero()
    {
        var a = Random<double>(5, 3, 6, 7);
        var b = Random<double>(6, 7, 9);
        var c = Random<double>(7, 3, 6, 9);
        var r = ReferenceGemm.MatMul(a, b).ToArray();
        var c0 = c.ToArray();
        var expect = Tensor.FromArray(r.Select((v, i) => 2.0 * v - 0.5 * c0[i]).ToArray(), 3, 6, 9);
        var y = c.Clone();
        Assert.Same(y, a.MatMul(b, y, 2.0, -0.5));
        TensorAssert.Close(expect, y, Tolerance.Float64Gemm);

        var nan = Tensor.Full(double.NaN, 3, 6, 9);
        a.MatMul(b, nan);
        TensorAssert.Close(ReferenceGemm.MatMul(a, b), nan, Tolerance.Float64Gemm);

        // A transposed output view is written through its strides; a vector output gets α and β too.
        var outT = Tensor.Zeros<double>(3, 9, 6);
        a.MatMul(b, outT.Transpose(1, 2));
        TensorAssert.Close(ReferenceGemm.MatMul(a, b), outT.Transpose(1, 2), Tolerance.Float64Gemm);
        var v = Random<double>(8, 7);
        var yv = Tensor.Ones<double>(3, 6);
        a.MatMul(v, yv, 1.0, 1.0);
        TensorAssert.Close(ReferenceGemm.MatMul(a, v) + 1.0, yv, Tolerance.Float64Gemm);
    }

    [Fact]
    public void MatVecLayoutsMatchGemvReference()
    {
        foreach (var (rs, cs) in new[] { (37, 1), (1, 41), (80, 2) })
        {
            const int m = 41, k = 37;
            var rng = new Random(rs + cs);
            var a = GemmTests.Random(rng, 41 * 80);
            var x = GemmTests.Random(rng, 3 * k);
            var y1 = GemmTests.Random(rng, 2 * m);
            var y2 = (double[])y1.Clone();
            Gemv.Reference(m, k, 1.5, a, rs, cs, x, 3, 0.5, y1, 2);
            Gemv.Multiply(m, k, 1.5, a, rs, cs, x, 3, 0.5, y2, 2);
            TensorAssert.Close<double>(y1, y2, Tolerance.Float64Gemm);
        }
    }

    [Fact]
    public void EmptyDimensionsGiveEmptyOrZeroResults()
    {
        var zeros = Tensor.Zeros<double>(3, 0).MatMul(Tensor.Zeros<double>(0, 4)); // k = 0: a sum of nothing
        Assert.Equal([3, 4], zeros.ShapeArray());
        Assert.All(zeros.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal([0, 4], Tensor.Zeros<float>(0, 3).MatMul(Tensor.Zeros<float>(3, 4)).ShapeArray());
        Assert.Equal([2, 0, 5], Tensor.Zeros<float>(2, 0, 3).MatMul(Tensor.Zeros<float>(3, 5)).ShapeArray());
        Assert.Equal(0.0, Tensor.Zeros<double>(0).MatMul(Tensor.Zeros<double>(0)).ToScalar());
    }

    [Fact]
    public void ShapeErrorsNameBothShapes()
    {
        var a = Tensor.Zeros<float>(2, 3);
        var e = Assert.Throws<ArgumentException>(() => a.MatMul(Tensor.Zeros<float>(4, 5)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, 5)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(2, 2, 3).MatMul(Tensor.Zeros<float>(3, 3, 4)));
        Assert.Contains("(2, 2, 3)", e.Message);
        Assert.Contains("(3, 3, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => a.MatMul(Tensor.Scalar(1f)));
        e = Assert.Throws<ArgumentException>(() => a.MatMul(Tensor.Zeros<float>(3, 4), Tensor.Zeros<float>(4, 2)));
        Assert.Contains("(2, 4)", e.Message);
    }

    private static Tensor<double> Cast(Tensor<float> x) => x.Rank == 0 ? Tensor.Scalar((double)x.ToScalar()) : Tensor.FromArray(x.ToArray().Select(v => (double)v).ToArray(), x.ShapeArray());
}
