using System.Globalization;

// The runtime calls StartupHook.Initialize() (a type outside any namespace, by contract) before the program's Main.
#pragma warning disable CA1050 // the startup-hook contract needs the global namespace

/// <summary>
/// Loaded by <c>DOTNET_STARTUP_HOOKS</c>: records every type load and JIT compilation of the process from the start
/// (<see cref="LoadRecorder"/>) and, <c>TYPELOADS_SECONDS</c> seconds later (30 by default), writes the summary to
/// <c>TYPELOADS_OUT</c> (default /tmp/typeloads-PID.txt) and the type names in load order beside it (.order).
/// </summary>
internal static class StartupHook
{
    private static LoadRecorder? s_recorder;

    public static void Initialize()
    {
        s_recorder = new LoadRecorder();
        var seconds = int.Parse(Environment.GetEnvironmentVariable("TYPELOADS_SECONDS") ?? "30", CultureInfo.InvariantCulture);
        var output = Environment.GetEnvironmentVariable("TYPELOADS_OUT") ?? $"/tmp/typeloads-{Environment.ProcessId}.txt";
        new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            s_recorder.Write(output);
        })
        { IsBackground = true, Name = "typeloads" }.Start();
    }
}
