using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Bench;

/// <summary>
/// Hostile bodies against their benign twins of the same size, in one run on one server: how much
/// more an attacker's request costs than an honest one (issue "Hardening": 40,000 unknown keys took
/// 29 s, a 456-byte alias bomb 5.8 GB). Each pair is timed alternately; the median of each is kept.
/// </summary>
internal static class HostileBench
{
    private const int Rounds = 7;

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-hostile-").FullName;
        try
        {
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
            var keys = Enumerable.Range(0, 40_000).Select(i => $"\"k{i:D5}\":\"v\"").ToArray();
            var pairs = new (string Name, string Type, Func<int, string> Hostile, string Baseline, Func<int, string> Benign)[]
            {
                ("40,000 unknown top-level keys (JSON)", "application/json",
                    n => $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"u{n}\"}},{string.Join(",", keys)}}}",
                    "40,000 data keys", n => $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"d{n}\"}},\"data\":{{{string.Join(",", keys)}}}}}"),
                ("billion laughs, 9 levels x 9 aliases (YAML)", "application/yaml",
                    _ => Laughs(9), "a 9-key ConfigMap of the same size", n => $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: l{n}}}\ndata: {{{string.Join(", ", Enumerable.Range(0, 9).Select(i => $"k{i}: '{new string('x', 40)}'"))}}}\n"),
                ("10,000-deep JSON in an unknown field", "application/json",
                    n => $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"deep{n}\"}},\"x\":{new string('[', 9_990)}{new string(']', 9_990)}}}",
                    "a flat body of the same size", n => $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"flat{n}\"}},\"data\":{{\"k\":\"{new string('x', 19_980)}\"}}}}"),
            };

            Console.WriteLine($"# Hostile-input benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine("| hostile body | answer | median ms | benign twin | median ms | ratio |");
            Console.WriteLine("|---|---|---:|---|---:|---:|");
            var round = 0;
            foreach (var (name, type, hostile, baseline, benign) in pairs)
            {
                var bad = new List<double>();
                var good = new List<double>();
                var code = 0;
                for (var i = 0; i < Rounds; i++)
                {
                    (code, var badMs) = await PostAsync(http, type, hostile(round));
                    bad.Add(badMs);
                    good.Add((await PostAsync(http, type, benign(round))).Milliseconds);
                    round++;
                }

                var (b, g) = (Median(bad), Median(good));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {code} | {b:F1} | {baseline} | {g:F1} | {b / g:F2}x |"));
            }

            var rss = Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024);
            Console.WriteLine();
            Console.WriteLine($"resident memory of the benchmark process (server included) at the end: {rss} MiB");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int Code, double Milliseconds)> PostAsync(HttpClient http, string type, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/v1/namespaces/default/configmaps", content);
        _ = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, clock.Elapsed.TotalMilliseconds);
    }

    private static string Laughs(int levels)
    {
        var yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 1; level < levels; level++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"a{level}: &a{level} [").AppendJoin(",", Enumerable.Repeat($"*a{level - 1}", 9)).Append("]\n");
        }

        return yaml.ToString();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
