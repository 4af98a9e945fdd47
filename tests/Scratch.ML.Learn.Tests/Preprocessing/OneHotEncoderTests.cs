using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.EncoderFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>OneHotEncoder against scikit-learn 1.2 (exact: the outputs are 0/1 and category values) and the conformance suite.</summary>
public class OneHotEncoderTests
{
    private static OneHotEncoder Options(JsonElement o)
    {
        var e = new OneHotEncoder();
        foreach (var p in o.EnumerateObject())
            e = p.Name switch
            {
                "handle_unknown" => e with { HandleUnknown = p.Value.GetString() switch { "ignore" => UnknownCategoryHandling.Ignore, "infrequent_if_exist" => UnknownCategoryHandling.InfrequentIfExist, _ => UnknownCategoryHandling.Error } },
                "drop" when p.Value.ValueKind == JsonValueKind.Array => e with { Drop = OneHotDrop.Given, DropValues = DropRow(p.Value) },
                "drop" => e with { Drop = p.Value.GetString() == "first" ? OneHotDrop.First : OneHotDrop.IfBinary },
                "min_frequency" => e with { MinFrequency = p.Value.GetDouble() },
                "max_categories" => e with { MaxCategories = p.Value.GetInt32() },
                _ => throw new InvalidOperationException(p.Name),
            };
        return e;
    }

