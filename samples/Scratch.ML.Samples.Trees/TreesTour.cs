using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.Plots;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Samples.Trees;

/// <summary>What one run of the tour produced (the sample's test checks these numbers).</summary>
/// <param name="ForestCvAuc">Mean 5-fold CV ROC AUC of the random forest.</param>
/// <param name="BoostingCvAuc">Mean 5-fold CV ROC AUC of histogram gradient boosting.</param>
/// <param name="Winner">"random forest" or "histogram gradient boosting": the better CV AUC.</param>
/// <param name="TestAccuracy">The refitted winner's accuracy on the held-out rows.</param>
/// <param name="TestAuc">Its held-out ROC AUC.</param>
/// <param name="MaxShapReconstructionError">max over held-out rows of |E[f] + Σφ − f(x)| in the raw output space.</param>
/// <param name="TopFeatures">Features by mean |SHAP value|, largest first (the first five).</param>
public sealed record TreesTourResult(double ForestCvAuc, double BoostingCvAuc, string Winner, double TestAccuracy, double TestAuc,
    double MaxShapReconstructionError, IReadOnlyList<string> TopFeatures);

/// <summary>
/// Tree ensembles on the breast-cancer data: a random forest and histogram gradient boosting compared by stratified
/// 5-fold cross-validation, the winner refitted and scored once on held-out rows, then explained — exact TreeSHAP values
/// (a bar chart and a beeswarm) and partial dependence with ICE curves for its two most important features.
/// </summary>
public static class TreesTour
{
    /// <summary>Runs the tour, writing the SVG figures to <paramref name="outDir"/> and a narrative to <paramref name="log"/>.</summary>
    public static TreesTourResult Run(string outDir, TextWriter log, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outDir);

        // 1. The shipped Wisconsin breast-cancer table: 569 rows × 30 features, classes malignant (0) / benign (1).
        var data = SmallDatasets.LoadBreastCancer();
        var names = data.FeatureNames;
        int[] y = data.Labels!;
        log.WriteLine($"Breast cancer: {data.SampleCount} rows × {data.FeatureCount} features.");

        // 2. Hold out 25 % of the rows, stratified by class; everything below is chosen on the other 75 %.
        var (train, test) = TrainTestSplit.Indices(data.SampleCount, testSize: SplitSize.Fraction(0.25), seed: 42, stratify: y);
        var xTrain = CrossValidation.Rows(data.Data, train);
        var xTest = CrossValidation.Rows(data.Data, test);
        int[] yTrain = Array.ConvertAll(train, i => y[i]), yTest = Array.ConvertAll(test, i => y[i]);

        // 3. Two tree ensembles. A forest averages deep, decorrelated trees; boosting adds shallow trees that each fit
        //    the gradient of the log-loss left by the previous ones (on 426 rows early stopping is off, as in sklearn).
        var forest = new RandomForestClassifier(NEstimators: 200, Seed: 0);
        var boosting = new HistGradientBoostingClassifier(Seed: 0);
        var scorers = new Dictionary<string, ClassificationScorer<double>>
        {
            ["accuracy"] = (m, xs, ys) => CrossValidation.Accuracy(ys, m.Predict(xs)),
            ["roc_auc"] = (m, xs, ys) => ClassificationMetrics.RocAuc<int>(ys.Ints!.ToArray(), BenignScores(m, xs)),
        };
        var cv = new StratifiedKFold(5, Shuffle: true, Seed: 0);
        var forestCv = CrossValidation.CrossValidate(forest, xTrain, yTrain, cv, scorers, cancellationToken);
        var boostingCv = CrossValidation.CrossValidate(boosting, xTrain, yTrain, cv, scorers, cancellationToken);
        double forestAuc = forestCv.Mean("roc_auc"), boostingAuc = boostingCv.Mean("roc_auc");
        log.WriteLine();
        log.WriteLine("5-fold stratified CV on the training rows (mean over folds):");
        log.WriteLine($"  random forest (200 trees)      accuracy {forestCv.Mean("accuracy"):F4}   ROC AUC {forestAuc:F4}");
        log.WriteLine($"  hist. gradient boosting        accuracy {boostingCv.Mean("accuracy"):F4}   ROC AUC {boostingAuc:F4}");

