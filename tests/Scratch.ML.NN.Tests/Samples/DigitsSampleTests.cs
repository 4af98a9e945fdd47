using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Samples.Digits;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Samples;

/// <summary>The digits sample's recipe, run exactly as the sample runs it: the issue's ≥ 97 % test-accuracy bar.</summary>
public class DigitsSampleTests
{
    private static readonly string Csv = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");

    [Fact]
    public void MlpReachesAtLeast97PercentTestAccuracyAndReloadsIdentically()
    {
        var result = DigitsRecipe.Train(Csv, new DigitsOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.TestAccuracy >= 0.97, $"test accuracy {result.TestAccuracy:P2} < 97 %");
        Assert.Equal(359, result.TestY.Length);

        using var stream = new MemoryStream();
        result.Model.SaveSafeTensors(stream);
        stream.Position = 0;
        var reloaded = DigitsRecipe.BuildModel(new DigitsOptions(), new Generator(99));
        reloaded.LoadSafeTensors(Scratch.ML.Serialization.SafeTensors.Load(stream));
        result.Model.Eval();
        reloaded.Eval();
        using (Autograd.NoGrad())
            TensorAssert.Close(result.Model.Call(result.TestX), reloaded.Call(result.TestX), Tolerance.Exact);
    }

    [Fact]
    public void TrainingIsDeterministicForASeedWhateverTheThreadCount()
    {
        var options = new DigitsOptions { Epochs = 2 };
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var one = DigitsRecipe.Train(Csv, options, cancellationToken: TestContext.Current.CancellationToken);
            Parallelism.MaxThreads = 2;
            var two = DigitsRecipe.Train(Csv, options, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(one.History.Series("loss"), two.History.Series("loss"));
            foreach (var (name, tensor) in one.Model.StateDict())
                TensorAssert.Close(tensor, two.Model.StateDict()[name], Tolerance.Exact);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
