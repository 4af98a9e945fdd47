namespace Scratch.ML.Learn.Metrics;

/// <summary>Conversions of tensor arguments for the metric overloads.</summary>
internal static class TensorArgs
{
    /// <summary>The elements of a rank-1 tensor.</summary>
    public static T[] Vector<T>(Tensor<T>? t, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(t, name);
        if (t.Rank != 1) throw new ArgumentException($"{name} must be a vector (rank 1), got rank {t.Rank}.", name);
        return t.ToArray();
    }

    /// <summary>The optional weights (null → empty).</summary>
    public static double[] Weights(Tensor<double>? t) => t is null ? [] : Vector(t, "sampleWeight");

    /// <summary>A rank-2 tensor as a 2-d array.</summary>
    public static double[,] Matrix(Tensor<double>? t, string name)
    {
        ArgumentNullException.ThrowIfNull(t, name);
        if (t.Rank != 2) throw new ArgumentException($"{name} must be a matrix (rank 2), got rank {t.Rank}.", name);
        var flat = t.ToArray();
        int r = t.Shape[0], c = t.Shape[1];
        var m = new double[r, c];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    /// <summary>A 2-d array as an (R, C) tensor.</summary>
    public static Tensor<double> ToTensor(double[,] m) => Tensor.FromArray(m);
}

public static partial class ClassificationMetrics
{
    /// <summary>Tensor form of <see cref="Accuracy{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, ReadOnlySpan{double})"/>: label vectors (n), optional weight vector (n).</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double Accuracy<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>
        => Accuracy<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="BalancedAccuracy{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, ReadOnlySpan{double}, bool)"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double BalancedAccuracy<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, Tensor<double>? sampleWeight = null, bool adjusted = false)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => BalancedAccuracy<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight), adjusted);

    /// <summary>Tensor form of <see cref="ConfusionMatrix{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, TLabel[], ReadOnlySpan{double}, ConfusionNormalize)"/>, returning an (L, L) tensor.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static Tensor<double> ConfusionMatrix<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, TLabel[]? labels = null,
        Tensor<double>? sampleWeight = null, ConfusionNormalize normalize = ConfusionNormalize.None)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => TensorArgs.ToTensor(ConfusionMatrix<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), labels,
            TensorArgs.Weights(sampleWeight), normalize));

    /// <summary>Tensor form of <see cref="MatthewsCorrcoef{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double MatthewsCorrcoef<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => MatthewsCorrcoef<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of the (n, L) <see cref="LogLoss{TLabel}(ReadOnlySpan{TLabel}, double[,], TLabel[], ReadOnlySpan{double}, bool, double)"/>.</summary>
    /// <exception cref="ArgumentException">yTrue not rank 1, proba not rank 2, or the checks of the array overload.</exception>
    public static double LogLoss<TLabel>(Tensor<TLabel> yTrue, Tensor<double> proba, TLabel[]? labels = null, Tensor<double>? sampleWeight = null,
        bool normalize = true, double eps = MachineEpsilon)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => LogLoss<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Matrix(proba, nameof(proba)), labels, TensorArgs.Weights(sampleWeight), normalize, eps);

    /// <summary>Tensor form of <see cref="TopKAccuracy{TLabel}(ReadOnlySpan{TLabel}, double[,], int, TLabel[], ReadOnlySpan{double}, bool)"/>.</summary>
    /// <exception cref="ArgumentException">yTrue not rank 1, scores not rank 2, or the checks of the array overload.</exception>
    public static double TopKAccuracy<TLabel>(Tensor<TLabel> yTrue, Tensor<double> scores, int k = 2, TLabel[]? labels = null, Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => TopKAccuracy<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Matrix(scores, nameof(scores)), k, labels, TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of the binary <see cref="RocAuc{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double RocAuc<TLabel>(Tensor<TLabel> yTrue, Tensor<double> score, Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => RocAuc<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(score, nameof(score)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="RocAucOvr{TLabel}(ReadOnlySpan{TLabel}, double[,], Average, TLabel[], ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">yTrue not rank 1, proba not rank 2, or the checks of the array overload.</exception>
    public static double RocAucOvr<TLabel>(Tensor<TLabel> yTrue, Tensor<double> proba, Average average = Average.Macro, TLabel[]? labels = null,
        Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => RocAucOvr<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Matrix(proba, nameof(proba)), average, labels, TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of the averaged <see cref="F1{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, Average, TLabel[], ReadOnlySpan{double}, double)"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double F1<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, Average average, TLabel[]? labels = null,
        Tensor<double>? sampleWeight = null, double zeroDivision = 0)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => F1<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), average, labels, TensorArgs.Weights(sampleWeight), zeroDivision);

    /// <summary>Tensor form of the averaged <see cref="Precision{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, Average, TLabel[], ReadOnlySpan{double}, double)"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double Precision<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, Average average, TLabel[]? labels = null,
        Tensor<double>? sampleWeight = null, double zeroDivision = 0)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => Precision<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), average, labels, TensorArgs.Weights(sampleWeight), zeroDivision);

    /// <summary>Tensor form of the averaged <see cref="Recall{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, Average, TLabel[], ReadOnlySpan{double}, double)"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double Recall<TLabel>(Tensor<TLabel> yTrue, Tensor<TLabel> yPred, Average average, TLabel[]? labels = null,
        Tensor<double>? sampleWeight = null, double zeroDivision = 0)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => Recall<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), average, labels, TensorArgs.Weights(sampleWeight), zeroDivision);

    /// <summary>Tensor form of <see cref="CohenKappa{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{TLabel}, KappaWeights, TLabel[], ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double CohenKappa<TLabel>(Tensor<TLabel> y1, Tensor<TLabel> y2, KappaWeights weights = KappaWeights.None, TLabel[]? labels = null,
        Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => CohenKappa<TLabel>(TensorArgs.Vector(y1, nameof(y1)), TensorArgs.Vector(y2, nameof(y2)), weights, labels, TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="RocCurve{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double}, bool)"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static RocCurveResult RocCurve<TLabel>(Tensor<TLabel> yTrue, Tensor<double> score, TLabel posLabel, Tensor<double>? sampleWeight = null,
        bool dropIntermediate = true)
        where TLabel : unmanaged, IEquatable<TLabel>
        => RocCurve<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(score, nameof(score)), posLabel, TensorArgs.Weights(sampleWeight), dropIntermediate);

    /// <summary>Tensor form of <see cref="PrecisionRecallCurve{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static PrecisionRecallCurveResult PrecisionRecallCurve<TLabel>(Tensor<TLabel> yTrue, Tensor<double> score, TLabel posLabel,
        Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>
        => PrecisionRecallCurve<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(score, nameof(score)), posLabel, TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="AveragePrecision{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double AveragePrecision<TLabel>(Tensor<TLabel> yTrue, Tensor<double> score, TLabel posLabel, Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => AveragePrecision<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(score, nameof(score)), posLabel, TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="BrierScore{TLabel}(ReadOnlySpan{TLabel}, ReadOnlySpan{double}, TLabel, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double BrierScore<TLabel>(Tensor<TLabel> yTrue, Tensor<double> probPositive, TLabel posLabel, Tensor<double>? sampleWeight = null)
        where TLabel : unmanaged, IEquatable<TLabel>, IComparable<TLabel>
        => BrierScore<TLabel>(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(probPositive, nameof(probPositive)), posLabel, TensorArgs.Weights(sampleWeight));
}
