using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Serialization;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Compose.ComposeFixture;

namespace Scratch.ML.Tests.Learn.Compose;

/// <summary>ColumnTransformer and FeatureUnion against scikit-learn 1.2, by index and by name, save/load (also of hostile files) and conformance.</summary>
public sealed class ColumnTransformerTests
{
    private static readonly Tensor<double> X = Matrix(Root.GetProperty("column_transformer").GetProperty("x"));

    private static ColumnTransformer DropCase() => new(
        [("num", new StandardScaler(), ColumnSelector.At(0, 2)), ("keep", new Passthrough(), 3), ("gone", new Drop(), 1)]);

    private static ColumnTransformer PassthroughCase() => new(
        [("num", new StandardScaler(), new[] { 0, 2 }), ("mm", new MinMaxScaler(), new[] { 3, 0 })], ColumnRemainder.Passthrough);

    [Fact]
    public void MatchesSklearnWithDropAndPassthroughRemainders()
    {
        var f = Root.GetProperty("column_transformer");
        TensorAssert.Close(Matrix(f.GetProperty("drop")), DropCase().Fit(X).Transform(X), VsSklearn);
        var model = PassthroughCase().Fit(X);
        TensorAssert.Close(Matrix(f.GetProperty("passthrough")), model.Transform(X), VsSklearn);
        Assert.Equal([1, 4], model.RemainderColumns.ToArray());
    }

    [Fact]
    public void ColumnsByNameFromNamesOrACsvTable()
    {
        string[] names = ["a", "b", "c", "d", "e"];
        var byName = new ColumnTransformer([("num", new StandardScaler(), new[] { "a", "c" }), ("mm", new MinMaxScaler(), new[] { "d", "a" })], ColumnRemainder.Passthrough);
        var expected = PassthroughCase().Fit(X).Transform(X);
        TensorAssert.Close(expected, byName.Fit(X, names).Transform(X), Tolerance.Exact);
        var table = new CsvTable(X, names, Enumerable.Repeat(CsvColumnKind.Numeric, 5).ToArray(), new IReadOnlyList<string>?[5]);
        var model = byName.Fit(table);
        TensorAssert.Close(expected, model.Transform(table), Tolerance.Exact);
        Assert.Equal(names, model.ColumnNames!.ToArray());
        TensorAssert.Close(expected, RoundTrip(model, ColumnTransformerModel<double>.Load).Transform(table), Tolerance.Exact);

        Assert.Contains("column names", Assert.Throws<ArgumentException>(() => byName.Fit(X)).Message);
        Assert.Contains("\"z\"", Assert.Throws<ArgumentException>(() => new ColumnTransformer([("s", new StandardScaler(), "z")]).Fit(X, names)).Message);
        var other = table with { ColumnNames = ["a", "b", "c", "d", "x"] };
        Assert.Contains("differ", Assert.Throws<ArgumentException>(() => model.Transform(other)).Message);
    }

    [Fact]
    public void InvalidSelectionsAreRejected()
    {
        Assert.Contains("x has 5 columns", Assert.Throws<ArgumentException>(() => new ColumnTransformer([("s", new StandardScaler(), 7)]).Fit(X)).Message);
        Assert.Throws<ArgumentException>(() => ColumnSelector.At(-1));
        Assert.Throws<ArgumentException>(() => ColumnSelector.At(1, 1));
        Assert.Throws<ArgumentException>(() => ColumnSelector.At());
        Assert.Contains("no output columns", Assert.Throws<ArgumentException>(() => new ColumnTransformer([("d", new Drop(), 0)]).Fit(X)).Message);
        Assert.Throws<ArgumentException>(() => new ColumnTransformer([("r", new Scratch.ML.Learn.LinearModels.Ridge(), 0)]));
        Assert.Contains("fitted with 5", Assert.Throws<ArgumentException>(() => DropCase().Fit(X).Transform(X.Narrow(1, 0, 4))).Message);
    }

    private static Tensor<double> With(int row, int col, double value)
    {
        var a = X.ToArray();
        a[row * X.Shape[1] + col] = value;
        return Tensor.FromArray(a, X.Shape[0], X.Shape[1]);
    }

    [Fact]
    public void NaNInADroppedColumnIsHarmlessButInfinityIsRejected()
    {
        var nanInDropped = With(2, 1, double.NaN);
        TensorAssert.Close(DropCase().Fit(X).Transform(X), DropCase().Fit(nanInDropped).Transform(nanInDropped), Tolerance.Exact);
        Assert.Contains("StandardScaler", Assert.Throws<ArgumentException>(() => DropCase().Fit(With(2, 0, double.NaN))).Message);
        Assert.Throws<ArgumentException>(() => DropCase().Fit(With(2, 1, double.PositiveInfinity)));
        Assert.Contains("entry \"keep\"", Assert.Throws<ArgumentException>(() => DropCase().Fit(With(2, 3, double.NaN))).Message);
        Assert.Contains("remainder", Assert.Throws<ArgumentException>(() => PassthroughCase().Fit(X).Transform(With(2, 1, double.NaN))).Message);
        Assert.False(DropCase().Capabilities.HandlesMissingValues);
        Assert.True(new ColumnTransformer([("i", new SimpleImputer(), 0)], ColumnRemainder.Passthrough).Capabilities.HandlesMissingValues);
    }

