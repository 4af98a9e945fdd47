using System.Globalization;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.Plots;
using Scratch.ML.Learn.Preprocessing;

namespace Scratch.ML.Samples.Workflow;

/// <summary>What one run of the workflow produced (the test checks these numbers).</summary>
/// <param name="BestParameters">The grid point chosen by cross-validated ROC AUC.</param>
/// <param name="BestCvAuc">Its mean cross-validated ROC AUC.</param>
/// <param name="TestAccuracy">Accuracy of the refitted pipeline on the held-out rows.</param>
/// <param name="TestAuc">ROC AUC on the held-out rows.</param>
/// <param name="ReloadedIdentical">Whether the saved and reloaded model gives bit-identical probabilities.</param>
/// <param name="Report">The held-out classification report.</param>
public sealed record WorkflowResult(IReadOnlyDictionary<string, object?> BestParameters, double BestCvAuc, double TestAccuracy,
    double TestAuc, bool ReloadedIdentical, string Report);

/// <summary>
/// The classical-ML workflow end to end: CSV → train/test split → pipeline (scaler + logistic regression) → grid search
/// with stratified 5-fold CV → classification report → ROC plot → save → load → identical predictions.
/// </summary>
public static class Workflow
{
    /// <summary>Runs the workflow on <paramref name="csvPath"/> (breast-cancer table, label column "target"), writing files to <paramref name="outDir"/>.</summary>
    public static WorkflowResult Run(string csvPath, string outDir, TextWriter log, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outDir);

        // 1. Load the CSV: a numeric matrix with column names; the label is the "target" column (0 malignant, 1 benign).
        var table = CsvLoader.Load(csvPath);
        int target = table.ColumnIndex("target");
        long[] featureColumns = Enumerable.Range(0, table.ColumnCount).Where(j => j != target).Select(j => (long)j).ToArray();
        var x = table.Data.IndexSelect(1, Tensor.FromArray(featureColumns, featureColumns.Length)).Contiguous();
        string[] names = ["malignant", "benign"];
        string[] y = Array.ConvertAll(table.Column(target), v => names[(int)v]);
        log.WriteLine($"Loaded {table.RowCount} rows × {featureColumns.Length} features from {Path.GetFileName(csvPath)}.");

        // 2. Hold out 25 % of the rows, stratified by class, before anything is fitted.
        var codes = Array.ConvertAll(y, s => s == "benign" ? 1 : 0);
        var (train, test) = TrainTestSplit.Indices(x.Shape[0], testSize: SplitSize.Fraction(0.25), seed: 42, stratify: codes);
        var xTrain = CrossValidation.Rows(x, train);
        var xTest = CrossValidation.Rows(x, test);
        string[] yTrain = Array.ConvertAll(train, i => y[i]), yTest = Array.ConvertAll(test, i => y[i]);

        // 3. A pipeline: the scaler is refitted inside every CV fold, so no statistics leak from the validation rows.
        var pipeline = new Pipeline(("scaler", new StandardScaler()), ("logreg", new LogisticRegression(MaxIter: 1000)));

        // 4. Grid search over the inverse regularisation strength, scored by accuracy and ROC AUC, refit on AUC.
        var grid = ParameterGrid.Of(("logreg.C", [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]));
        var scorers = new Dictionary<string, ClassificationScorer<double>>
        {
            ["accuracy"] = (m, xs, ys) => CrossValidation.Accuracy(ys, m.Predict(xs)),
            ["roc_auc"] = (m, xs, ys) => BenignAuc(ys.Strings!.ToArray(), PositiveScores(m, xs)),
        };
        var search = new GridSearch(grid) { Refit = "roc_auc", Cv = new StratifiedKFold(5, Shuffle: true, Seed: 0) };
        var progress = new Progress<SearchProgress>(p => { });
        var result = search.Fit(pipeline, xTrain, yTrain, scorers, cancellationToken, progress);
        log.WriteLine();
        log.WriteLine(result.ToTable());
        log.WriteLine($"Best: {Format(result.BestParameters)} with mean CV ROC AUC {result.BestScore:F4}.");

        // 5. Evaluate the refitted best pipeline once on the held-out rows.
        var model = (IProbabilisticModel<double>)result.BestModel!;
        var predicted = model.Predict(xTest).Strings!.ToArray();
        var report = ClassificationMetrics.ClassificationReport<string>(yTest, predicted);
        double accuracy = ClassificationMetrics.Accuracy<string>(yTest, predicted);
        var score = PositiveScores(model, xTest);
        var roc = ClassificationMetrics.RocCurve<string>(yTest, score, "benign");
        double auc = ClassificationMetrics.Auc(roc.Fpr, roc.Tpr);
        log.WriteLine();
        log.WriteLine("Held-out classification report:");
        log.WriteLine(report.ToText(3));
        log.WriteLine($"Held-out accuracy {accuracy:P2}, ROC AUC {auc:F4}.");

        // 6. The ROC curve as an SVG file.
        string rocPath = Path.Combine(outDir, "roc.svg");
        RocPlot.Create([("scaler + logistic regression", roc, auc)], "Breast cancer: held-out ROC").Save(rocPath);
        log.WriteLine($"Wrote {rocPath}.");

        // 7. Save the fitted pipeline (one safetensors file), load it back, and check the predictions are identical.
        string modelPath = Path.Combine(outDir, "breast-cancer-pipeline.safetensors");
        using (var file = File.Create(modelPath)) model.Save(file);
        PipelineProbabilisticModel<double> reloaded;
        using (var file = File.OpenRead(modelPath)) reloaded = PipelineProbabilisticModel<double>.Load(file);
        bool identical = reloaded.PredictProba(xTest).ToArray().AsSpan().SequenceEqual(model.PredictProba(xTest).ToArray());
        log.WriteLine($"Saved {modelPath} ({new FileInfo(modelPath).Length:N0} bytes); reloaded model {(identical ? "gives identical" : "DIFFERS in its")} probabilities.");
        return new WorkflowResult(result.BestParameters, result.BestScore, accuracy, auc, identical, report.ToText(3));
    }

    /// <summary>P(benign) per row: the column of the class "benign" in <c>PredictProba</c>.</summary>
    private static double[] PositiveScores(IClassificationModel<double> model, Tensor<double> x)
    {
        var proba = ((IProbabilisticModel<double>)model).PredictProba(x);
        int column = model.Classes.Strings!.ToList().IndexOf("benign");
        return proba.Narrow(1, column, 1).Contiguous().ToArray();
    }

    /// <summary>Area under the ROC curve with "benign" as the positive class.</summary>
    private static double BenignAuc(string[] truth, double[] score)
    {
        var roc = ClassificationMetrics.RocCurve<string>(truth, score, "benign");
        return ClassificationMetrics.Auc(roc.Fpr, roc.Tpr);
    }

    private static string Format(IReadOnlyDictionary<string, object?> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key} = {Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"));
}
