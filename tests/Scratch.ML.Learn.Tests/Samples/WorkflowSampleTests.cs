using Scratch.ML.Samples.Workflow;
using Xunit;

namespace Scratch.ML.Tests.Learn.Samples;

/// <summary>The workflow sample (CSV → pipeline → grid search → report → ROC → save/load) runs and gives its documented results.</summary>
public sealed class WorkflowSampleTests
{
    [Fact]
    public void WorkflowRunsEndToEnd()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "scratchml-workflow-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new StringWriter();
            var csv = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
            var result = Workflow.Run(csv, outDir, log, TestContext.Current.CancellationToken);
            Assert.Equal(0.1, result.BestParameters["logreg.C"]);
            Assert.InRange(result.BestCvAuc, 0.99, 1.0);
            Assert.InRange(result.TestAccuracy, 0.95, 1.0);
            Assert.InRange(result.TestAuc, 0.99, 1.0);
            Assert.True(result.ReloadedIdentical);
            Assert.Contains("malignant", result.Report);
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(outDir, "roc.svg")).TrimStart());
            Assert.True(File.Exists(Path.Combine(outDir, "breast-cancer-pipeline.safetensors")));
            Assert.Contains("Best: logreg.C = 0.1", log.ToString());
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }
}
