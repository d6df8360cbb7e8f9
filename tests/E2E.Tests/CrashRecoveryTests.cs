using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// kill -9 of the API server while clients are writing loses no acknowledged object: every create
/// answered 201 before the kill is there after a restart on the same data directory.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Every_object_acknowledged_before_kill_9_is_there_after_restart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orchestrator-crash-e2e-").FullName;
        try
        {
            var acknowledged = new ConcurrentBag<string>();
            await using (var server = await OrchestratorProcess.StartAsync(dataDirectory: dataDirectory))
            {
                using var http = server.CreateHttpClient(TimeSpan.FromSeconds(10));
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var name = $"crash-{w}-{i}";
                        try
                        {
                            using var content = new StringContent($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"},"data":{"n":"{{{i}}}"}}""", Encoding.UTF8, "application/json");
                            using var response = await http.PostAsync("/api/v1/namespaces/default/configmaps", content);
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledged.Add(name);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            return; // the server is gone
                        }
                    }
                })).ToArray();

                await Task.Delay(TimeSpan.FromMilliseconds(1500 + Random.Shared.Next(1000)));
                await server.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }

            Assert.NotEmpty(acknowledged);
            await using var restarted = await OrchestratorProcess.StartAsync(dataDirectory: dataDirectory);
            using var client = restarted.CreateHttpClient();
            var list = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/v1/namespaces/default/configmaps"))!;
            var present = list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToHashSet();
            var missing = acknowledged.Where(n => !present.Contains(n)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged objects are missing after kill -9, e.g. {string.Join(", ", missing.Take(5))}");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
