using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Compose.ComposeFixture;

namespace Scratch.ML.Tests.Learn.Compose;

/// <summary>The loader registry (built-in kinds, registering a new kind), nesting limits, and a pipeline ending in an outlier detector.</summary>
public sealed class ModelLoadersTests
{
    static ModelLoadersTests() => ModelLoaders.Register(CentroidModel<double>.Kind, s => CentroidModel<double>.Load(s), s => CentroidModel<float>.Load(s));

    [Fact]
    public void BuiltInKindsAreRegisteredAndDuplicatesRejected()
    {
        foreach (var kind in new[] { "Pipeline", "ColumnTransformer", "FeatureUnion", "Passthrough", "StandardScaler", "Ridge", "LogisticRegression", "GaussianNB" })
            Assert.True(ModelLoaders.IsRegistered(kind), kind);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => ModelLoaders.Register("Ridge", s => RidgeModel<double>.Load(s), s => RidgeModel<float>.Load(s))).Message);
        Assert.Contains("No loader", Assert.Throws<InvalidDataException>(() => ModelLoaders.Load<double>("NoSuchModel", new MemoryStream())).Message);
        var x = Tensor.Uniform<double>(0, 1, new Scratch.ML.Rng.Generator(2), 6, 2);
        var scaler = new StandardScaler().Fit(x);
        var loaded = Assert.IsType<StandardScalerModel<double>>(RoundTrip(scaler, ModelLoaders.Load<double>));
        TensorAssert.Close(scaler.Transform(x), loaded.Transform(x), Tolerance.Exact);
    }

    [Fact]
    public void NestingDepthIsLimited()
    {
        var x = Tensor.Uniform<double>(0, 1, new Scratch.ML.Rng.Generator(4), 6, 2);
        IEstimator Nest(int levels)
        {
            IEstimator e = new StandardScaler();
            for (int i = 0; i < levels; i++) e = new Pipeline(("p", e));
            return e;
        }
        var ok = ((ITransformer)Nest(3)).Fit(x);
        TensorAssert.Close(ok.Transform(x), RoundTrip(ok, PipelineTransformModel<double>.Load).Transform(x), Tolerance.Exact);
        var deep = ((ITransformer)Nest(20)).Fit(x);
        Assert.Contains("nested", Assert.Throws<InvalidDataException>(() => RoundTrip(deep, PipelineTransformModel<double>.Load)).Message);
    }

    [Fact]
    public void APipelineEndingInAnOutlierDetectorPassesTheConformanceSuite()
    {
        var pipe = new Pipeline(("scaler", new StandardScaler()), ("centroid", new Centroid(Radius: 2)));
        Assert.Equal(EstimatorKind.OutlierDetector, pipe.Capabilities.Kind);
        EstimatorConformance.CheckOutlierDetector(pipe, PipelineOutlierModel<double>.Load, PipelineOutlierModel<float>.Load);
        var x = Tensor.Uniform<double>(-1, 1, new Scratch.ML.Rng.Generator(6), 30, 3);
        var model = pipe.FitOutlierDetector(x);
        var scaled = ((StandardScalerModel<double>)model["scaler"]).Transform(x);
        TensorAssert.Close(((CentroidModel<double>)model.FinalModel).DecisionFunction(scaled), model.DecisionFunction(x), Tolerance.Exact);
    }

    /// <summary>A minimal outlier detector for the test: score = −‖x − mean‖, inlier within <paramref name="Radius"/>.</summary>
    private sealed record Centroid(double Radius = 1) : IOutlierDetector
    {
        public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.OutlierDetector, Supervised: false);

        public IOutlierModel<T> Fit<T>(Tensor<T> x, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (sampleWeight is not null) throw new ArgumentException("Centroid: no weights.", nameof(sampleWeight));
            var xs = InputChecks.Features(nameof(Centroid), x);
            return new CentroidModel<T>(xs.Mean(0), T.CreateTruncating(Radius));
        }
    }

    private sealed class CentroidModel<T>(Tensor<T> mean, T radius) : IOutlierModel<T>, ILoadableModel<CentroidModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public const string Kind = "Tests.Centroid";

        public int FeatureCount => mean.Shape[0];

        public Tensor<T> ScoreSamples(Tensor<T> x)
        {
            var d = InputChecks.Features(Kind, x, FeatureCount) - mean;
            return -(d * d).Sum(1).Sqrt();
        }

        public Tensor<T> DecisionFunction(Tensor<T> x) => ScoreSamples(x) + radius;

        public int[] Predict(Tensor<T> x) => DecisionFunction(x).ToArray().Select(v => v >= T.Zero ? 1 : -1).ToArray();

        public void Save(Stream stream) => ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>> { ["mean"] = mean },
            new Dictionary<string, string> { ["radius"] = double.CreateTruncating(radius).ToString("R", CultureInfo.InvariantCulture) });

        public static CentroidModel<T> Load(Stream stream)
        {
            var f = ModelFile.Read<T>(stream, Kind);
            return new CentroidModel<T>(f.Tensor("mean", 1), T.CreateTruncating(f.Number("radius")));
        }
    }
}
