using Scratch.ML.Learn;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Preprocessing.EncoderFixture;

namespace Scratch.ML.Tests.Learn.Preprocessing;

/// <summary>OrdinalEncoder and LabelEncoder against scikit-learn 1.2 (exact: codes are integers) and the conformance suite.</summary>
public class OrdinalEncoderTests
{
    private static OrdinalEncoder Options(int index) => index switch
    {
        0 => new OrdinalEncoder(),
        1 => new OrdinalEncoder(UnknownAsValue: true, UnknownValue: -1),
        _ => new OrdinalEncoder(UnknownAsValue: true, UnknownValue: double.NaN, EncodedMissingValue: -2),
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MatchesSklearnOnMixedTextAndNumbers(int index)
    {
        var c = Root.GetProperty("ordinal")[index];
        var m = Options(index).Fit<double>(Train);
        var z = m.Transform(Train);
        SameWithNaN(Matrix(c.GetProperty("transform")), z);
        SameTable(c.GetProperty("inverse"), m.InverseTransformTable(z));
        if (c.TryGetProperty("transform_new", out var tn))
        {
            var zn = m.Transform(New);
            SameWithNaN(Matrix(tn), zn);
            SameTable(c.GetProperty("inverse_new"), m.InverseTransformTable(zn));
        }
        else Assert.Contains("unknown category", Assert.Throws<ArgumentException>(() => m.Transform(New)).Message);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        SameWithNaN(z, OrdinalEncoderModel<double>.Load(s).Transform(Train));
    }

    [Fact]
    public void CollidingCodesAreRejected()
    {
        var x = Tensor.FromArray([1.0, 2, double.NaN, 3], 4, 1);
        Assert.Contains("UnknownValue 1", Assert.Throws<ArgumentException>(() => new OrdinalEncoder(UnknownAsValue: true, UnknownValue: 1).Fit(x)).Message);
        Assert.Contains("EncodedMissingValue 3", Assert.Throws<ArgumentException>(() => new OrdinalEncoder(EncodedMissingValue: 3).Fit(x)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrdinalEncoder(UnknownValue: 0.5));
        var m = new OrdinalEncoder(EncodedMissingValue: 4).Fit(x);
        Assert.Equal([0.0, 1, 4, 2], m.Transform(x).ToArray());
        SameWithNaN(x, m.InverseTransform(m.Transform(x)));
        Assert.Contains("not a code", Assert.Throws<ArgumentException>(() => m.InverseTransform(Tensor.FromArray([7.0], 1, 1))).Message);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        var checks = EstimatorConformance.CheckTransformer(new OrdinalEncoder(), OrdinalEncoderModel<double>.Load, OrdinalEncoderModel<float>.Load);
        Assert.Contains("inverse transform undoes transform", checks);
        EstimatorConformance.CheckTransformer(new OrdinalEncoder(UnknownAsValue: true, UnknownValue: -1), OrdinalEncoderModel<double>.Load, OrdinalEncoderModel<float>.Load);
    }

    [Fact]
    public void LabelEncoderMatchesSklearn()
    {
        var f = Root.GetProperty("label");
        var (m, codes) = new LabelEncoder().FitTransform(Strings(f.GetProperty("strings")));
        Assert.Equal(Strings(f.GetProperty("string_classes")), m.Classes.Strings);
        Assert.Equal(f.GetProperty("string_codes").EnumerateArray().Select(v => v.GetInt32()), codes);
        Assert.Equal(Strings(f.GetProperty("strings")), m.InverseTransform(codes).Strings);
        var ints = f.GetProperty("ints").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var mi = new LabelEncoder().Fit(ints);
        Assert.Equal(f.GetProperty("int_classes").EnumerateArray().Select(v => v.GetInt32()), mi.Classes.Ints);
        Assert.Equal(f.GetProperty("int_codes").EnumerateArray().Select(v => v.GetInt32()), mi.Transform(ints));
        Assert.Contains("not one of the 4 classes", Assert.Throws<ArgumentException>(() => mi.Transform(new[] { 5 })).Message);
        Assert.Throws<ArgumentException>(() => mi.Transform(new[] { "a" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => mi.InverseTransform([4]));
        Assert.Throws<ArgumentException>(() => new LabelEncoder().Fit(Array.Empty<int>()));
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        Assert.Equal(m.Classes.Strings, LabelEncoderModel.Load(s).Classes.Strings);
    }
}
