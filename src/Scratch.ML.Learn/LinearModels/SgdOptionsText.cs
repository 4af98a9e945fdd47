using System.Globalization;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The SGD options as one model-file metadata string (semicolon-separated, round-trip exact).</summary>
internal static class SgdOptionsText
{
    internal sealed record Parsed(string Loss, SgdPenalty Penalty, double Alpha, double L1Ratio, bool FitIntercept, int MaxIter, double? Tol,
        bool Shuffle, ulong Seed, double Epsilon, SgdLearningRate LearningRate, double Eta0, double PowerT, int NIterNoChange);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Write(string loss, SgdPenalty penalty, double alpha, double l1Ratio, bool fitIntercept, int maxIter, double? tol,
        bool shuffle, ulong seed, double epsilon, SgdLearningRate learningRate, double eta0, double powerT, int nIterNoChange)
        => string.Join(";", loss, penalty, F(alpha), F(l1Ratio), fitIntercept, maxIter.ToString(CultureInfo.InvariantCulture), tol is { } t ? F(t) : "",
            shuffle, seed.ToString(CultureInfo.InvariantCulture), F(epsilon), learningRate, F(eta0), F(powerT), nIterNoChange.ToString(CultureInfo.InvariantCulture));

    public static Parsed Read(string kind, string text)
    {
        var p = text.Split(';');
        if (p.Length != 14) throw new InvalidDataException($"{kind}: options metadata has {p.Length} fields, expected 14.");
        try
        {
            double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            return new Parsed(p[0], Enum.Parse<SgdPenalty>(p[1]), D(p[2]), D(p[3]), bool.Parse(p[4]), int.Parse(p[5], CultureInfo.InvariantCulture),
                p[6].Length == 0 ? null : D(p[6]), bool.Parse(p[7]), ulong.Parse(p[8], CultureInfo.InvariantCulture), D(p[9]),
                Enum.Parse<SgdLearningRate>(p[10]), D(p[11]), D(p[12]), int.Parse(p[13], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"{kind}: malformed options metadata \"{text}\".", e);
        }
    }
}
