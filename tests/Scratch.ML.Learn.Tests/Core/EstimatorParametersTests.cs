using Scratch.ML.Learn;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Preprocessing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Core;

public sealed class EstimatorParametersTests
{
    /// <summary>A two-child composite used to test dotted names (the real ones live in Compose).</summary>
    private sealed record Pair(IEstimator First, IEstimator Second) : ICompositeEstimator
    {
        public EstimatorCapabilities Capabilities => Second.Capabilities;

        public IReadOnlyList<(string Name, IEstimator Estimator)> Children => [("first", First), ("second", Second)];

        public IEstimator WithChild(string name, IEstimator replacement) => name switch
        {
            "first" => this with { First = replacement },
            "second" => this with { Second = replacement },
            _ => throw new ArgumentException($"no child {name}", nameof(name)),
        };
    }

    [Fact]
    public void GetListsConstructorParametersInOrder()
    {
        var p = EstimatorParameters.Get(new GaussianNB(VarSmoothing: 1e-5));
        Assert.Equal(["Priors", "VarSmoothing"], p.Keys);
        Assert.Equal(1e-5, p["VarSmoothing"]);
        Assert.Null(p["Priors"]);
        Assert.Equal(["Priors", "VarSmoothing"], EstimatorParameters.Names(new GaussianNB()));
    }

    [Fact]
    public void WithBuildsThroughTheConstructorAndValidates()
    {
        var nb = EstimatorParameters.With(new GaussianNB(), "VarSmoothing", 0.25);
        Assert.Equal(new GaussianNB(VarSmoothing: 0.25), nb);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EstimatorParameters.With(new GaussianNB(), "VarSmoothing", -1.0));
        Assert.Contains("VarSmoothing", e.Message);
    }

    [Fact]
    public void ExactConversionsOnly()
    {
        Assert.Equal(2.0, EstimatorParameters.With(new Ridge(), "Alpha", 2).Alpha);
        var e = Assert.Throws<ArgumentException>(() => EstimatorParameters.With(new Ridge(), "Alpha", "big"));
        Assert.Contains("Ridge.Alpha", e.Message);
        Assert.Contains("Double", e.Message);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => EstimatorParameters.With(new GaussianNB(), "Smoothing", 1.0));
        Assert.Contains("VarSmoothing", e.Message);
        var n = Assert.Throws<ArgumentException>(() => EstimatorParameters.With(new Pair(new StandardScaler(), new Ridge()), "third.Alpha", 1.0));
        Assert.Contains("first, second", n.Message);
    }

    [Fact]
    public void DottedNamesReachChildren()
    {
        var pair = new Pair(new StandardScaler(), new Ridge(Alpha: 1));
        var deep = EstimatorParameters.Get(pair);
        Assert.Equal(1.0, deep["second.Alpha"]);
        Assert.Same(pair.First, deep["first"]);
        var changed = (Pair)EstimatorParameters.With(pair, new Dictionary<string, object?> { ["second.Alpha"] = 3.0, ["first.WithMean"] = false });
        Assert.Equal(3.0, ((Ridge)changed.Second).Alpha);
        Assert.False(((StandardScaler)changed.First).WithMean);
        Assert.Equal(1.0, ((Ridge)pair.Second).Alpha); // the original is untouched
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimatorParameters.With(pair, "second.Alpha", -1.0));
    }

    [Fact]
    public void AnUndottedChildNameReplacesTheChild()
    {
        var pair = new Pair(new StandardScaler(), new Ridge(Alpha: 1));
        var changed = (Pair)EstimatorParameters.With(pair, new Dictionary<string, object?> { ["second"] = new Lasso(), ["second.Alpha"] = 0.5 });
        Assert.Equal(new Lasso(Alpha: 0.5), changed.Second);
        Assert.Throws<ArgumentException>(() => EstimatorParameters.With(pair, "second", 3.0));
    }

    [Fact]
    public void CloneRevalidatesAWithExpressionCopy()
    {
        Assert.Equal(new Ridge(Alpha: 2), EstimatorParameters.Clone(new Ridge(Alpha: 2)));
        var bad = new GaussianNB() with { VarSmoothing = -1 };
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimatorParameters.Clone(bad));
    }
}