        // 4. Refit the winner on all training rows and score it once on the held-out rows.
        bool forestWins = forestAuc >= boostingAuc;
        string winner = forestWins ? "random forest" : "histogram gradient boosting";
        IProbabilisticModel<double> model = forestWins ? forest.Fit(xTrain, yTrain) : boosting.Fit(xTrain, yTrain);
        double accuracy = ClassificationMetrics.Accuracy<int>(yTest, model.Predict(xTest).Ints!.ToArray());
        double auc = ClassificationMetrics.RocAuc<int>(yTest, BenignScores(model, xTest));
        log.WriteLine();
        log.WriteLine($"Winner by CV AUC: {winner}. Held-out accuracy {accuracy:P2}, ROC AUC {auc:F4}.");

        // 5. Exact TreeSHAP in the model's raw output space: the forest's P(benign) (output 1 of its two probability
        //    columns), or boosting's log-odds of benign (its one raw output). E[f] + Σⱼ φⱼ(x) = f(x) for every row.
        var ensemble = ((ITreeEnsembleModel)model).Ensemble;
        int output = ensemble.OutputCount == 2 ? 1 : 0;
        var shap = TreeShap.Explain(ensemble, xTest, names, cancellationToken);
        double maxError = MaxReconstructionError(ensemble, shap, xTest, output);
        var meanAbs = shap.MeanAbsolute(output);
        var order = Enumerable.Range(0, names.Count).OrderByDescending(j => meanAbs[j]).ToArray();
        log.WriteLine($"TreeSHAP on {xTest.Shape[0]} held-out rows: expected value {shap.ExpectedValue[output]:F4}, " +
                      $"max |E[f] + Σφ − f(x)| = {maxError:E1}.");
        log.WriteLine("Most important features (mean |SHAP|):");
        foreach (int j in order.Take(5)) log.WriteLine($"  {names[j],-24} {meanAbs[j]:F4}");
        Save(outDir, "shap-bar.svg", ShapSummaryPlot.Bar(shap, output, maxDisplay: 15, title: $"{winner}: mean |SHAP|"), log);
        Save(outDir, "shap-beeswarm.svg", ShapSummaryPlot.Beeswarm(shap, xTest, output, maxDisplay: 15, title: $"{winner}: SHAP values"), log);

        // 6. Partial dependence with ICE lines of P(benign) on the two most important features (brute force over the
        //    training rows: the average prediction as one feature is swept while the others keep their values).
        foreach (int j in order.Take(2))
        {
            var pd = PartialDependence.Compute((IClassificationModel<double>)model, xTrain, [j],
                new PartialDependenceOptions { Kind = PartialDependenceKind.Both, GridResolution = 30, Method = PartialDependenceMethod.Brute });
            Save(outDir, $"pdp-{Slug(names[j])}.svg", PartialDependencePlot.ToSvg(pd, [names[j]]), log);
        }
        return new TreesTourResult(forestAuc, boostingAuc, winner, accuracy, auc, maxError, order.Take(5).Select(j => names[j]).ToArray());
    }

    /// <summary>P(benign) per row: the probability column of class 1.</summary>
    private static double[] BenignScores(IClassificationModel<double> model, Tensor<double> x) =>
        ((IProbabilisticModel<double>)model).PredictProba(x).Narrow(1, 1, 1).Contiguous().ToArray();

    /// <summary>max over rows of |E[f] + Σⱼ φⱼ − raw(x)| for one raw output.</summary>
    private static double MaxReconstructionError(TreeEnsemble ensemble, ShapValues shap, Tensor<double> x, int output)
    {
        var rows = x.Contiguous().ToArray();
        int d = ensemble.FeatureCount;
        var raw = new double[ensemble.OutputCount];
        double max = 0;
        for (int i = 0; i < shap.Rows; i++)
        {
            ensemble.Raw(rows.AsSpan(i * d, d), raw);
            max = Math.Max(max, Math.Abs(shap.Reconstruct(i, output) - raw[output]));
        }
        return max;
    }

    private static void Save(string dir, string file, string svg, TextWriter log)
    {
        string path = Path.Combine(dir, file);
        File.WriteAllText(path, svg);
        log.WriteLine($"Wrote {path}.");
    }

    private static string Slug(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));
}
