using System.Text.Json;
using Scratch.ML;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>Exact fold indices of every non-shuffled splitter against scikit-learn 1.2 (tests/reference/sklearn_selection.py).</summary>
public class SplitterFixtureTests
{
    // Fold R² goes through a least-squares solve on both sides (LAPACK vs ours): agreement to ~1e-10, as the other sklearn tests.
    private static readonly Tolerance VsSklearn = new("Float64VsSklearn", 1e-10, 1e-10);

    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "selection", "selection.json"))).RootElement;

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static int? OptInt(JsonElement c, string name) => c.GetProperty(name).ValueKind == JsonValueKind.Null ? null : c.GetProperty(name).GetInt32();

    private static IEnumerable<JsonElement> Cases(string kind) =>
        Root.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == kind);

    private static int Check(string kind, Func<JsonElement, ISplitter> make, bool labels = false, bool groups = false)
    {
        int count = 0;
        foreach (var c in Cases(kind))
        {
            int n = c.GetProperty("n").GetInt32();
            var y = labels ? Ints(c.GetProperty("labels")) : [];
            var g = groups ? Ints(c.GetProperty("groups")) : [];
            var actual = make(c).Split(n, y, g);
            var expected = c.GetProperty("folds").EnumerateArray().ToArray();
            Assert.Equal(expected.Length, actual.Count);
            for (int f = 0; f < expected.Length; f++)
            {
                Assert.Equal(Ints(expected[f].GetProperty("train")), actual[f].Train);
                Assert.Equal(Ints(expected[f].GetProperty("test")), actual[f].Test);
            }
            count++;
        }
        return count;
    }

    [Fact]
    public void KFoldMatchesSklearn() => Assert.Equal(5, Check("KFold", c => new KFold(c.GetProperty("n_splits").GetInt32())));

    [Fact]
    public void StratifiedKFoldMatchesSklearn() =>
        Assert.Equal(6, Check("StratifiedKFold", c => new StratifiedKFold(c.GetProperty("n_splits").GetInt32()), labels: true));

    [Fact]
    public void GroupKFoldMatchesSklearn() =>
        Assert.Equal(7, Check("GroupKFold", c => new GroupKFold(c.GetProperty("n_splits").GetInt32()), groups: true));

    [Fact]
    public void LeaveOneOutMatchesSklearn() => Assert.Equal(1, Check("LeaveOneOut", _ => new LeaveOneOut()));

    [Fact]
    public void TimeSeriesSplitMatchesSklearn() => Assert.Equal(5, Check("TimeSeriesSplit", c => new TimeSeriesSplit(
        c.GetProperty("n_splits").GetInt32(), OptInt(c, "max_train_size"), OptInt(c, "test_size"), c.GetProperty("gap").GetInt32())));

    [Fact]
    public void TrainTestSplitSizesMatchSklearn()
    {
        static SplitSize? Size(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null
            : e.GetRawText().Contains('.') ? SplitSize.Fraction(e.GetDouble()) : SplitSize.Count(e.GetInt32());
        int count = 0;
        foreach (var c in Root.GetProperty("train_test_sizes").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32();
            var (train, test) = TrainTestSplit.Indices(n, Size(c.GetProperty("test_size")), Size(c.GetProperty("train_size")), seed: 3);
            Assert.Equal(c.GetProperty("n_train").GetInt32(), train.Length);
            Assert.Equal(c.GetProperty("n_test").GetInt32(), test.Length);
            Assert.Empty(train.Intersect(test));
            Assert.All(train.Concat(test), i => Assert.InRange(i, 0, n - 1));
            count++;
        }
        Assert.Equal(7, count);
    }

    [Fact]
    public void StratifiedTrainTestSplitClassCountsMatchSklearn()
    {
        int count = 0;
        foreach (var c in Root.GetProperty("stratified_sizes").EnumerateArray())
        {
            var counts = Ints(c.GetProperty("counts"));
            var y = counts.SelectMany((k, label) => Enumerable.Repeat(label, k)).ToArray();
            var t = c.GetProperty("test_size");
            SplitSize size = t.GetRawText().Contains('.') ? SplitSize.Fraction(t.GetDouble()) : SplitSize.Count(t.GetInt32());
            var (train, test) = TrainTestSplit.Indices(y.Length, size, seed: 11, stratify: y);
            Assert.Equal(Ints(c.GetProperty("test_per_class")), counts.Select((_, label) => test.Count(i => y[i] == label)));
            Assert.Equal(Ints(c.GetProperty("train_per_class")), counts.Select((_, label) => train.Count(i => y[i] == label)));
            Assert.Equal(Enumerable.Range(0, y.Length), train.Concat(test).Order());
            count++;
        }
        Assert.Equal(4, count);
    }

    private static Tensor<double> Matrix(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return Tensor.FromArray(rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);
    }

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void CrossValidateMatchesSklearnCrossValScore()
    {
        var c = Root.GetProperty("cross_val");
        var yr = Doubles(c.GetProperty("yr"));
        var r2 = CrossValidation.CrossValidate(new LinearRegression(), Matrix(c.GetProperty("xr")), Tensor.FromArray(yr, yr.Length),
            new KFold(4), cancellationToken: TestContext.Current.CancellationToken).TestScores[CrossValidation.R2Name];
        var expectedR2 = Doubles(c.GetProperty("r2_kfold4"));
        Assert.Equal(expectedR2.Length, r2.Length);
        for (int f = 0; f < r2.Length; f++) Assert.True(VsSklearn.IsClose(r2[f], expectedR2[f]), $"fold {f}: R² {r2[f]} vs sklearn {expectedR2[f]}");
        var acc = CrossValidation.CrossValidate(new GaussianNB(), Matrix(c.GetProperty("xc")), Ints(c.GetProperty("yc")),
            new StratifiedKFold(3), cancellationToken: TestContext.Current.CancellationToken).TestScores[CrossValidation.AccuracyName];
        Assert.Equal(Doubles(c.GetProperty("acc_stratified3")), acc);
    }
}
