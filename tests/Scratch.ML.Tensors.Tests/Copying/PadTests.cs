using Xunit;

namespace Scratch.ML.Tests.Copying;

public class PadTests
{
    public static IEnumerable<object[]> Rows()
    {
        int[][] shapes = [[5], [3, 4], [2, 3, 4], [1, 3]];
        int[][] pads = [[1, 2], [0, 0], [2, 0, 1, 1], [1, 1, 2, 0, 1, 0], [0, 3]];
        int row = 0;
        foreach (var shape in shapes)
            foreach (var pad in pads)
            {
                if (pad.Length > 2 * shape.Length) continue;
                foreach (var mode in Enum.GetValues<PadMode>())
                    foreach (var layout in new[] { Layout.Contiguous, Layout.Transposed, Layout.Negative, Layout.Broadcast })
                        yield return [shape, pad, mode, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
            }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void PadMatchesReferenceLoop(int[] shape, int[] pad, PadMode mode, Layout layout, DType dtype)
        => TestTensors.ForDType(dtype, new PadCase(shape, pad, mode, layout));

    private sealed record PadCase(int[] Shape, int[] Pad, PadMode Mode, Layout Layout) : ITypedTest
    {
        public void Run<T>() where T : unmanaged
        {
            int rank = Shape.Length;
            var left = new int[rank];
            var right = new int[rank];
            for (int i = 0; i < Pad.Length / 2; i++) { left[rank - 1 - i] = Pad[2 * i]; right[rank - 1 - i] = Pad[2 * i + 1]; }
            bool invalid = false;
            for (int d = 0; d < rank; d++)
            {
                if (Mode == PadMode.Reflect && (left[d] >= Shape[d] || right[d] >= Shape[d]) && left[d] + right[d] > 0) invalid = true;
                if (Mode == PadMode.Circular && (left[d] > Shape[d] || right[d] > Shape[d])) invalid = true;
            }
            var x = TestTensors.Make<T>(Shape, Layout, 3);
            T fill = TestTensors.V<T>(1);
            if (invalid)
            {
                Assert.Throws<ArgumentException>(() => x.Pad(Pad, Mode, fill));
                return;
            }
            var y = x.Pad(Pad, Mode, fill);
            var outShape = Shape.Select((n, d) => n + left[d] + right[d]).ToArray();
            var data = x.ToArray();
            var expected = new T[ML.Shapes.Numel(outShape)];
            for (int f = 0; f < expected.Length; f++)
            {
                var idx = TestTensors.Unravel(f, outShape);
                bool constant = false;
                for (int d = 0; d < rank; d++)
                {
                    int n = Shape[d], j = idx[d] - left[d];
                    switch (Mode)
                    {
                        case PadMode.Constant: if (j < 0 || j >= n) constant = true; break;
                        case PadMode.Reflect: if (j < 0) j = -j; if (j >= n) j = 2 * (n - 1) - j; break;
                        case PadMode.Replicate: j = Math.Clamp(j, 0, n - 1); break;
                        case PadMode.Circular: j = ((j % n) + n) % n; break;
                    }
                    idx[d] = j;
                }
                expected[f] = constant ? fill : data[TestTensors.Ravel(idx, Shape)];
            }
            TestTensors.AssertSame(outShape, expected, y, $"Pad {Mode}");
        }
    }

    [Fact]
    public void ReflectReplicateCircularOnAVector()
    {
        var x = Tensor.FromArray(new[] { 1, 2, 3, 4 });
        Assert.Equal(new[] { 3, 2, 1, 2, 3, 4, 3, 2 }, x.Pad([2, 2], PadMode.Reflect).ToArray());
        Assert.Equal(new[] { 1, 1, 1, 2, 3, 4, 4, 4 }, x.Pad([2, 2], PadMode.Replicate).ToArray());
        Assert.Equal(new[] { 3, 4, 1, 2, 3, 4, 1, 2 }, x.Pad([2, 2], PadMode.Circular).ToArray());
        Assert.Equal(new[] { 7, 7, 1, 2, 3, 4, 7, 7 }, x.Pad([2, 2], PadMode.Constant, 7).ToArray());
    }

    [Fact]
    public void NegativeConstantPadsCrop()
    {
        var x = Tensor.Arange(12).Reshape(3, 4);
        var y = x.Pad([-1, 1, 0, -2]);
        Assert.Equal([1, 4], y.ShapeArray());
        Assert.Equal(new[] { 1, 2, 3, 0 }, y.ToArray());
    }

    [Fact]
    public void PadOfEmptyAxisInConstantModeFills()
    {
        var y = Tensor.Zeros<float>(0, 2).Pad([0, 0, 1, 1], PadMode.Constant, 5f);
        Assert.Equal([2, 2], y.ShapeArray());
        Assert.All(y.ToArray(), v => Assert.Equal(5f, v));
    }

    [Fact]
    public void PadBadInputsFailByName()
    {
        var x = Tensor.Zeros<double>(3, 4);
        Assert.Throws<ArgumentException>(() => x.Pad([1]));
        Assert.Throws<ArgumentException>(() => x.Pad([1, 1, 1, 1, 1, 1]));
        var ex = Assert.Throws<ArgumentException>(() => x.Pad([4, 0], PadMode.Reflect));
        Assert.Contains("smaller than the size 4", ex.Message);
        Assert.Throws<ArgumentException>(() => x.Pad([5, 0], PadMode.Circular));
        Assert.Throws<ArgumentException>(() => x.Pad([-1, 0], PadMode.Replicate));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros<int>(0).Pad([1, 0], PadMode.Replicate));
        Assert.Throws<ArgumentException>(() => x.Pad([-3, -2]));
    }
}
