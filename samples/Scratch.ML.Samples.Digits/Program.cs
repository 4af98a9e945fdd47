// Trains an MLP on scikit-learn's 8×8 handwritten digits, saves it as safetensors, reloads it, and plots the
// learning curves as SVG. Usage: dotnet run -c Release --project samples/Scratch.ML.Samples.Digits [output-folder]
using Scratch.ML;
using Scratch.ML.NN;
using Scratch.ML.NN.Training;
using Scratch.ML.Plotting;
using Scratch.ML.Rng;
using Scratch.ML.Samples.Digits;

string outDir = args.Length > 0 ? args[0] : Path.Combine(Directory.GetCurrentDirectory(), "digits-output");
Directory.CreateDirectory(outDir);
string csv = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
var options = new DigitsOptions();

Console.WriteLine("Digits: 1,797 images of 8×8 pixels (UCI/scikit-learn, see data/DIGITS-LICENSE.md), 10 classes.");
Console.WriteLine($"MLP 64 → {string.Join(" → ", options.Hidden)} → 10 (ReLU, dropout 0.1), AdamW lr {options.LearningRate}, batch {options.BatchSize}, early stopping on val_loss.");
Console.WriteLine();

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };   // Ctrl+C stops after the current batch
string metricsPath = Path.Combine(outDir, "metrics.csv");
DigitsResult result;
using (var log = new CsvMetricLogger(metricsPath))
    result = DigitsRecipe.Train(csv, options, new ConsoleProgressBar(), [log], cts.Token);

Console.WriteLine();
Console.WriteLine($"Stopped: {result.History.StopReason} after {result.History.Epochs.Count} epochs; best weights restored.");
Console.WriteLine($"Test accuracy: {result.TestAccuracy:P2} on {result.TestY.Length} held-out images.");

// Save, reload into a freshly built network, and check the reloaded model predicts identically.
string modelPath = Path.Combine(outDir, "digits-mlp.safetensors");
result.Model.SaveSafeTensors(modelPath, new Dictionary<string, string> { ["test_accuracy"] = result.TestAccuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture) });
var reloaded = DigitsRecipe.BuildModel(options, new Generator(12345));   // different random weights…
reloaded.LoadSafeTensors(modelPath);                                      // …replaced by the saved ones
var lossFn = new CrossEntropyLoss<float>();
var (_, reloadedAcc) = DigitsRecipe.Evaluate(reloaded, lossFn, result.TestX, result.TestY);
Console.WriteLine($"Saved {modelPath} ({new FileInfo(modelPath).Length:N0} bytes); reloaded model test accuracy {reloadedAcc:P2}.");

// Learning curves.
var epochs = result.History.Epochs.Select(e => (double)e.Epoch).ToArray();
var lossPlot = new LinePlot { Title = "Digits MLP: cross-entropy per epoch", XLabel = "epoch", YLabel = "loss" }
    .Add("train loss", epochs, result.History.Series("loss"))
    .Add("validation loss", epochs, result.History.Series("val_loss"));
string lossSvg = Path.Combine(outDir, "learning-curve.svg");
lossPlot.Save(lossSvg);
var accPlot = new LinePlot { Title = "Digits MLP: validation accuracy", XLabel = "epoch", YLabel = "accuracy" }
    .Add("validation accuracy", epochs, result.History.Series("val_accuracy"));
string accSvg = Path.Combine(outDir, "validation-accuracy.svg");
accPlot.Save(accSvg);
Console.WriteLine($"Learning curves: {lossSvg}, {accSvg}; per-epoch metrics: {metricsPath}.");
