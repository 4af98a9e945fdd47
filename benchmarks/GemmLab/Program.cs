// GemmLab: the kernel versions tried on the way to Cpu/Gemm, each validated against the reference and then timed.
// Usage: dotnet run -c Release --project benchmarks/GemmLab -- [version] [n] [threads]
Console.WriteLine("GemmLab: no kernel versions registered yet.");
