using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

/// <summary>
/// The runtime's TypeLoadStop (TypeDiagnostic keyword) and MethodLoadVerbose (JIT keyword) events, counted by
/// namespace (the first three segments; "generic" marks instantiations, keyed by their definition's namespace).
/// </summary>
internal sealed class LoadRecorder : EventListener
{
    private const EventKeywords Jit = (EventKeywords)0x10;
    private const EventKeywords TypeDiagnostic = (EventKeywords)0x8000000000;

    private readonly ConcurrentDictionary<string, int> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Count, long Bytes)> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, Jit | TypeDiagnostic);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "TypeLoadStop" && Field(eventData, "TypeName") is string type)
        {
            _order.Enqueue(type);
            _types.AddOrUpdate(Key(type), 1, (_, n) => n + 1);
        }
        else if (eventData.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) == true && Field(eventData, "MethodNamespace") is string declaring)
        {
            var size = Convert.ToInt64(Field(eventData, "MethodSize") ?? 0, CultureInfo.InvariantCulture);
            _methods.AddOrUpdate(Key(declaring), _ => (1, size), (_, m) => (m.Count + 1, m.Bytes + size));
        }
    }

    public void Write(string path)
    {
        var types = _types.ToArray();
        var methods = _methods.ToArray();
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"types loaded: {types.Sum(t => t.Value)}; methods compiled by the JIT: {methods.Sum(m => m.Value.Count)} ({methods.Sum(m => m.Value.Bytes) / 1024} KiB of code)"));
        writer.WriteLine("types by namespace:");
        foreach (var (key, count) in types.OrderByDescending(t => t.Value).Take(40))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,7}  {key}"));
        }

        writer.WriteLine("JIT-compiled methods by namespace (count, code size):");
        foreach (var (key, (count, bytes)) in methods.OrderByDescending(m => m.Value.Bytes).Take(25))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,7}  {bytes / 1024,6} KiB  {key}"));
        }

        File.WriteAllLines(Path.ChangeExtension(path, ".order"), _order);
    }

    private static object? Field(EventWrittenEventArgs e, string name) =>
        e.PayloadNames?.IndexOf(name) is { } i and >= 0 ? e.Payload?[i] : null;

    /// <summary>"System.Collections.Generic" for List`1&lt;…&gt;, marked generic; the first three segments of the namespace.</summary>
    private static string Key(string name)
    {
        var cut = name.IndexOfAny(['<', '[']);
        var definition = cut >= 0 ? name[..cut] : name;
        var parts = definition.Split('.');
        var key = string.Join('.', parts.Take(Math.Clamp(parts.Length - 1, 1, 3)));
        return cut >= 0 ? "generic " + key : key;
    }
}
