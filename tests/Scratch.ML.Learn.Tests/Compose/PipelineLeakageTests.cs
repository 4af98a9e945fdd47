using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.Preprocessing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Compose;

/// <summary>Cross-validating a pipeline re-fits the preprocessing on each training fold only (no test-fold leakage).</summary>
public sealed class PipelineLeakageTests
{
    /// <summary>The mean predicted probability of the true class: sensitive to every coefficient, unlike accuracy.</summary>
    private static double TrueClassProbability(IClassificationModel<double> model, Tensor<double> x, Labels y)
    {
        var p = ((IProbabilisticModel<double>)model).PredictProba(x).ToArray();
        var codes = model.Classes.Encode(y);
        double s = 0;
        for (int i = 0; i < codes.Length; i++) s += p[i * model.Classes.Count + codes[i]];
        return s / codes.Length;
    }

    [Fact]
    public void CrossValidateFitsTheScalerOnTrainingFoldsOnly()
    {
        var rng = new Scratch.ML.Rng.Generator(11);
        // Features on very different scales with a drift across rows, so per-fold and whole-data scalers differ.
        var x = Tensor.Normal<double>(0, 1, rng, 60, 3) * Tensor.FromArray([1.0, 50.0, 0.2], 3) + Tensor.Arange<double>(60).Reshape(60, 1) * 0.05;
        var y = Enumerable.Range(0, 60).Select(i => (x[i, 0] + x[i, 1] / 50 > 1.5 ? 1 : 0)).ToArray();
        var splitter = new KFold(NSplits: 4, Shuffle: true, Seed: 3);
        var scorers = new Dictionary<string, ClassificationScorer<double>> { ["p"] = TrueClassProbability };
        var pipeline = new Pipeline(("scaler", new StandardScaler()), ("logreg", new LogisticRegression()));

        var cv = CrossValidation.CrossValidate(pipeline, x, y, splitter, scorers, TestContext.Current.CancellationToken);

        var splits = splitter.Split(60);
        for (int f = 0; f < splits.Count; f++)
        {
            var (train, test) = splits[f];
            var scaler = new StandardScaler().Fit(CrossValidation.Rows(x, train));   // fitted on the training fold only
            var clf = new LogisticRegression().Fit(scaler.Transform(CrossValidation.Rows(x, train)), CrossValidation.Subset(y, train));
            var manual = TrueClassProbability(new ScaledModel(scaler, clf), CrossValidation.Rows(x, test), CrossValidation.Subset(y, test));
            Assert.Equal(manual, cv.TestScores["p"][f], 12);

            // The leaky variant (scaler fitted on all 60 rows, test fold included) gives a measurably different score.
            var leakyScaler = new StandardScaler().Fit(x);
            var leaky = new LogisticRegression().Fit(leakyScaler.Transform(CrossValidation.Rows(x, train)), CrossValidation.Subset(y, train));
            var leakyScore = TrueClassProbability(new ScaledModel(leakyScaler, leaky), CrossValidation.Rows(x, test), CrossValidation.Subset(y, test));
            Assert.True(Math.Abs(leakyScore - cv.TestScores["p"][f]) > 1e-6, $"fold {f}: leaky {leakyScore} vs pipeline {cv.TestScores["p"][f]}");
        }
    }

    /// <summary>A hand-made scaler → classifier composition, to score the manual per-fold fits the same way.</summary>
    private sealed class ScaledModel(StandardScalerModel<double> scaler, LogisticRegressionModel<double> clf) : IProbabilisticModel<double>
    {
        public ClassLabels Classes => clf.Classes;
        public int FeatureCount => scaler.FeatureCount;
        public Labels Predict(Tensor<double> x) => clf.Predict(scaler.Transform(x));
        public Tensor<double> PredictProba(Tensor<double> x) => clf.PredictProba(scaler.Transform(x));
        public Tensor<double> PredictLogProba(Tensor<double> x) => clf.PredictLogProba(scaler.Transform(x));
        public void Save(Stream stream) => throw new NotSupportedException();
    }
}
