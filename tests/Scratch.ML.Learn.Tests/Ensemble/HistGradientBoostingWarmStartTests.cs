using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// AddIterations (warm start): exactly the model fitted at once without early stopping, the continued score history
/// and stopping rule with early stopping, save/load, and the checks on the data.
/// </summary>
public class HistGradientBoostingWarmStartTests
{
    private static Tensor<double> WineWithNaN()
    {
        var x = SmallDatasets.LoadWine().Data;
        var a = x.ToArray();
        for (int i = 0; i < a.Length; i++) if (i % 17 == 3) a[i] = double.NaN;
        return Tensor.FromArray(a, x.Shape[0], x.Shape[1]);
    }

    [Theory]
    [InlineData(HistRegressionLoss.SquaredError)]
    [InlineData(HistRegressionLoss.AbsoluteError)]
    [InlineData(HistRegressionLoss.Poisson)]
    public void RegressorEqualsTheModelFittedAtOnce(HistRegressionLoss loss)
    {
        var (x, y, _) = HistGbData.Generated();
        if (loss == HistRegressionLoss.Poisson) y = Tensor.FromArray(y.ToArray().Select(v => Math.Exp(v / 10)).ToArray(), y.Shape[0]);
        var est = new HistGradientBoostingRegressor(Loss: loss, CategoricalFeatures: [3], MinSamplesLeaf: 10, EarlyStopping: HistEarlyStopping.Off);
        var w = loss == HistRegressionLoss.AbsoluteError ? HistGbData.Weights(600) : null;
        var once = (est with { MaxIter = 12 }).Fit(x, y, w);
        var first = (est with { MaxIter = 5 }).Fit(x, y, w);
        var warm = first.AddIterations(x, y, 7, w);
        Assert.Equal(12, warm.NIter);
        Assert.Equal(12, warm.Options.MaxIter);
        Assert.Equal(5, first.NIter);
        TensorAssert.Equal(once.RawPredict(x), warm.RawPredict(x));
        Assert.Equal(once.Trees.Select(t => t.Values.ToArray()), warm.Trees.Select(t => t.Values.ToArray()));
    }

    [Fact]
    public void BinaryAndMulticlassClassifiersEqualTheModelsFittedAtOnce()
    {
        var (x, _, yc) = HistGbData.Generated();
        var est = new HistGradientBoostingClassifier(CategoricalFeatures: [3], EarlyStopping: HistEarlyStopping.Off, ClassWeight: Scratch.ML.Learn.LinearModels.ClassWeights.Balanced);
        var binary = (est with { MaxIter = 4 }).Fit(x, yc).AddIterations(x, yc, 3).AddIterations(x, yc, 4);
        TensorAssert.Equal((est with { MaxIter = 11 }).Fit(x, yc).DecisionFunction(x), binary.DecisionFunction(x));

        var wine = WineWithNaN();
        var labels = SmallDatasets.LoadWine().Labels!;
        var multi = new HistGradientBoostingClassifier(MaxIter: 6, MaxLeafNodes: 8, EarlyStopping: HistEarlyStopping.Off);
        var warm = multi.Fit(wine, labels).AddIterations(wine, labels, 5);
        Assert.Equal(3, warm.TreesPerIteration);
        Assert.Equal(33, warm.Trees.Count);
        TensorAssert.Equal((multi with { MaxIter = 11 }).Fit(wine, labels).DecisionFunction(wine), warm.DecisionFunction(wine));
        var none = warm.AddIterations(wine, labels, 0);
        Assert.Same(warm.Classes, none.Classes);
        TensorAssert.Equal(warm.DecisionFunction(wine), none.DecisionFunction(wine));
    }

    [Fact]
    public void ALoadedModelContinuesAndOldFilesExplainWhyTheyCannot()
    {
        var d = SmallDatasets.LoadDiabetes();
        var est = new HistGradientBoostingRegressor(MaxIter: 6, EarlyStopping: HistEarlyStopping.Off, MaxBins: 32);
        var model = est.Fit(d.Data, d.Target!);
        using var s = new MemoryStream();
        model.Save(s);
        s.Position = 0;
        var loaded = HistGradientBoostingRegressorModel<double>.Load(s);
        TensorAssert.Equal((est with { MaxIter = 10 }).Fit(d.Data, d.Target!).Predict(d.Data), loaded.AddIterations(d.Data, d.Target!, 4).Predict(d.Data));

        // A file as written before scorers and warm start: no "scoring" option, no bin thresholds.
        var old = HistGradientBoostingRegressorModel<double>.Load(new MemoryStream(WithoutNewEntries(s.ToArray())));
        Assert.Null(old.Options.Scoring);
        var e = Assert.Throws<InvalidOperationException>(() => old.AddIterations(d.Data, d.Target!, 2));
        Assert.Contains("bin thresholds", e.Message);
        TensorAssert.Equal(model.Predict(d.Data), old.Predict(d.Data));
    }

