using Scratch.ML.Learn.Metrics;
using Xunit;

namespace Scratch.ML.Tests.Learn.Metrics;

public class AccuracyTests
{
    [Fact]
    public void CountsMatchesWithAndWithoutWeights()
    {
        Assert.Equal(0.75, ClassificationMetrics.Accuracy<int>([0, 1, 2, 2], [0, 1, 2, 1]));
        Assert.Equal(0.5, ClassificationMetrics.Accuracy<string>(["a", "b"], ["a", "a"]));
        Assert.Equal(3.0 / 4.0, ClassificationMetrics.Accuracy<int>([0, 1], [0, 0], [3.0, 1.0]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy<int>([0, 1], [0]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy<int>([0], [0], [-1.0]));
    }
}
