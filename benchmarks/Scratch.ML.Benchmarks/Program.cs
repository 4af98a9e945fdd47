using BenchmarkDotNet.Running;
using Scratch.ML.Benchmarks.Peers;

// Two modes:
//   dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- [BenchmarkDotNet args, e.g. --filter *Gemm*]
//   dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- peers [group-or-name-filter...]
if (args.Length > 0 && args[0] == "peers")
    return PeerRunner.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(PeerRunner).Assembly).Run(args);
return 0;
