using System.Globalization;
using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>
/// Property: for every create, update and patch endpoint in discovery, a generated hostile body
/// gets a 4xx Status within the time budget and the process survives. The seed is fixed (CI is
/// reproducible) and logged; HOSTILE_SEED overrides it.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class GeneratedBodyTests(HostileServerFixture fixture, ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20261206;

    /// <summary>Requests per run: every endpoint at least once, the whole run well under a minute.</summary>
    private const int Requests = 480;

    /// <summary>Body families that crashed, hung or were slow, after which the run stops: each costs seconds.</summary>
    private const int MaxCrashes = 6;

    /// <summary>The run stops generating once this is spent (a slow server must not stall CI), and fails.</summary>
    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(90);

    private static readonly string[] JsonPatchTypes = ["application/merge-patch+json", "application/strategic-merge-patch+json", "application/json-patch+json"];

    [Fact]
    public Task Every_served_endpoint_answers_generated_hostile_bodies_with_a_4xx_status() => fixture.RunCaseAsync(async () =>
    {
        var seed = Environment.GetEnvironmentVariable("HOSTILE_SEED") is { Length: > 0 } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        output.WriteLine($"seed {seed} (set HOSTILE_SEED to replay another)");
        var targets = await ServedTarget.DiscoverAsync(fixture.Http, "hostile-gen", HostileServerFixture.Namespace);
        Assert.True(targets.Count is > 20 and <= Requests, $"discovery listed {targets.Count} endpoints");
        output.WriteLine($"{targets.Count} endpoints, {Requests} requests");

        var random = new PCG(1, seed);
        var patchType = Gen.Int[0, JsonPatchTypes.Length - 1];
        var failures = new List<string>();
        var crashed = new HashSet<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = 0;
        var generated = 0;
        for (var i = 0; i < Requests && crashed.Count < MaxCrashes && clock.Elapsed < RunBudget; i++, generated++)
        {
            var target = targets[i % targets.Count];
            var body = HostileBodyGen.Any.Generate(random, null, out _);
            var (path, contentType) = Request(target, body, JsonPatchTypes[patchType.Generate(random, null, out _)]);
            var described = $"#{i} {target.Method} {path} [{contentType}] {body}";
            if (crashed.Contains(body.Family))
            {
                // This family already killed or hung the process once: one report is enough.
                continue;
            }

            Answer answer;
            sent++;
            try
            {
                answer = await fixture.SendAsync(target.Method, path, contentType, body.Bytes);
            }
            catch (TaskCanceledException)
            {
                failures.Add($"{described}: no answer within 10 s");
                crashed.Add(body.Family);
                continue;
            }
            catch (Exception e) when (e is not TaskCanceledException)
            {
                failures.Add($"{described}: no answer ({e.Message.Split('\n')[0]}); body starts {Preview(body)}");
                crashed.Add(body.Family);
                await fixture.EnsureRunningAsync();
                continue;
            }

            if (answer.Code is < 400 or >= 500 || answer.Kind != "Status" || answer.Elapsed > Expect.Budget)
            {
                failures.Add($"{described}: {answer}");
            }

            if (answer.Elapsed > Expect.Budget)
            {
                // A slow family would spend the run budget on itself: reported once, then skipped.
                crashed.Add(body.Family);
            }
        }

        output.WriteLine($"{sent} requests sent in {clock.Elapsed.TotalSeconds:F0} s");
        if (generated < Requests)
        {
            failures.Insert(0, $"the run stopped after {generated} of {Requests} cases ({sent} sent) ({clock.Elapsed.TotalSeconds:F0} s; families skipped after a crash or hang: {string.Join(", ", crashed)})");
        }

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} generated requests got no 4xx Status in time (crashed or hung by: {string.Join(", ", crashed)}):\n{string.Join("\n", failures.Take(25))}");
    });

    private static (string Path, string ContentType) Request(ServedTarget target, HostileBody body, string jsonPatchType)
    {
        if (target.Method != HttpMethod.Patch || body.Format == BodyFormat.Protobuf)
        {
            return (target.Path, body.Format switch
            {
                BodyFormat.Json => "application/json",
                BodyFormat.Yaml => "application/yaml",
                _ => "application/vnd.kubernetes.protobuf",
            });
        }

        return body.Format == BodyFormat.Json ? (target.Path, jsonPatchType) : (target.Path + "?fieldManager=hostile", "application/apply-patch+yaml");
    }

    private static string Preview(HostileBody body) =>
        Encoding.UTF8.GetString(body.Bytes, 0, Math.Min(body.Bytes.Length, 120)).ReplaceLineEndings("⏎");
}
