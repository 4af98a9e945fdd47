using Scratch.ML.Samples.Trees;
using Xunit;

namespace Scratch.ML.Tests.Learn.Samples;

/// <summary>The tree-ensembles sample (forest vs boosting by CV → held-out score → TreeSHAP and PDP plots) runs and gives its documented results.</summary>
public sealed class TreesSampleTests
{
    [Fact]
    public void TreesTourRunsEndToEnd()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "scratchml-trees-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new StringWriter();
            var result = TreesTour.Run(outDir, log, TestContext.Current.CancellationToken);
            Assert.InRange(result.ForestCvAuc, 0.97, 1.0);
            Assert.InRange(result.BoostingCvAuc, 0.97, 1.0);
            Assert.Equal(result.ForestCvAuc >= result.BoostingCvAuc ? "random forest" : "histogram gradient boosting", result.Winner);
            Assert.InRange(result.TestAccuracy, 0.92, 1.0);
            Assert.InRange(result.TestAuc, 0.97, 1.0);
            Assert.InRange(result.MaxShapReconstructionError, 0, 1e-9);
            Assert.Equal(5, result.TopFeatures.Count);
            foreach (var file in new[] { "shap-bar.svg", "shap-beeswarm.svg" })
                Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(outDir, file)).TrimStart());
            Assert.Equal(2, Directory.GetFiles(outDir, "pdp-*.svg").Length);
            Assert.Contains("Winner by CV AUC", log.ToString());
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }
}
