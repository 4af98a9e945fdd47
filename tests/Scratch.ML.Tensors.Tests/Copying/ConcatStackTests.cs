using Xunit;

namespace Scratch.ML.Tests.Copying;

public class ConcatStackTests
{
    [Theory]
    [MemberData(nameof(CopyingCases.ShapeLayoutAxis), MemberType = typeof(CopyingCases))]
    public void ConcatMatchesReferenceLoop(int[] shape, Layout layout, DType dtype, int axis)
        => TestTensors.ForDType(dtype, new ConcatCase(shape, layout, axis));

    private sealed record ConcatCase(int[] Shape, Layout Layout, int Axis) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int a = Axis < 0 ? Axis + Shape.Length : Axis;
            // Three inputs: the layout under test, a contiguous one of a different axis size, an empty slab.
            var shapeB = (int[])Shape.Clone(); shapeB[a] = 2;
            var shapeC = (int[])Shape.Clone(); shapeC[a] = 0;
            Tensor<T>[] inputs = [TestTensors.Make<T>(Shape, Layout, 1), TestTensors.Make<T>(shapeB, Layout.Contiguous, 5), TestTensors.Make<T>(shapeC, Layout.Negative, 9)];
            var y = Tensor.Concat<T>(inputs, Axis);

            var outShape = (int[])Shape.Clone();
            outShape[a] = inputs.Sum(t => t.Size(a));
            var data = inputs.Select(t => t.ToArray()).ToArray();
            var expected = new T[ML.Shapes.Numel(outShape)];
            for (int f = 0; f < expected.Length; f++)
            {
                var idx = TestTensors.Unravel(f, outShape);
                int k = 0, pos = idx[a];
                while (pos >= inputs[k].Size(a)) { pos -= inputs[k].Size(a); k++; }
                idx[a] = pos;
                expected[f] = data[k][TestTensors.Ravel(idx, inputs[k].ShapeArray())];
            }
            TestTensors.AssertSame(outShape, expected, y, "Concat");
            Assert.True(y.IsContiguous);
        }
    }

    [Theory]
    [MemberData(nameof(StackRows))]
    public void StackMatchesReferenceLoop(int[] shape, Layout layout, DType dtype, int axis)
        => TestTensors.ForDType(dtype, new StackCase(shape, layout, axis));

    public static IEnumerable<object[]> StackRows()
    {
        foreach (var row in CopyingCases.ShapeLayout())
        {
            var shape = (int[])row[0];
            for (int axis = -1; axis <= shape.Length; axis++) yield return [.. row, axis];
        }
    }

    private sealed record StackCase(int[] Shape, Layout Layout, int Axis) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            Tensor<T>[] inputs = [TestTensors.Make<T>(Shape, Layout, 2), TestTensors.Make<T>(Shape, Layout.Contiguous, 4), TestTensors.Make<T>(Shape, Layout.Negative, 8)];
            var y = Tensor.Stack<T>(inputs, Axis);
            int a = Axis < 0 ? Axis + Shape.Length + 1 : Axis;
            var outShape = Shape.Take(a).Append(inputs.Length).Concat(Shape.Skip(a)).ToArray();
            var data = inputs.Select(t => t.ToArray()).ToArray();
            var expected = new T[ML.Shapes.Numel(outShape)];
            for (int f = 0; f < expected.Length; f++)
            {
                var idx = TestTensors.Unravel(f, outShape).ToList();
                int k = idx[a];
                idx.RemoveAt(a);
                expected[f] = data[k][TestTensors.Ravel(idx.ToArray(), Shape)];
            }
            TestTensors.AssertSame(outShape, expected, y, "Stack");
        }
    }

    [Fact]
    public void ConcatOfBroadcastInputsMaterialisesRepeats()
    {
        var row = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }).Reshape(1, 3).Expand(2, 3); // stride 0 on axis 0
        var y = Tensor.Concat<double>([row, Tensor.Full(9.0, 1, 3)], 0);
        Assert.Equal(new double[] { 1, 2, 3, 1, 2, 3, 9, 9, 9 }, y.ToArray());
    }

    [Fact]
    public void ConcatMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Concat<float>([Tensor.Zeros<float>(2, 3), Tensor.Zeros<float>(2, 4)], 0));
        Assert.Contains("(2, 4)", ex.Message);
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("tensors[1]", ex.Message);
    }

    [Fact]
    public void ConcatBadInputsFailByName()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Concat<float>([], 0));
        Assert.Throws<ArgumentException>(() => Tensor.Concat<float>([Tensor.Zeros<float>(2), Tensor.Zeros<float>(2, 1)], 0));
        Assert.Throws<ArgumentException>(() => Tensor.Concat<float>([Tensor.Scalar(1f)], 0));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Concat<int>([Tensor.Zeros<int>(2, 3)], 2));
        Assert.Contains("Axis 2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Concat<int>([Tensor.Zeros<int>(2, 3)], -3));
    }

    [Fact]
    public void StackMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Stack<bool>([Tensor.Zeros<bool>(2, 3), Tensor.Zeros<bool>(3, 2)], 0));
        Assert.Contains("(3, 2)", ex.Message);
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Stack<long>([Tensor.Zeros<long>(2, 3)], 3));
    }
}
