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
}

public static partial class RegressionMetrics
{
    /// <summary>Tensor form of <see cref="MeanAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/> (vectors of length n).</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double MeanAbsoluteError(Tensor<double> yTrue, Tensor<double> yPred, Tensor<double>? sampleWeight = null)
        => MeanAbsoluteError(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="MeanSquaredError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double MeanSquaredError(Tensor<double> yTrue, Tensor<double> yPred, Tensor<double>? sampleWeight = null)
        => MeanSquaredError(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="RootMeanSquaredError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double RootMeanSquaredError(Tensor<double> yTrue, Tensor<double> yPred, Tensor<double>? sampleWeight = null)
        => RootMeanSquaredError(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of R²: a vector pair gives <see cref="R2(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>; (n, K) matrices give the <paramref name="multiOutput"/> average.</summary>
    /// <exception cref="ArgumentException">Ranks other than 1 or 2, mismatched ranks, or the checks of the span/array overloads.</exception>
    public static double R2(Tensor<double> yTrue, Tensor<double> yPred, MultiOutput multiOutput = MultiOutput.UniformAverage, Tensor<double>? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yTrue.Rank == 1) return R2(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));
        return R2(TensorArgs.Matrix(yTrue, nameof(yTrue)), TensorArgs.Matrix(yPred, nameof(yPred)), multiOutput, TensorArgs.Weights(sampleWeight));
    }
}
