using System.Globalization;
using Scratch.ML.NN;
using Scratch.ML.NN.Data;
using Scratch.ML.NN.Training;
using Scratch.ML.Rng;
using Scratch.ML.Serialization;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Training;

/// <summary>
/// A tiny regression problem y = 2x₁ − 3x₂ + 0.5 (no noise) fitted by Linear(2, 1) with plain SGD written inline
/// (p ← p − η·∂L/∂p), so the exact optimum is known.
/// </summary>
public class TrainerTests
{
    private static (TensorDataset<double, double> Data, Linear<double> Model) Problem(int n = 64)
    {
        var x = Tensor.Uniform<double>(-1, 1, new Generator(1), n, 2);
        var xs = x.ToArray();
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = 2 * xs[2 * i] - 3 * xs[2 * i + 1] + 0.5;
        return (new TensorDataset<double, double>(x, Tensor.FromArray(y, n, 1)), new Linear<double>(2, 1, generator: new Generator(2)));
    }

    private static Func<(Tensor<double> X, Tensor<double> Y), double> SgdStep(Linear<double> model, double lr)
        => batch =>
        {
            model.ZeroGrad();
            var diff = model.Call(batch.X) - batch.Y;
            var loss = (diff * diff).Mean();
            loss.Backward();
            using (Autograd.NoGrad())
                foreach (var p in model.Parameters())
                    p.Value.CopyFrom(p.Value - p.Grad! * lr);
            return loss.ToScalar();
        };

    private static double Mse(Linear<double> model, TensorDataset<double, double> data)
    {
        using (Autograd.NoGrad())
        {
            var d = model.Call(data.X) - data.Y;
            return (d * d).Mean().ToScalar();
        }
    }

