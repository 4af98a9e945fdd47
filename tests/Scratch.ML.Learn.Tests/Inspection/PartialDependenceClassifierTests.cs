using Scratch.ML.Learn;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Trees;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.InspectionFixture;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>Response-method and method dispatch of partial dependence for classifiers.</summary>
public class PartialDependenceClassifierTests
{
    private static readonly double[] Data = Enumerable.Range(0, 24).SelectMany(i => new double[] { i / 6, i / 2 % 3, i % 2 }).ToArray();

    /// <summary>A binary "boosted" classifier: one margin output with a logistic link.</summary>
    private sealed class BoostedStub(TreeEnsemble ensemble) : IProbabilisticModel<double>, ITreeEnsembleModel
    {
        public TreeEnsemble Ensemble => ensemble;

        public ClassLabels Classes { get; } = ClassLabels.Of(Labels.From([0, 1]));

        public int FeatureCount => 3;

        public Tensor<double> Margin(Tensor<double> x)
        {
            var a = x.ToArray();
            var r = new double[x.Shape[0]];
            for (int i = 0; i < r.Length; i++) ensemble.Raw(a.AsSpan(i * 3, 3), r.AsSpan(i, 1));
            return Tensor.FromArray(r, r.Length);
        }

        public Tensor<double> PredictProba(Tensor<double> x)
        {
            var m = Margin(x).ToArray();
            var p = new double[m.Length * 2];
            for (int i = 0; i < m.Length; i++) { p[2 * i + 1] = 1 / (1 + Math.Exp(-m[i])); p[2 * i] = 1 - p[2 * i + 1]; }
            return Tensor.FromArray(p, m.Length, 2);
        }

        public Tensor<double> PredictLogProba(Tensor<double> x) => PredictProba(x).Log();

        public Labels Predict(Tensor<double> x) => Labels.From(Margin(x).ToArray().Select(v => v > 0 ? 1 : 0).ToArray());

        public void Save(Stream stream) => throw new NotSupportedException();
    }

    private static BoostedStub Model()
    {
        var tree = PartialDependenceRecursionTests.Build([1, 3, 5, -1, -1, -1, -1], [2, 4, 6, -1, -1, -1, -1], [2, 0, 1, -2, -2, -2, -2],
            [0.5, 0.5, 1.5, 0, 0, 0, 0], [0, 0, 0, 1.5, -2, 1, 0.5], 1, Data, 3);
        return new BoostedStub(new TreeEnsemble([tree, tree], [0.3, 0.2], [0, 0], [0.25], RawOutputLink.Logistic));
    }

    [Fact]
    public void BoostedTreesUseRecursionOnTheMarginUnlessProbabilitiesAreAsked()
    {
        var model = Model();
        var x = Tensor.FromArray(Data, 24, 3);
        var auto = PartialDependence.Compute(model, x, [0]);
        Assert.Equal(PartialDependence.ComputeRecursion(model.Ensemble, x, [0]).Average, auto.Average);
        var marginBrute = PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { Method = PartialDependenceMethod.Brute, ResponseMethod = ResponseMethod.DecisionFunction });
        var viaDelegate = PartialDependence.Compute(model.Margin, x, [0]);
        Assert.Equal(viaDelegate.Average, marginBrute.Average);
        // Factorial data: recursion on the margin equals brute force on the margin.
        for (int i = 0; i < auto.Average!.Length; i++) Assert.Equal(marginBrute.Average![i], auto.Average[i], 1e-12);
        var proba = PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { ResponseMethod = ResponseMethod.PredictProba });
        Assert.Equal(1, proba.Outputs);
        Assert.All(proba.Average!, v => Assert.InRange(v, 0, 1));
        Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [0],
            new PartialDependenceOptions { Method = PartialDependenceMethod.Recursion, ResponseMethod = ResponseMethod.PredictProba }));
    }

    [Fact]
    public void LinearClassifierDecisionFunction()
    {
        var model = new LogisticRegression().Fit(Iris.Data, Labels.From(Iris.Labels!));
        var x = Rows(Iris.Data, Range(150, 5));
        var r = PartialDependence.Compute(model, x, [2], new PartialDependenceOptions { GridResolution = 8, ResponseMethod = ResponseMethod.DecisionFunction });
        var e = PartialDependence.Compute(model.DecisionFunction, x, [2], new PartialDependenceOptions { GridResolution = 8 });
        Assert.Equal(3, r.Outputs);
        Assert.Equal(e.Average, r.Average);
        Assert.Throws<ArgumentException>(() => PartialDependence.Compute(new HardClassifier(), Iris.Data, [0], new PartialDependenceOptions { ResponseMethod = ResponseMethod.PredictProba }));
    }
}
