using System.Globalization;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Preprocessing;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Learn.Text;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// Issue 4's scikit-learn workloads on make_classification(110 000 × 50, 10 informative, seed 0): rows 0…n are the training set,
/// the last 10 000 rows the held-out set (and the kNN queries). TF-IDF runs on a synthetic Zipf corpus.
/// </summary>
internal static class LearnWorkloads
{
    private const int Rows = 110_000, Features = 50, Test = 10_000;
    private static readonly Lazy<(Tensor<double> X, int[] Y)> Data = new(() =>
    {
        var (x, y) = Generators.MakeClassification(new Generator(0), nSamples: Rows, nFeatures: Features, nInformative: 10);
        NpyFile.Write("classification_x", x.AsSpan(), Rows, Features);
        NpyFile.Write("classification_y", Array.ConvertAll(y, v => (long)v), Rows);
        return (x, y);
    });

    private static Tensor<double> Train(int n) => Data.Value.X.Narrow(0, 0, n).Contiguous();
    private static int[] TrainLabels(int n) => Data.Value.Y[..n];
    private static Tensor<double> TestX => Data.Value.X.Narrow(0, Rows - Test, Test).Contiguous();
    private static int[] TestY => Data.Value.Y[(Rows - Test)..];

    private static string Acc(double a) => "held-out accuracy " + a.ToString("F4", CultureInfo.InvariantCulture);

    public static IEnumerable<LearnPeerWorkload> All()
    {
        foreach (int n in new[] { 10_000, 100_000 })
        {
            string note = "";
            yield return new LearnPeerWorkload($"logreg fit {n / 1000}k×50", 2, $"logreg_fit {n}", () =>
            {
                var x = Train(n);
                var y = TrainLabels(n);
                var est = new LogisticRegression();
                note = Acc(ClassificationMetrics.Accuracy(TestY, est.Fit(x, y).Predict(TestX).Ints!.ToArray()));
                return () => est.Fit(x, y);
            }, () => note);
        }
        yield return new LearnPeerWorkload("logreg predict_proba 100k×50", 2, "logreg_predict 100000", () =>
        {
            var x = Train(100_000);
            var model = new LogisticRegression().Fit(x, TrainLabels(100_000));
            return () => model.PredictProba(x);
        });
        yield return new LearnPeerWorkload("standard scaler fit+transform 100k×50", 2, "scaler 100000", () =>
        {
            var x = Train(100_000);
            return () => new StandardScaler().Fit(x).Transform(x);
        });
        {
            string note = "";
            yield return new LearnPeerWorkload("knn k=5 predict 10k on 100k×50", 2, "knn 100000", () =>
            {
                var model = new KNeighborsClassifier(5).Fit(Train(100_000), TrainLabels(100_000));
                var q = TestX;
                note = Acc(ClassificationMetrics.Accuracy(TestY, model.Predict(q).Ints!.ToArray()));
                return () => model.Predict(q);
            }, () => note);
        }
        {
            string note = "";
            yield return new LearnPeerWorkload("svc rbf fit 10k×50", 2, "svc_fit 10000", () =>
            {
                var x = Train(10_000);
                var y = TrainLabels(10_000);
                var est = new SVC();
                note = Acc(ClassificationMetrics.Accuracy(TestY, est.Fit(x, y).Predict(TestX).Ints!.ToArray()));
                return () => est.Fit(x, y);
            }, () => note);
        }
        {
            // 100k rows: one fit takes minutes, so the runner times it once (single shot) and the note reports the
            // held-out accuracy of that timed fit.
            SVCModel<double>? last = null;
            yield return new LearnPeerWorkload("svc rbf fit 100k×50", 2, "svc_fit 100000", () =>
            {
                var x = Train(100_000);
                var y = TrainLabels(100_000);
                return () => last = new SVC().Fit(x, y);
            }, () => last is null ? "not fitted" : Acc(ClassificationMetrics.Accuracy(TestY, last.Predict(TestX).Ints!.ToArray())));
        }
        yield return new LearnPeerWorkload("svc rbf predict 10k (fit on 10k×50)", 2, "svc_predict 10000", () =>
        {
            var model = new SVC().Fit(Train(10_000), TrainLabels(10_000));
            var q = TestX;
            return () => model.Predict(q);
        });
        string tfidfNote = "";
        yield return new LearnPeerWorkload("tfidf fit_transform 20k docs", 2, "tfidf", () =>
        {
            var docs = Corpus(20_000, 120, 20_000, seed: 3);
            File.WriteAllLines(Path.Combine(NpyFile.Directory, "corpus.txt"), docs);
            var est = new TfidfVectorizer();
            // sklearn's fit_transform returns a sparse CSR matrix, so ours is timed sparse too; check first that the
            // sparse path equals the dense one exactly on a subset.
            var subset = docs[..500];
            var (model, small) = est.FitTransformSparse(subset);
            if (!small.ToDense().ToArray().AsSpan().SequenceEqual(model.Transform(subset).ToArray()))
                throw new InvalidOperationException("tfidf: the sparse and dense outputs differ.");
            var x = est.FitTransformSparse(docs).Matrix;
            tfidfNote = $"{x.NonZeroCount} stored entries, CSR {x.MemoryBytes / 1e6:F1} MB vs dense {x.DenseMemoryBytes / 1e9:F1} GB";
            return () => est.FitTransformSparse(docs);
        }, () => tfidfNote);
    }

    /// <summary>Documents of ~<paramref name="words"/> words drawn from a Zipf(1.1) vocabulary of <paramref name="vocabulary"/> words.</summary>
    internal static string[] Corpus(int documents, int words, int vocabulary, ulong seed)
    {
        var g = new Generator(seed);
        var cdf = new double[vocabulary];
        double s = 0;
        for (int r = 0; r < vocabulary; r++) cdf[r] = s += 1.0 / Math.Pow(r + 1, 1.1);
        var u = Tensor.Uniform<double>(0, s, g, documents * words).ToArray();
        var docs = new string[documents];
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < documents; i++)
        {
            sb.Clear();
            for (int w = 0; w < words; w++)
            {
                int r = Array.BinarySearch(cdf, u[i * words + w]);
                if (r < 0) r = ~r;
                sb.Append('w').Append(Math.Min(r, vocabulary - 1).ToString(CultureInfo.InvariantCulture)).Append(' ');
            }
            docs[i] = sb.ToString();
        }
        return docs;
    }
}
