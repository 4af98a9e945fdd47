using Scratch.ML.Learn.Trees;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>Placeholder until the shared CART grower lands: a one-leaf tree holding the weighted class distribution or mean.</summary>
internal static class ForestStubGrower
{
    /// <summary>A root-only tree.</summary>
    public static TreeStructure Grow(TreeFeatures x, TreeTargets y, double[]? w, TreeGrowthOptions options, Generator rng, CancellationToken ct)
    {
        _ = options;
        _ = rng;
        ct.ThrowIfCancellationRequested();
        int n = x.Samples, width = y.ValueWidth;
        var value = new double[width];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double wi = w?[i] ?? 1;
            total += wi;
            if (y.IsClassification) value[(int)y.Values[i]] += wi;
            else for (int j = 0; j < y.Outputs; j++) value[j] += wi * y.Values[i * y.Outputs + j];
        }
        for (int j = 0; j < width; j++) value[j] /= total;
        return new TreeStructure(x.Features, width, [-1], [-1], [-2], [-2], [false], [0], [n], [total], value);
    }
}
