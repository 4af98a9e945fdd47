using Scratch.ML.Samples.Workflow;

// dotnet run -c Release --project samples/Scratch.ML.Samples.Workflow [output-directory]
string outDir = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "workflow-output");
string csv = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
var result = Workflow.Run(csv, outDir, Console.Out);
return result.ReloadedIdentical ? 0 : 1;