    /// <summary>scikit-learn's drop array as a one-row table with the training columns' kinds (null = None / NaN).</summary>
    private static CategoricalTable DropRow(JsonElement values) => CategoricalTable.FromColumns([.. values.EnumerateArray().Select((v, j) =>
        Train[j].IsText ? CategoricalColumn.Of([v.ValueKind == JsonValueKind.Null ? null : v.GetString()])
            : CategoricalColumn.Of([v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()]))]);

    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, EncoderFixture.Root.GetProperty("onehot").GetArrayLength())];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesSklearnOnMixedTextAndNumbers(int index)
    {
        var c = Root.GetProperty("onehot")[index];
        var encoder = Options(c.GetProperty("options"));
        var m = encoder.Fit<double>(Train);
        Assert.Equal(Strings(c.GetProperty("feature_names")), m.FeatureNamesOut());
        var z = m.Transform(Train);
        SameWithNaN(Matrix(c.GetProperty("transform")), z);
        Assert.Equal(z.Shape[1], m.OutputCount);
        SameTable(c.GetProperty("inverse"), m.InverseTransformTable(z));
        var infrequent = c.GetProperty("infrequent").EnumerateArray().Select(l => l.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        for (int j = 0; j < infrequent.Length; j++) Assert.Equal(infrequent[j], m.InfrequentIndices[j]);
        if (c.TryGetProperty("transform_new", out var tn))
        {
            var zn = m.Transform(New);
            SameWithNaN(Matrix(tn), zn);
            SameTable(c.GetProperty("inverse_new"), m.InverseTransformTable(zn));
        }
        else Assert.Contains("unknown category \"purple\" in column 0", Assert.Throws<ArgumentException>(() => m.Transform(New)).Message);
        // Save / load keeps everything, text categories included.
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = OneHotEncoderModel<double>.Load(s);
        Assert.Equal(m.FeatureNamesOut(), back.FeatureNamesOut());
        SameWithNaN(z, back.Transform(Train));
    }

    [Fact]
    public void NumericTensorPathTreatsNaNAsACategory()
    {
        var f = Root.GetProperty("onehot_numeric");
        var m = new OneHotEncoder(HandleUnknown: UnknownCategoryHandling.Ignore).Fit(Matrix(f.GetProperty("x")));
        Assert.Equal(Strings(f.GetProperty("feature_names")), m.FeatureNamesOut());
        SameWithNaN(Matrix(f.GetProperty("transform")), m.Transform(Matrix(f.GetProperty("x"))));
        var zn = m.Transform(Matrix(f.GetProperty("x_new")));
        SameWithNaN(Matrix(f.GetProperty("transform_new")), zn);
        // Unknown rows decode to NaN on the tensor path (scikit-learn's None); known ones exactly.
        SameWithNaN(Tensor.FromArray([3.0, double.NaN, double.NaN, 0.5, double.NaN, double.NaN], 3, 2), m.InverseTransform(zn));
        Assert.Equal(["a_1.0", "a_2.0", "a_3.0", "a_nan", "b_0.5", "b_2.0", "b_nan"], m.FeatureNamesOut(["a", "b"]));
    }

    [Fact]
    public void GivenCategoriesAndCsvTables()
    {
        var csv = CsvLoader.Parse("city,size\nparis,1\nlima,2\n,1\nparis,3\n");
        var table = CategoricalTable.FromCsv(csv);
        Assert.True(table[0].IsText);
        Assert.False(table[1].IsText);
        var m = new OneHotEncoder().Fit<double>(table);
        Assert.Equal(["x0_lima", "x0_paris", "x0_None", "x1_1.0", "x1_2.0", "x1_3.0"], m.FeatureNamesOut());
        Assert.Equal([0.0, 0, 1, 1, 0, 0], m.Transform(table).ToArray().Skip(12).Take(6));
        var given = new OneHotEncoder(Categories: [CategoricalColumn.Of(["paris", "lima", null]), CategoricalColumn.Of([1.0, 2, 3])]);
        Assert.Equal(["x0_paris", "x0_lima", "x0_None", "x1_1.0", "x1_2.0", "x1_3.0"], given.Fit<double>(table).FeatureNamesOut());
        var narrow = new OneHotEncoder(Categories: [CategoricalColumn.Of(["paris", "lima"]), CategoricalColumn.Of([1.0, 2, 3])]);
        Assert.Contains("during fit", Assert.Throws<ArgumentException>(() => narrow.Fit<double>(table)).Message);
        var unsorted = new OneHotEncoder(Categories: [CategoricalColumn.Of(["paris", "lima", null]), CategoricalColumn.Of([2.0, 1, 3])]);
        Assert.Contains("sorted", Assert.Throws<ArgumentException>(() => unsorted.Fit<double>(table)).Message);
        Assert.Contains("holds text", Assert.Throws<ArgumentException>(() => m.Transform(CategoricalTable.FromStrings(new[,] { { "a", "b" } }))).Message);
    }

    [Fact]
    public void FloatModelsOfTextTablesMatchDouble()
    {
        var encoder = new OneHotEncoder(HandleUnknown: UnknownCategoryHandling.InfrequentIfExist, MinFrequency: 4);
        var d = encoder.Fit<double>(Train).Transform(New);
        var f = encoder.Fit<float>(Train).Transform(New);
        Assert.Equal(d.ToArray(), f.Cast<double>().ToArray());
        var o = new OrdinalEncoder(UnknownAsValue: true, UnknownValue: -1);
        SameWithNaN(o.Fit<double>(Train).Transform(New), o.Fit<float>(Train).Transform(New).Cast<double>());
    }

    [Fact]
    public void BadOptionsAndInputsFailClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotEncoder(MinFrequency: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotEncoder(MinFrequency: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotEncoder(MaxCategories: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneHotEncoder(Drop: (OneHotDrop)7));
        Assert.Throws<ArgumentException>(() => new OneHotEncoder(Drop: OneHotDrop.Given));
        var one = CategoricalTable.FromColumns(CategoricalColumn.Of([5.0]));
        Assert.Contains("not found in the training data", Assert.Throws<ArgumentException>(() => new OneHotEncoder(Drop: OneHotDrop.Given, DropValues: one).Fit(Tensor.FromArray([1.0, 2], 2, 1))).Message);
        var rare = CategoricalTable.FromColumns(CategoricalColumn.Of([2.0]));
        Assert.Contains("because it is infrequent", Assert.Throws<ArgumentException>(() => new OneHotEncoder(Drop: OneHotDrop.Given, DropValues: rare, MinFrequency: 2).Fit(Tensor.FromArray([1.0, 1, 2], 3, 1))).Message);
        var m = new OneHotEncoder().Fit(Tensor.FromArray([1.0, 2, 1], 3, 1));
        Assert.Contains("row 0", Assert.Throws<ArgumentException>(() => m.InverseTransform(Tensor.Zeros<double>(1, 2))).Message);
        Assert.Throws<ArgumentException>(() => m.Transform(Tensor.FromArray([double.PositiveInfinity], 1, 1)));
        Assert.Throws<ArgumentException>(() => m.InverseTransform(Tensor.Zeros<double>(1, 3)));
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        // The conformance data are continuous floats: each value is its own category (40 per column), and the one-hot
        // code of a training row inverts to exactly that float.
        var checks = EstimatorConformance.CheckTransformer(new OneHotEncoder(), OneHotEncoderModel<double>.Load, OneHotEncoderModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        EstimatorConformance.CheckTransformer(new OneHotEncoder(Drop: OneHotDrop.First, HandleUnknown: UnknownCategoryHandling.Ignore), OneHotEncoderModel<double>.Load, OneHotEncoderModel<float>.Load);
        EstimatorConformance.CheckTransformer(new OneHotEncoder(HandleUnknown: UnknownCategoryHandling.InfrequentIfExist, MaxCategories: 50), OneHotEncoderModel<double>.Load, OneHotEncoderModel<float>.Load);
    }
}
