using Scratch.ML.NN;
using Scratch.ML.NN.Data;
using Scratch.ML.NN.Training;
using Scratch.ML.Rng;

namespace Scratch.ML.Samples.Digits;

/// <summary>The hyperparameters of the digits MLP (the defaults are the ones the sample and its test use).</summary>
public sealed record DigitsOptions
{
    /// <summary>Seed for the split, the initial weights and the shuffling.</summary>
    public ulong Seed { get; init; } = 0;
    /// <summary>Fraction of the 1,797 images held out for the final test.</summary>
    public double TestFraction { get; init; } = 0.2;
    /// <summary>Fraction of the remaining images used for validation (early stopping).</summary>
    public double ValidationFraction { get; init; } = 0.15;
    /// <summary>Hidden layer widths.</summary>
    public int[] Hidden { get; init; } = [256, 128];
    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Maximum epochs (early stopping usually ends sooner).</summary>
    public int Epochs { get; init; } = 60;
    /// <summary>Epochs without a better validation loss before stopping.</summary>
    public int Patience { get; init; } = 10;
}

/// <summary>What a training run produced.</summary>
/// <param name="Model">The trained network (best validation weights restored).</param>
/// <param name="History">Per-epoch metrics: loss, val_loss, val_accuracy.</param>
/// <param name="TestAccuracy">Accuracy on the held-out test images.</param>
/// <param name="TestX">The test images, (n, 64) scaled to [0, 1].</param>
/// <param name="TestY">The test labels, (n).</param>
public sealed record DigitsResult(Sequential<float> Model, TrainingHistory History, double TestAccuracy, Tensor<float> TestX, Tensor<int> TestY);

/// <summary>
/// Trains an MLP 64 → 128 → 64 → 10 (ReLU, dropout) on scikit-learn's 8×8 digits with AdamW, cross-entropy, a
/// stratified train/validation/test split, early stopping on the validation loss, and optional progress and CSV
/// callbacks. Shared by the console sample and its test.
/// </summary>
public static class DigitsRecipe
{
    /// <summary>Builds the network: Linear(64, h₁) → ReLU → Dropout(0.1) → … → Linear(hₖ, 10).</summary>
    public static Sequential<float> BuildModel(DigitsOptions options, Generator generator)
    {
        var net = new Sequential<float>();
        int fanIn = Scratch.ML.NN.Data.Digits.Features;
        foreach (int h in options.Hidden)
        {
            net.Add(new Linear<float>(fanIn, h, generator: generator)).Add(new Relu<float>()).Add(new Dropout<float>(0.1, generator.Fork()));
            fanIn = h;
        }
        return net.Add(new Linear<float>(fanIn, 10, generator: generator));
    }

    /// <summary>Loads the CSV, splits it, trains, and evaluates on the test split.</summary>
    /// <param name="csvPath">Path of <c>digits.csv</c>.</param>
    /// <param name="options">Hyperparameters.</param>
    /// <param name="progress">Optional progress receiver (e.g. a console progress bar).</param>
    /// <param name="callbacks">Extra callbacks (e.g. a CSV logger).</param>
    /// <param name="cancellationToken">Stops training after the current batch.</param>
    public static DigitsResult Train(string csvPath, DigitsOptions options, IProgress<TrainingProgress>? progress = null,
        IEnumerable<ITrainingCallback>? callbacks = null, CancellationToken cancellationToken = default)
    {
        var (features, labels) = Scratch.ML.NN.Data.Digits.Load(csvPath);
        var x = features / 16f;                                   // pixels 0..16 → [0, 1]; x: (1797, 64)
        var rng = new Generator(options.Seed);

        // Stratified test split, then a stratified validation split of the rest.
        var all = new TensorDataset<float, int>(x, labels);
        var (rest, test) = DatasetSplits.TrainValidationSplit(all, options.TestFraction, rng.Fork(), labels.ToArray());
        var (trainX, trainY) = all.GetBatch(rest.Indices.ToArray());
        var (testX, testY) = all.GetBatch(test.Indices.ToArray());
        var trainAll = new TensorDataset<float, int>(trainX, trainY);
        var (train, val) = DatasetSplits.TrainValidationSplit(trainAll, options.ValidationFraction, rng.Fork(), trainY.ToArray());
        var trainSet = new TensorDataset<float, int>(trainAll.GetBatch(train.Indices.ToArray()).X, trainAll.GetBatch(train.Indices.ToArray()).Y);
        var (valX, valY) = trainAll.GetBatch(val.Indices.ToArray());

        var model = BuildModel(options, rng.Fork());
        var optimizer = new AdamW<float>(model.Parameters(), lr: options.LearningRate, weightDecay: options.WeightDecay);
        var lossFn = new CrossEntropyLoss<float>();
        var loader = DataLoader.Create(trainSet, options.BatchSize, shuffle: true, generator: rng.Fork(), prefetch: 2);

        var trainer = new Trainer<(Tensor<float> X, Tensor<int> Y)>(batch =>
        {
            model.Train();
            optimizer.ZeroGrad();
            var loss = lossFn.Forward(model.Call(batch.X), batch.Y);   // logits: (B, 10)
            loss.Backward();
            optimizer.Step();
            return loss.ToScalar();
        })
        {
            Validate = () =>
            {
                var (valLoss, valAcc) = Evaluate(model, lossFn, valX, valY);
                return new Dictionary<string, double> { ["val_loss"] = valLoss, ["val_accuracy"] = valAcc };
            },
            Progress = progress,
        };
        trainer.Callbacks.Add(new EarlyStopping<float>("val_loss", options.Patience, restoreBestWeightsOf: model));
        foreach (var c in callbacks ?? []) trainer.Callbacks.Add(c);
        var history = trainer.Fit(loader, options.Epochs, cancellationToken, loader.BatchCount);

        var (_, testAcc) = Evaluate(model, lossFn, testX, testY);
        return new DigitsResult(model, history, testAcc, testX, testY);
    }

    /// <summary>Mean cross-entropy and accuracy of the model in evaluation mode, without recording gradients.</summary>
    public static (double Loss, double Accuracy) Evaluate(Sequential<float> model, CrossEntropyLoss<float> lossFn, Tensor<float> x, Tensor<int> y)
    {
        model.Eval();
        using (Autograd.NoGrad())
        {
            var logits = model.Call(x);                                // (n, 10)
            double loss = lossFn.Forward(logits, y).ToScalar();
            return (loss, Accuracy(logits, y));
        }
    }

    /// <summary>The fraction of rows whose arg-max logit equals the label.</summary>
    public static double Accuracy(Tensor<float> logits, Tensor<int> y)
    {
        var predicted = logits.ArgMax(1).ToArray();
        var truth = y.ToArray();
        int correct = 0;
        for (int i = 0; i < truth.Length; i++) if (predicted[i] == truth[i]) correct++;
        return (double)correct / truth.Length;
    }
}
