using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>
/// Large transposed operands take the "blocked transpose into the output, then contiguous kernel" path of the
/// unary/binary drivers; these compare it element by element with scalar twins, including the layouts that must NOT
/// take it (broadcast columns, in place, both operands transposed) and thread-count invariance.
/// </summary>
public class TransposeFirstTests
{
    private const int Rows = 300, Cols = 260; // 78,000 elements: above Parallelism.ElementwiseThreshold

    private static Tensor<float> Data(int seed, int rows, int cols)
    {
        var rng = new System.Random(seed);
        var data = new float[rows * cols];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 4 - 2);
        return Tensor.FromArray(data, rows, cols);
    }

    [Fact]
    public void UnaryOnTransposedInputMatchesTwin()
    {
        var x = Data(1, Cols, Rows).MT; // (Rows, Cols) view with strides (1, Rows)
        var y = x.Exp();
        for (int i = 0; i < Rows; i += 7)
            for (int j = 0; j < Cols; j++)
                Assert.True(Tolerance.Float32Kernel.IsClose(y[i, j], MathF.Exp(x[i, j])), $"exp at ({i}, {j})");
    }

    public static TheoryData<string> Layouts => new() { "a transposed", "b transposed", "both transposed", "both transposed, offset views", "both permuted 3-d", "b broadcast column", "batched transposed" };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void BinaryOnTransposedOperandsMatchesTwin(string layout)
    {
        Tensor<float> a, b;
        switch (layout)
        {
            case "a transposed": a = Data(2, Cols, Rows).MT; b = Data(3, Rows, Cols); break;
            case "b transposed": a = Data(2, Rows, Cols); b = Data(3, Cols, Rows).MT; break;
            case "both transposed": a = Data(2, Cols, Rows).MT; b = Data(3, Cols, Rows).MT; break;
            case "both transposed, offset views": a = Data(2, Cols + 1, Rows)[1.., ..].MT; b = Data(3, Cols + 2, Rows)[2.., ..].MT; break;
            case "both permuted 3-d": a = Data(2, 60, 1300).Reshape(6, 10, 1300).Permute(2, 0, 1); b = Data(3, 60, 1300).Reshape(6, 10, 1300).Permute(2, 0, 1); break;
            case "b broadcast column": a = Data(2, Cols, Rows).MT; b = Data(3, Rows, 1).Expand(Rows, Cols); break;
            default: a = Data(2, 3 * Cols, 100).Reshape(3, Cols, 100).MT; b = Data(3, 300, Cols).Reshape(3, 100, Cols); break;
        }
        var y = a - b;
        var ea = a.ToArray();
        var eb = b.ToArray();
        var ey = y.ToArray();
        for (int i = 0; i < ey.Length; i++) Assert.Equal(ea[i] - eb[i], ey[i]);
    }

    [Fact]
    public void InPlaceOnATransposedViewIsUnaffected()
    {
        var baseTensor = Data(4, Cols, Rows);
        var expected = baseTensor.ToArray().Select(v => v * 2).ToArray();
        baseTensor.MT.MulInPlace(Tensor.Scalar(2f));
        Assert.Equal(expected, baseTensor.ToArray());
    }

    [Fact]
    public void ResultsDoNotDependOnThreadCount()
    {
        var a = Data(5, Cols, Rows).MT;
        var b = Data(6, Rows, Cols);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = (a * b).Exp().ToArray();
            Parallelism.MaxThreads = 2;
            var two = (a * b).Exp().ToArray();
            Assert.Equal(one, two);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
