using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// The estimator conformance suite for the four forests. They declare Stochastic (seeded), MultiOutput for the
/// regressors, not RowOrderInvariant (bootstrap draws and random thresholds index rows) and not
/// SupportsSampleWeight (weights are accepted, but a weighted row is not the same as repeated rows under
/// bootstrapping and sample-count limits), so the suite skips exactly those checks.
/// </summary>
public class ForestsConformanceTests
{
    [Fact]
    public void RandomForestClassifierConforms() =>
        EstimatorConformance.CheckClassifier(new RandomForestClassifier(20, OobScore: true), RandomForestClassifierModel<double>.Load, RandomForestClassifierModel<float>.Load);

    [Fact]
    public void ExtraTreesClassifierConforms() =>
        EstimatorConformance.CheckClassifier(new ExtraTreesClassifier(20), ExtraTreesClassifierModel<double>.Load, ExtraTreesClassifierModel<float>.Load);

    [Fact]
    public void RandomForestRegressorConforms() =>
        EstimatorConformance.CheckRegressor(new RandomForestRegressor(20, OobScore: true), RandomForestRegressorModel<double>.Load, RandomForestRegressorModel<float>.Load);

    [Fact]
    public void ExtraTreesRegressorConforms() =>
        EstimatorConformance.CheckRegressor(new ExtraTreesRegressor(20), ExtraTreesRegressorModel<double>.Load, ExtraTreesRegressorModel<float>.Load);
}
