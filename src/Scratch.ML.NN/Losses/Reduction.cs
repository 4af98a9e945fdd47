namespace Scratch.ML.NN;

/// <summary>How a loss turns its per-element values into the returned tensor (PyTorch's <c>reduction</c> argument).</summary>
public enum Reduction
{
    /// <summary>The average of the per-element losses (PyTorch's default <c>'mean'</c>); weighted losses divide by the total weight instead (see each loss).</summary>
    Mean,

    /// <summary>The sum of the per-element losses (<c>'sum'</c>).</summary>
    Sum,

    /// <summary>No reduction (<c>'none'</c>): the per-element losses, shaped as each loss documents.</summary>
    None,
}

/// <summary>The reductions of <see cref="KLDivLoss{T}"/>, which adds PyTorch's <c>'batchmean'</c>.</summary>
public enum KLDivReduction
{
    /// <summary>The average over all elements (<c>'mean'</c>, PyTorch's default; note it divides by batch × support size).</summary>
    Mean,

    /// <summary>The sum over all elements (<c>'sum'</c>).</summary>
    Sum,

    /// <summary>No reduction (<c>'none'</c>): the elementwise loss, shaped like the input.</summary>
    None,

    /// <summary>The sum divided by the batch size <c>input.Size(0)</c> (<c>'batchmean'</c>): the true KL divergence per sample.</summary>
    BatchMean,
}
