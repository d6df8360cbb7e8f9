using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;
using Orchestrator.Testing;

namespace Orchestrator.Bench;

/// <summary>
/// <c>bench/webhook.sh</c>: the latency one admission webhook adds to ConfigMap creates at 64 clients, in one
/// run on one server: no webhook; one validating webhook with failurePolicy Ignore whose backend fails
/// (answers 500, so the call fails open); one that answers allowed. The webhook is a real HTTPS server in this
/// process with its own CA, called by URL with the caBundle. p50/p99 of each against no webhook.
/// </summary>
internal static class WebhookCreates
{
    private const int Concurrency = 64;

    public static async Task RunAsync(bool quick)
    {
        var creates = quick ? 2_000 : 10_000;
        Console.WriteLine($"# Admission webhook latency on ConfigMap creates — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var calls = new int[2];
        await using var webhook = await HttpsTestServer.StartAsync("bench-webhook-ca", ["bench-webhook", "localhost"], [IPAddress.Loopback], app => MapWebhook(app, calls));
        var port = webhook.Port;
        var bundle = webhook.CaBundle;

        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-webhook-").FullName;
        try
        {
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            await PostAsync(http, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}""");

            // Rounds alternate the three cases so that neither the machine's other load nor the thread pool's
            // growth favours one of them; each case reports its median round.
            var rounds = quick ? 1 : 3;
            var (noneRounds, ignoredRounds, allowedRounds) = (new List<Measurement>(), new List<Measurement>(), new List<Measurement>());
            for (var round = 0; round < rounds; round++)
            {
                var tag = round.ToString(CultureInfo.InvariantCulture);
                noneRounds.Add(await MeasureAsync(http, "ConfigMap creates, no webhook", "a" + tag, creates / rounds, quick));

                await PostAsync(http, Configurations, Configuration("ignore", bundle, port, "/fail", "Ignore"));
                await UntilCalledAsync(http, calls, 0, tag);
                ignoredRounds.Add(await MeasureAsync(http, "ConfigMap creates, one Ignore webhook that fails (500)", "b" + tag, creates / rounds, quick));
                await DeleteAsync(http, Configurations + "/ignore");

                await PostAsync(http, Configurations, Configuration("allow", bundle, port, "/allow", "Fail"));
                await UntilCalledAsync(http, calls, 1, tag);
                allowedRounds.Add(await MeasureAsync(http, "ConfigMap creates, one webhook that answers allowed", "c" + tag, creates / rounds, quick));
                await DeleteAsync(http, Configurations + "/allow");
                Volatile.Write(ref calls[0], 0);
                Volatile.Write(ref calls[1], 0);
            }

            var (none, ignored, allowed) = (Median(noneRounds), Median(ignoredRounds), Median(allowedRounds));
            Console.WriteLine();
            Console.WriteLine("| subject | concurrency | operations | ops/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(none.Row());
            Console.WriteLine(ignored.Row());
            Console.WriteLine(allowed.Row());
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"added by an Ignore webhook that fails: p50 +{ignored.P50Ms - none.P50Ms:F2} ms, p99 +{ignored.P99Ms - none.P99Ms:F2} ms; by a webhook that allows: p50 +{allowed.P50Ms - none.P50Ms:F2} ms, p99 +{allowed.P99Ms - none.P99Ms:F2} ms"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private const string Configurations = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";

    private static string Configuration(string name, string bundle, int port, string path, string failurePolicy) => $$"""
        {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"{{name}}"},
         "webhooks":[{"name":"{{name}}.bench.example.com","clientConfig":{"url":"https://127.0.0.1:{{port}}{{path}}","caBundle":"{{bundle}}"},
           "rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["configmaps"]}],
           "failurePolicy":"{{failurePolicy}}","sideEffects":"None","admissionReviewVersions":["v1"]}]}
        """;

    private static async Task<Measurement> MeasureAsync(HttpClient http, string subject, string prefix, int creates, bool quick)
    {
        await WarmUp.RunAsync(subject, Concurrency, quick ? 500 : 1_000, maxRounds: quick ? 5 : 20, i => PostAsync(http, "/api/v1/namespaces/bench/configmaps", ConfigMap($"{prefix}w{i:D6}")));
        return await Measurement.RunAsync(subject, Concurrency, creates, i => PostAsync(http, "/api/v1/namespaces/bench/configmaps", ConfigMap($"{prefix}{i:D6}")));
    }

    /// <summary>The round with the median p99 (its p50 alongside).</summary>
    private static Measurement Median(List<Measurement> rounds) => rounds.OrderBy(r => r.P99Ms).ElementAt(rounds.Count / 2);

    private static string ConfigMap(string name) => """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"NAME"},"data":{"key":"value"}}""".Replace("NAME", name, StringComparison.Ordinal);

    /// <summary>Creates probe ConfigMaps until the webhook at <paramref name="index"/> has been called: the configuration reached the server's cache.</summary>
    private static async Task UntilCalledAsync(HttpClient http, int[] calls, int index, string tag)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var probe = 0;
        while (Volatile.Read(ref calls[index]) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("the webhook configuration never took effect");
            }

            await PostAsync(http, "/api/v1/namespaces/bench/configmaps", ConfigMap($"probe{tag}-{index}-{probe++}"));
        }
    }

    private static void MapWebhook(WebApplication app, int[] calls)
    {
        app.MapPost("/fail", async context =>
        {
            Interlocked.Increment(ref calls[0]);
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("backend down", context.RequestAborted);
        });
        app.MapPost("/allow", async context =>
        {
            Interlocked.Increment(ref calls[1]);
            var review = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
            var answer = new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["response"] = new JsonObject { ["uid"] = review["request"]!["uid"]!.GetValue<string>(), ["allowed"] = true },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        });
    }

    private static async Task PostAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content);
        if ((int)response.StatusCode is not (201 or 409))
        {
            throw new InvalidOperationException($"POST {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task DeleteAsync(HttpClient http, string path)
    {
        using var response = await http.DeleteAsync(path);
        response.EnsureSuccessStatusCode();
    }
}
