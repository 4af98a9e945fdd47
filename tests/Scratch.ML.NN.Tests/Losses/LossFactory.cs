using System.Numerics;
using Scratch.ML.NN;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>
/// Builds our loss for a PyTorch fixture case: a function from the floating-point tensors (by fixture name) to the loss.
/// Index tensors (int64) are captured as constants.
/// </summary>
public static class LossFactory
{
    public static Func<IReadOnlyDictionary<string, Tensor<T>>, Tensor<T>> Build<T>(LossCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var o = c;
        Tensor<T>? W(IReadOnlyDictionary<string, Tensor<T>> t, string key = "weight") => t.TryGetValue(key, out var w) ? w : null;
        Tensor<long> Labels() => c.Tensors["target"].AsLong();
        switch (c.Name)
        {
            case "mse": return t => new MseLoss<T>(o.Reduction).Forward(t["input"], t["target"]);
            case "l1": return t => new L1Loss<T>(o.Reduction).Forward(t["input"], t["target"]);
            case "smooth_l1": return t => new SmoothL1Loss<T>(o.Reduction, o.Num("beta", 1)).Forward(t["input"], t["target"]);
            case "huber": return t => new HuberLoss<T>(o.Reduction, o.Num("delta", 1)).Forward(t["input"], t["target"]);
            case "bce": return t => new BceLoss<T>(W(t), o.Reduction).Forward(t["input"], t["target"]);
            case "bce_with_logits": return t => new BceWithLogitsLoss<T>(W(t), o.Reduction, W(t, "pos_weight")).Forward(t["input"], t["target"]);
            case "sigmoid_focal": return t => new SigmoidFocalLoss<T>(o.Num("alpha", 0.25), o.Num("gamma", 2), o.Reduction).Forward(t["input"], t["target"]);
            case "cross_entropy":
                if (c.Tensors["target"].IsIndex)
                {
                    var labels = Labels();
                    return t => new CrossEntropyLoss<T>(W(t), (long)o.Num("ignore_index", -100), o.Reduction, o.Num("label_smoothing", 0)).Forward(t["input"], labels);
                }
                return t => new CrossEntropyLoss<T>(W(t), -100, o.Reduction, o.Num("label_smoothing", 0)).Forward(t["input"], t["target"]);
            case "nll":
            {
                var labels = Labels();
                return t => new NllLoss<T>(W(t), (long)o.Num("ignore_index", -100), o.Reduction).Forward(t["input"], labels);
            }
            case "kl_div":
            {
                var red = o.ReductionName switch { "mean" => KLDivReduction.Mean, "sum" => KLDivReduction.Sum, "none" => KLDivReduction.None, _ => KLDivReduction.BatchMean };
                return t => new KLDivLoss<T>(red, o.Flag("log_target")).Forward(t["input"], t["target"]);
            }
            case "hinge_embedding": return t => new HingeEmbeddingLoss<T>(o.Num("margin", 1), o.Reduction).Forward(t["input"], t["target"]);
            case "multi_margin":
            {
                var labels = Labels();
                return t => new MultiMarginLoss<T>((int)o.Num("p", 1), o.Num("margin", 1), W(t), o.Reduction).Forward(t["input"], labels);
            }
            case "cosine_embedding": return t => new CosineEmbeddingLoss<T>(o.Num("margin", 0), o.Reduction).Forward(t["input1"], t["input2"], t["target"]);
            case "triplet_margin":
                return t => new TripletMarginLoss<T>(o.Num("margin", 1), o.Num("p", 2), o.Num("eps", 1e-6), o.Flag("swap"), o.Reduction).Forward(t["anchor"], t["positive"], t["negative"]);
            case "poisson_nll": return t => new PoissonNllLoss<T>(o.Flag("log_input"), o.Flag("full"), o.Num("eps", 1e-8), o.Reduction).Forward(t["input"], t["target"]);
            case "gaussian_nll": return t => new GaussianNllLoss<T>(o.Flag("full"), o.Num("eps", 1e-6), o.Reduction).Forward(t["input"], t["target"], t["var"]);
            default: throw new InvalidOperationException($"No loss for fixture case {c.Name}.");
        }
    }
}
