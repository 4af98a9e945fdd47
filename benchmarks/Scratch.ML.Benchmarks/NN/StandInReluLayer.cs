using Scratch.ML.NN;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>STAND-IN (benchmark-local, replaced by the nn-layers area's ReLU layer once merged): <c>y = max(x, 0)</c>.</summary>
internal sealed class StandInReluLayer : Layer<float>
{
    public override Tensor<float> Forward(Tensor<float> input) => input.Relu();
}
