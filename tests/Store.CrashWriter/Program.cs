using System.Globalization;
using System.Text;
using Orchestrator.Store;

// Usage: Orchestrator.Store.CrashWriter <database path> <run id> [writers]
// Prints "ack <key> <value> ." once the store acknowledged the write; the trailing dot marks a
// complete line, so the killer never trusts a line cut off by the kill.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Orchestrator.Store.CrashWriter <database path> <run id> [writers]");
    return 2;
}

var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var runId = args[1];
await using var store = StoreFactory.Open("sqlite://" + args[0]);
var output = Console.Out;
var gate = new Lock();

void Acknowledge(string key, string value)
{
    lock (gate)
    {
        output.Write($"ack {key} {value} .\n");
        output.Flush();
    }
}

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    var counterKey = $"/crash/{runId}/counter/{w}";
    var counter = await store.CreateAsync(counterKey, Encoding.UTF8.GetBytes("0"));
    Acknowledge(counterKey, "0");
    for (var i = 0; ; i++)
    {
        var key = $"/crash/{runId}/keys/{w}/{i}";
        await store.CreateAsync(key, Encoding.UTF8.GetBytes(key));
        Acknowledge(key, key);

        var next = (i + 1).ToString(CultureInfo.InvariantCulture);
        counter = await store.UpdateAsync(counterKey, Encoding.UTF8.GetBytes(next), counter.ModRevision);
        Acknowledge(counterKey, next);
    }
})));
return 0;
