namespace Scratch.ML.Learn.Metrics;

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

    /// <summary>Tensor form of <see cref="MeanAbsolutePercentageError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double MeanAbsolutePercentageError(Tensor<double> yTrue, Tensor<double> yPred, Tensor<double>? sampleWeight = null)
        => MeanAbsolutePercentageError(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="MedianAbsoluteError(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double MedianAbsoluteError(Tensor<double> yTrue, Tensor<double> yPred, Tensor<double>? sampleWeight = null)
        => MedianAbsoluteError(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="ExplainedVariance(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double ExplainedVariance(Tensor<double> yTrue, Tensor<double> yPred, Tensor<double>? sampleWeight = null)
        => ExplainedVariance(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)), TensorArgs.Weights(sampleWeight));

    /// <summary>Tensor form of <see cref="MaxError(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not rank 1, or the checks of the span overload.</exception>
    public static double MaxError(Tensor<double> yTrue, Tensor<double> yPred)
        => MaxError(TensorArgs.Vector(yTrue, nameof(yTrue)), TensorArgs.Vector(yPred, nameof(yPred)));
}