    [Fact]
    public void FitsTheRegressionAndReportsProgress()
    {
        var (data, model) = Problem();
        var loader = DataLoader.Create(data, 16, shuffle: true, generator: new Generator(3));
        var reports = new List<TrainingProgress>();
        var trainer = new Trainer<(Tensor<double> X, Tensor<double> Y)>(SgdStep(model, 0.2))
        {
            Validate = () => new Dictionary<string, double> { ["val_loss"] = Mse(model, data) },
            Progress = new SyncProgress(reports.Add),
        };
        var history = trainer.Fit(loader, 60, TestContext.Current.CancellationToken, loader.BatchCount);
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(60, history.Epochs.Count);
        Assert.Equal(60 * (4 + 1), reports.Count);
        Assert.Equal(4, reports[3].Batch);
        Assert.Equal(4, reports[3].BatchesPerEpoch);
        Assert.True(reports[4].EpochEnd);
        Assert.Equal(new[] { "loss", "val_loss" }, reports[4].Metrics.Keys);
        Assert.True(reports[^1].Elapsed >= reports[0].Elapsed);
        var val = history.Series("val_loss");
        Assert.True(val[^1] < 1e-6 * val[0], $"val_loss {val[0]} → {val[^1]}");
        // noise-free data: SGD converges to the exact coefficients; after 240 steps the mean squared error has fallen
        // by more than 10⁶ (asserted above), i.e. the coefficient error is ~1e-4, so 1e-3 absolute is a safe margin
        var converged = new Tolerance("SgdConvergence", 1e-3, 0);
        TensorAssert.Close(Tensor.FromArray([2.0, -3.0], 1, 2), model.Weight.Value.Detach(), converged);
        TensorAssert.Close(Tensor.FromArray([0.5], 1), model.Bias!.Value.Detach(), converged);
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public void EarlyStoppingStopsAfterPatienceAndRestoresBestWeights()
    {
        var (_, model) = Problem();
        // scripted val_loss: improves until epoch 3, then gets worse; each step perturbs the weights so the epochs differ
        var script = new[] { 5.0, 4.0, 3.0, 3.5, 3.2, 3.1, 1.0 };
        int epoch = 0;
        Tensor<double>? weightsAtBest = null;
        var stopper = new EarlyStopping<double>("val_loss", patience: 2, minDelta: 0.05, restoreBestWeightsOf: model);
        var trainer = new Trainer<int>(_ =>
        {
            using (Autograd.NoGrad()) model.Weight.Value.CopyFrom(model.Weight.Value + 1.0);
            return 0;
        })
        {
            Validate = () =>
            {
                if (epoch == 2) weightsAtBest = model.Weight.Value.Clone();
                return new Dictionary<string, double> { ["val_loss"] = script[epoch++] };
            },
        };
        trainer.Callbacks.Add(stopper);
        var history = trainer.Fit([1], 7, TestContext.Current.CancellationToken);
        Assert.Equal(StopReason.EarlyStopped, history.StopReason);
        Assert.Equal(5, history.Epochs.Count);  // epochs 4 and 5 did not improve by > 0.05; patience 2 → stop after 5
        Assert.Equal(5, stopper.StoppedEpoch);
        Assert.Equal(3, stopper.BestEpoch);
        Assert.Equal(3.0, stopper.BestValue);
        TensorAssert.Close(weightsAtBest!, model.Weight.Value, Tolerance.Exact);
    }

    [Fact]
    public void MaxModeAndMinDelta()
    {
        var acc = new[] { 0.5, 0.6, 0.605, 0.61, 0.62 };
        int e = 0;
        var stopper = new EarlyStopping<double>("acc", patience: 2, minDelta: 0.02, mode: MonitorMode.Max);
        var trainer = new Trainer<int>(_ => 0) { Validate = () => new Dictionary<string, double> { ["acc"] = acc[e++] } };
        trainer.Callbacks.Add(stopper);
        var h = trainer.Fit([1], 5, TestContext.Current.CancellationToken);
        Assert.Equal(4, h.Epochs.Count); // 0.605 and 0.61 are within minDelta of 0.6
        Assert.Equal(2, stopper.BestEpoch);
    }

    [Fact]
    public void MissingMonitoredMetricIsAClearError()
    {
        var trainer = new Trainer<int>(_ => 0);
        trainer.Callbacks.Add(new EarlyStopping<double>("val_loss"));
        var ex = Assert.Throws<KeyNotFoundException>(() => trainer.Fit([1], 2, TestContext.Current.CancellationToken));
        Assert.Contains("val_loss", ex.Message);
        Assert.Contains("loss", ex.Message);
    }

    [Fact]
    public void CheckpointsSaveBestAndLastAsSafeTensors()
    {
        var (data, model) = Problem();
        var dir = Directory.CreateTempSubdirectory("ckpt").FullName;
        try
        {
            var best = Path.Combine(dir, "best.safetensors");
            var last = Path.Combine(dir, "last.safetensors");
            var script = new[] { 3.0, 1.0, 2.0 };
            int e = 0;
            var ckpt = new ModelCheckpoint<double>(model, best, last);
            Tensor<double>? bestWeights = null;
            var trainer = new Trainer<(Tensor<double> X, Tensor<double> Y)>(SgdStep(model, 0.1))
            {
                Validate = () =>
                {
                    if (e == 1) bestWeights = model.Weight.Value.Clone();
                    return new Dictionary<string, double> { ["val_loss"] = script[e++] };
                },
            };
            trainer.Callbacks.Add(ckpt);
            trainer.Fit(DataLoader.Create(data, 32), 3, TestContext.Current.CancellationToken);
            Assert.Equal(2, ckpt.BestEpoch);
            var bestFile = SafeTensors.Load(best);
            Assert.Equal("2", bestFile.Metadata["epoch"]);
            Assert.Equal("1", bestFile.Metadata["val_loss"]);
            TensorAssert.Close(bestWeights!, bestFile.Get<double>("weight"), Tolerance.Exact);
            var lastFile = SafeTensors.Load(last);
            Assert.Equal("3", lastFile.Metadata["epoch"]);
            TensorAssert.Close(model.Weight.Value, lastFile.Get<double>("weight"), Tolerance.Exact);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void CsvLoggerWritesInvariantRows()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // decimal comma must not leak into the file
        try
        {
            var sw = new StringWriter();
            int e = 0;
            var trainer = new Trainer<int>(_ => 0.25) { Validate = () => new Dictionary<string, double> { ["val_loss"] = 1.5 + e++ } };
            using var logger = new CsvMetricLogger(sw);
            trainer.Callbacks.Add(logger);
            trainer.Fit([1, 2], 2, TestContext.Current.CancellationToken);
            var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal("epoch,elapsed_s,loss,val_loss", lines[0]);
            Assert.Equal(3, lines.Length);
            var cells = lines[2].Split(',');
            Assert.Equal("2", cells[0]);
            Assert.True(double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            Assert.Equal("0.25", cells[2]);
            Assert.Equal("2.5", cells[3]);
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void CancellationStopsAfterTheCurrentBatch()
    {
        using var cts = new CancellationTokenSource();
        int steps = 0;
        bool ended = false;
        var trainer = new Trainer<int>(_ => { if (++steps == 7) cts.Cancel(); return 1; });
        trainer.Callbacks.Add(new EndProbe(() => ended = true));
        var h = trainer.Fit(Enumerable.Range(0, 5), 10, cts.Token);
        Assert.Equal(StopReason.Cancelled, h.StopReason);
        Assert.Single(h.Epochs); // epoch 2 was abandoned
        Assert.Equal(7, steps);
        Assert.True(ended);
    }

    private sealed class EndProbe(Action onEnd) : ITrainingCallback
    {
        public bool OnEpochEnd(EpochResult result) => false;
        public void OnTrainingEnd(TrainingHistory history) => onEnd();
    }

    [Fact]
    public void ConsoleProgressBarRedrawsOrPrintsLines()
    {
        var metrics = new Dictionary<string, double> { ["loss"] = 0.5 };
        var tty = new StringWriter();
        var bar = new ConsoleProgressBar(tty, interactive: true, width: 10);
        bar.Report(new TrainingProgress(1, 2, 4, 4, 0.5, new Dictionary<string, double>(), TimeSpan.FromSeconds(3), false));
        bar.Report(new TrainingProgress(1, 2, 4, 4, 0.5, metrics, TimeSpan.FromSeconds(3), true));
        Assert.StartsWith("\repoch 1/2 [##########] 4/4 loss 0.5 0:03", tty.ToString());
        Assert.Contains("epoch 1/2  loss 0.5  0:03" + Environment.NewLine, tty.ToString());

        var log = new StringWriter();
        var plain = new ConsoleProgressBar(log, interactive: false);
        plain.Report(new TrainingProgress(1, 2, 1, null, 0.5, new Dictionary<string, double>(), TimeSpan.Zero, false));
        plain.Report(new TrainingProgress(1, 2, 1, null, 0.5, metrics, TimeSpan.Zero, true));
        Assert.Equal("epoch 1/2  loss 0.5  0:00" + Environment.NewLine, log.ToString());
        Assert.Equal("epoch 1/2 batch 3 loss 0.25 0:00", plain.Line(new TrainingProgress(1, 2, 3, null, 0.25, metrics, TimeSpan.Zero, false)));
    }
}