    [Fact]
    public void EarlyStoppingContinuesTheSplitAndTheScoreHistory()
    {
        var d = SmallDatasets.LoadDiabetes();
        foreach (var scoring in new RegressionScoring?[] { null, RegressionScoring.R2 })
        {
            var est = new HistGradientBoostingRegressor(EarlyStopping: HistEarlyStopping.On, Scoring: scoring, Seed: 4, MaxLeafNodes: 8, LearningRate: 0.3);
            // Never stopping: the continuation equals the fit at once, scores included.
            var patient = est with { NIterNoChange = 1000 };
            var once = (patient with { MaxIter = 30 }).Fit(d.Data, d.Target!);
            var warm = (patient with { MaxIter = 12 }).Fit(d.Data, d.Target!).AddIterations(d.Data, d.Target!, 18);
            TensorAssert.Equal(once.RawPredict(d.Data), warm.RawPredict(d.Data));
            Assert.Equal(once.TrainScore, warm.TrainScore);
            Assert.Equal(once.ValidationScore, warm.ValidationScore);
            Assert.Equal(31, warm.ValidationScore.Count);

            // Stopped early, then continued: scikit-learn checks the stopping rule on the whole history after each new iteration.
            var stopped = (est with { NIterNoChange = 3, MaxIter = 200 }).Fit(d.Data, d.Target!);
            int s = stopped.NIter;
            Assert.InRange(s, 4, 199);
            var continued = stopped.AddIterations(d.Data, d.Target!, 6);
            var history = (patient with { MaxIter = s + 6 }).Fit(d.Data, d.Target!).ValidationScore.ToArray();
            int expected = s + 6;
            for (int i = s + 1; i <= s + 6; i++)
                if (StopsAt(history, i, 3, est.Tol)) { expected = i; break; }
            Assert.Equal(expected, continued.NIter);
            Assert.Equal(history[..(expected + 1)], continued.ValidationScore.ToArray());
            Assert.Equal(stopped.ValidationScore, continued.ValidationScore.Take(s + 1));
        }
    }

    /// <summary>
    /// The safetensors bytes with the "scoring" option removed and the bin-threshold tensors renamed away (same-length
    /// names; the header is padded with spaces to its old length, so the data offsets stay valid).
    /// </summary>
    private static byte[] WithoutNewEntries(byte[] file)
    {
        long length = BitConverter.ToInt64(file, 0);
        var header = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Encoding.UTF8.GetString(file, 8, (int)length))!.AsObject();
        Assert.True(header["__metadata__"]!.AsObject().Remove("scoring"));
        foreach (var (from, to) in new[] { ("bin_thresholds", "old_thresholds"), ("bin_threshold_counts", "old_threshold_counts") })
        {
            var entry = header[from]!;
            header.Remove(from);
            header[to] = entry.DeepClone();
        }
        var text = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        Assert.True(text.Length <= length);
        var bytes = (byte[])file.Clone();
        bytes.AsSpan(8, (int)length).Fill((byte)' ');
        text.CopyTo(bytes, 8);
        return bytes;
    }

    private static bool StopsAt(double[] scores, int i, int patience, double tol)
    {
        double reference = scores[i - patience] + tol;
        for (int j = i - patience + 1; j <= i; j++) if (scores[j] > reference) return false;
        return true;
    }

    [Fact]
    public void RejectsOtherDataClassesAndCounts()
    {
        var d = SmallDatasets.LoadDiabetes();
        var model = new HistGradientBoostingRegressor(MaxIter: 3, EarlyStopping: HistEarlyStopping.Off).Fit(d.Data, d.Target!);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.AddIterations(d.Data, d.Target!, -1));
        var e = Assert.Throws<ArgumentException>(() => model.AddIterations(HistGradientBoostingScoringTests.Rows(d.Data, [.. Enumerable.Range(0, 200)]), Tensor.FromArray(d.Target!.ToArray()[..200], 200), 2));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("does not bin like", e.Message);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.AddIterations(Tensor.Zeros<double>(442, 3), d.Target!, 2)).ParamName);
        var auto = new HistGradientBoostingRegressor(MaxIter: 3).Fit(d.Data, d.Target!);
        Assert.Equal(5, auto.AddIterations(d.Data, d.Target!, 2).NIter);

        var iris = SmallDatasets.LoadIris();
        var clf = new HistGradientBoostingClassifier(MaxIter: 3).Fit(iris.Data, iris.Labels!);
        var twoClasses = iris.Labels!.Select(c => c == 2 ? 1 : c).ToArray();
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => clf.AddIterations(iris.Data, twoClasses, 2)).ParamName);
        Assert.Equal(5, clf.AddIterations(iris.Data, iris.Labels!, 2).NIter);
    }
}
