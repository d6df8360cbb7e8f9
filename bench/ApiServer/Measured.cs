using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Bench;

/// <summary>
/// A <see cref="Measurement"/> with what it cost the process: CPU time (user + sys, all threads) per operation, which
/// moves far less with the machine's load than the rate does, and the JIT's work during it, which should be ~0 at
/// steady state (see <see cref="WarmUp"/>).
/// </summary>
internal sealed record Measured(Measurement Measurement, double CpuMicrosPerOperation, WarmUp.Jit Jit)
{
    public string Cost => string.Create(CultureInfo.InvariantCulture, $"{CpuMicrosPerOperation:F0} µs CPU, {Jit}");

    public static async Task<Measured> RunAsync(string subject, int concurrency, int total, Func<int, Task> operation)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var jit = WarmUp.Jit.Now();
        var measurement = await Measurement.RunAsync(subject, concurrency, total, operation);
        process.Refresh();
        return new Measured(measurement, (process.TotalProcessorTime - cpu).TotalMicroseconds / total, WarmUp.Jit.Now().Since(jit));
    }
}