    [Fact]
    public void FeatureUnionMatchesSklearn()
    {
        var f = Root.GetProperty("feature_union");
        var x = Matrix(f.GetProperty("x"));
        var union = new FeatureUnion(("std", new StandardScaler()), ("minmax", new MinMaxScaler()));
        var model = union.Fit(x);
        TensorAssert.Close(Matrix(f.GetProperty("transform")), model.Transform(x), VsSklearn);
        TensorAssert.Close(model.Transform(x), RoundTrip(model, FeatureUnionModel<double>.Load).Transform(x), Tolerance.Exact);
        var withDrop = new FeatureUnion(("std", new StandardScaler()), ("gone", new Drop()), ("id", new Passthrough())).Fit(x);
        TensorAssert.Close(Tensor.Concat([new StandardScaler().Fit(x).Transform(x), x], 1), withDrop.Transform(x), Tolerance.Exact);
        Assert.Equal(["standardscaler", "minmaxscaler"], FeatureUnion.Make(new StandardScaler(), new MinMaxScaler()).Children.Select(c => c.Name).ToArray());
        Assert.Throws<ArgumentException>(() => new FeatureUnion(("gone", new Drop())));
    }

    [Fact]
    public void ColumnTransformerAndFeatureUnionPassTheConformanceSuite()
    {
        // Column 0 is scaled, every other column passes through, so the same estimator also fits one-column data.
        EstimatorConformance.CheckTransformer(new ColumnTransformer([("num", new StandardScaler(), 0)], ColumnRemainder.Passthrough),
            ColumnTransformerModel<double>.Load, ColumnTransformerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new ColumnTransformer([("mm", new MinMaxScaler(), 0), ("poly", new PolynomialFeatures(2), 0)], ColumnRemainder.Passthrough),
            ColumnTransformerModel<double>.Load, ColumnTransformerModel<float>.Load);
        EstimatorConformance.CheckTransformer(new FeatureUnion(("std", new StandardScaler()), ("minmax", new MinMaxScaler())),
            FeatureUnionModel<double>.Load, FeatureUnionModel<float>.Load);
        EstimatorConformance.CheckTransformer(new FeatureUnion(("impute", new SimpleImputer()), ("id", new Passthrough())),
            FeatureUnionModel<double>.Load, FeatureUnionModel<float>.Load);
    }

    [Fact]
    public void HostileCompositeFilesAreRejected()
    {
        var bytes = Bytes(PassthroughCase().Fit(X));
        var file = SafeTensors.Load(bytes);
        ColumnTransformerModel<double> Load(Func<Dictionary<string, string>, Dictionary<string, string>> edit, bool extraTensor = false)
        {
            var tensors = file.Names.ToDictionary(n => n, n => SafeTensorValue.From(file.Get<double>(n)));
            if (extraTensor) tensors["9/evil"] = SafeTensorValue.From(Tensor.Zeros<double>(1));
            var meta = edit(new Dictionary<string, string>(file.Metadata));
            return ColumnTransformerModel<double>.Load(new MemoryStream(SafeTensors.Serialize(tensors, meta)));
        }
        Load(m => m); // unchanged: fine
        Assert.Contains("no declared child", Assert.Throws<InvalidDataException>(() => Load(m => m, extraTensor: true)).Message);
        Assert.Contains("No loader", Assert.Throws<InvalidDataException>(() => Load(m => { m["0/scratch.ml.kind"] = "System.IO.File"; return m; })).Message);
        Assert.Throws<InvalidDataException>(() => Load(m => { m["ct.0.columns"] = "0,99"; return m; }));
        Assert.Throws<InvalidDataException>(() => Load(m => { m["ct.0.columns"] = "0"; return m; }));      // child fitted on 2 columns
        Assert.Throws<InvalidDataException>(() => Load(m => { m["compose.children"] = "100000"; return m; }));
        Assert.Throws<InvalidDataException>(() => Load(m => { m["ct.1.child"] = "0"; return m; }));
        Assert.Throws<InvalidDataException>(() => Load(m => { m["0/with_mean"] = "maybe"; return m; }));
        Assert.Throws<InvalidDataException>(() => Load(m => { m["ct.column_names"] = "{not json"; return m; }));
    }
}
