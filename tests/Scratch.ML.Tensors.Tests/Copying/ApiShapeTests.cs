using Xunit;

namespace Scratch.ML.Tests.Copying;

/// <summary>The public call shapes compile and infer their element type (C# 14 collection expressions and first-class spans).</summary>
public class ApiShapeTests
{
    [Fact]
    public void ConcatAndStackInferTheElementType()
    {
        var a = Tensor.FromArray(new[] { 1f, 2f });
        var b = Tensor.FromArray(new[] { 3f });
        Assert.Equal(new[] { 1f, 2f, 3f }, Tensor.Concat([a, b]).ToArray());
        Tensor<float>[] parts = [a, a];
        Assert.Equal([2, 2], Tensor.Stack(parts).ShapeArray());
        Assert.Equal([2, 2], Tensor.Stack(parts, axis: 1).ShapeArray());
        var list = new List<Tensor<float>> { a, b };
        Assert.Equal(3, Tensor.Concat<float>([.. list]).Length);
    }
}
