using System.Numerics;
using Scratch.ML.Testing;
using Xunit;
using R = Scratch.ML.Testing.ReferenceReductions;

namespace Scratch.ML.Tests.Reductions;

/// <summary>Softmax, log-softmax and the scans against float64 twins, over every axis and layout.</summary>
public class RowOpTests
{
    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in new[] { "softmax", "logsoftmax", "cumsum", "cumprod", "logcumsumexp" })
            foreach (var layout in ReductionTestData.Layouts) data.Add(op, layout);
        return data;
    }

    private static Tensor<T> Ours<T>(string op, Tensor<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        "softmax" => x.Softmax(axis),
        "logsoftmax" => x.LogSoftmax(axis),
        "cumsum" => x.CumSum(axis),
        "cumprod" => x.CumProd(axis),
        "logcumsumexp" => x.LogCumSumExp(axis),
        _ => throw new ArgumentException(op),
    };

    private static Func<double[], double[]> Reference(string op) => op switch
    {
        "softmax" => R.Softmax,
        "logsoftmax" => R.LogSoftmax,
        "cumsum" => R.CumSum,
        "cumprod" => R.CumProd,
        "logcumsumexp" => R.LogCumSumExp,
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void MatchesTwin(string op, string layout)
    {
        Check<float>(op, layout, Tolerance.Float32Reduction);
        Check<double>(op, layout, Tolerance.Float64Reduction);
    }

    private static void Check<T>(string op, string layout, Tolerance tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int seed = 11;
        foreach (var shape in ReductionTestData.Shapes.Where(s => s.Length > 0))
        {
            var x = ReductionTestData.Make<T>(shape, layout, seed++);
            for (int axis = -shape.Length; axis < shape.Length; axis++)
            {
                var y = Ours(op, x, axis);
                Assert.Equal(shape, y.ShapeArray());
                var expected = R.Transform(x, axis, Reference(op));
                TensorAssert.Close<T>(expected.Select(T.CreateTruncating).ToArray(), y.ToArray(), tol, shape);
            }
        }
    }

    [Theory]
    [InlineData("contiguous")]
    [InlineData("transposed")]
    [InlineData("reversed")]
    [InlineData("broadcast")]
    public void SingleAxisVarianceStdAndLogSumExpMatchTwin(string layout)
    {
        // Var(int axis) runs column-wise along non-unit-stride axes: every axis of every layout reaches both paths.
        int seed = 70;
        foreach (var shape in ReductionTestData.Shapes.Where(s => s.Length > 0))
        {
            var xf = ReductionTestData.Make<float>(shape, layout, seed);
            var xd = ReductionTestData.Make<double>(shape, layout, seed++);
            for (int axis = 0; axis < shape.Length; axis++)
                foreach (int ddof in new[] { 0, 1 })
                    foreach (bool keep in new[] { false, true })
                    {
                        var expected = R.Reduce(xd, [axis], keep, g => R.Var(g, ddof));
                        var var64 = xd.Var(axis, keep, ddof);
                        Assert.Equal(expected.Shape, var64.ShapeArray());
                        TensorAssert.Close<double>(expected.Values, var64.ToArray(), Tolerance.Float64Reduction, expected.Shape);
                        TensorAssert.Close<double>(expected.Values.Select(Math.Sqrt).ToArray(), xd.Std(axis, keep, ddof).ToArray(), Tolerance.Float64Reduction, expected.Shape);
                        var lse = R.Reduce(xd, [axis], keep, R.LogSumExp);
                        TensorAssert.Close<double>(lse.Values, xd.LogSumExp(axis, keep).ToArray(), Tolerance.Float64Reduction, lse.Shape);
                        var expectedF = R.Reduce(xf, [axis], keep, g => R.Var(g, ddof)).Values.Select(v => (float)v).ToArray();
                        TensorAssert.Close<float>(expectedF, xf.Var(axis, keep, ddof).ToArray(), Tolerance.Float32Reduction, expected.Shape);
                    }
        }
    }

    [Fact]
    public void SoftmaxOfZeroDimensionalTensorIsOne()
    {
        Assert.Equal(1.0, Tensor.Scalar(3.0).Softmax(0).ToScalar());
        Assert.Equal(Array.Empty<int>(), Tensor.Scalar(3.0).Softmax(0).ShapeArray());
    }

    [Fact]
    public void OuterAxisLogSumExpHandlesInfinityAndNaN()
    {
        var x = Tensor.FromArray(new[] { 1.0, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity, 2.0, double.NegativeInfinity }, 3, 2);
        var y = x.LogSumExp(0).ToArray();
        Assert.Equal(double.PositiveInfinity, y[0]);
        Assert.Equal(double.NegativeInfinity, y[1]);
        x[1, 1] = double.NaN;
        Assert.True(double.IsNaN(x.LogSumExp(0).ToArray()[1]));
    }

    [Fact]
    public void SoftmaxIsStableForHugeInputs()
    {
        var x = Tensor.FromArray(new[] { 1000f, 1001f, 1002f }, 3);
        var s = x.Softmax().ToArray();
        Assert.All(s, v => Assert.False(float.IsNaN(v)));
        Assert.True(Tolerance.Float32Kernel.IsClose(s.Sum(), 1));
        Assert.True(Tolerance.Float32Kernel.IsClose(x.LogSoftmax().ToArray()[2], -0.40760596));
        Assert.True(Tolerance.Float32Kernel.IsClose(x.LogCumSumExp(0).ToArray()[2], 1002.40760596f));
    }

    [Fact]
    public void IntegerCumsumIsExact()
    {
        var x = Tensor.FromArray(new[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new[] { 1, 3, 6, 4, 9, 15 }, x.CumSum(1).ToArray());
        Assert.Equal(new[] { 1, 2, 3, 5, 7, 9 }, x.CumSum(0).ToArray());
        Assert.Equal(new[] { 1, 2, 6, 4, 20, 120 }, x.CumProd(-1).ToArray());
    }
}
