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

    /// <summary>Crashes after which the run stops: each restart costs seconds.</summary>
    private const int MaxCrashes = 4;

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
        for (var i = 0; i < Requests && crashed.Count < MaxCrashes; i++)
        {
            var target = targets[i % targets.Count];
            var body = HostileBodyGen.Any.Generate(random, null, out _);
            var (path, contentType) = Request(target, body, JsonPatchTypes[patchType.Generate(random, null, out _)]);
            var described = $"#{i} {target.Method} {path} [{contentType}] {body}";
            if (crashed.Contains(body.Family))
            {
                // This family already killed the process once: one report is enough.
                continue;
            }

            Answer answer;
            try
            {
                answer = await fixture.SendAsync(target.Method, path, contentType, body.Bytes);
            }
            catch (TaskCanceledException)
            {
                failures.Add($"{described}: no answer within 10 s");
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
        }

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} generated requests got no 4xx Status in time (crashed by: {string.Join(", ", crashed)}):\n{string.Join("\n", failures.Take(25))}");
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
