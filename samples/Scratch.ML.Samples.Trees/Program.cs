using Scratch.ML.Samples.Trees;

// dotnet run -c Release --project samples/Scratch.ML.Samples.Trees [output-directory]
string outDir = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "trees-output");
var result = TreesTour.Run(outDir, Console.Out);
return result.MaxShapReconstructionError < 1e-9 ? 0 : 1;
