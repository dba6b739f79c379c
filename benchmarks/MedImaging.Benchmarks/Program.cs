using MedImaging.Benchmarks.Resampling;

if (args.Length > 0 && args[0] == "scaling")
{
    ThreadScaling.Run(args[1..]);
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
