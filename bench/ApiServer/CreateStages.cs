using System.Diagnostics;
using System.Globalization;
using System.Text;
using Orchestrator.ApiServer.FieldManagement;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Serialization;
using Orchestrator.ApiServer.Storage;
using Orchestrator.ApiServer.Validation;

namespace Orchestrator.Bench;

/// <summary>
/// The server's own stages of a pod create, one after another on one thread, without HTTP, the store
/// or admission plugins: bytes allocated and time per stage, to see where a create's work goes.
/// Usage: bench/apiserver.sh --stages [creates].
/// </summary>
internal static class CreateStages
{
    private static readonly string[] Names = ["parse body", "kind and schema checks", "server-owned metadata", "prepare and default", "status on create", "validate", "managed fields", "encode for the store", "response JSON"];

    public static void Run(int creates)
    {
        var resource = ResourceRegistry.BuiltIn.Find("", "v1", "pods")!;
        var random = new Random(1);
        var owner = new FieldOwner("bench", ManagedFieldsEntry.Update, null);
        var bytes = new long[Names.Length];
        var ticks = new long[Names.Length];
        var output = new System.Buffers.ArrayBufferWriter<byte>(8192);
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(bytes);
            Array.Clear(ticks);
            for (var i = 0; i < creates; i++)
            {
                var body = Encoding.UTF8.GetBytes(BenchPod.Json("p" + i.ToString("D6", CultureInfo.InvariantCulture)));
                var stage = 0;
                var obj = Measure(ref stage, bytes, ticks, () => RequestBody.ParseJson(body)!.AsObject());
                Measure(ref stage, bytes, ticks, () =>
                {
                    BodyChecks.CheckKind(resource, resource.Kind, resource.ApiVersion, obj);
                    return BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, obj, FieldValidation.Warn);
                });
                // The steps of RegistryRules.PrepareCreate, without admission plugins.
                Measure(ref stage, bytes, ticks, () =>
                {
                    ServerOwnedMetadata.OnCreate(resource, obj, "bench", TimeProvider.System, random);
                    ObjectMeta.OmitEmpty(obj);
                    return obj;
                });
                Measure(ref stage, bytes, ticks, () =>
                {
                    resource.Strategy.PrepareForCreate(obj);
                    resource.Strategy.Default(obj, create: true);
                    return obj;
                });
                Measure(ref stage, bytes, ticks, () =>
                {
                    resource.Strategy.ResetStatusOnCreate(obj, hasStatusSubresource: true);
                    return obj;
                });
                Measure(ref stage, bytes, ticks, () =>
                {
                    var causes = ObjectMetaValidation.Check(resource, obj);
                    resource.Strategy.Validate(obj, causes);
                    return causes.Count == 0 ? obj : throw new InvalidOperationException("invalid pod: " + causes[0].Message);
                });
                Measure(ref stage, bytes, ticks, () =>
                {
                    FieldManager.RecordCreate(resource, obj, owner, "2026-12-06T00:00:00Z");
                    return obj;
                });
                var encoded = Measure(ref stage, bytes, ticks, () => StoredObject.EncodeWithMetadataEnd(obj));
                // The answer is the stored bytes with the resourceVersion put in (ObjectCreator), not a second serialization.
                Measure(ref stage, bytes, ticks, () =>
                {
                    output.ResetWrittenCount();
                    ResponseJson.WriteWithResourceVersion(encoded, i + 1, output);
                    return output;
                });
            }
        }

        Console.WriteLine($"# create stages — {creates} pods on one thread, .NET {Environment.Version}");
        Console.WriteLine("| stage | bytes per create | µs per create |");
        Console.WriteLine("|---|---:|---:|");
        for (var s = 0; s < Names.Length; s++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Names[s]} | {bytes[s] / creates:N0} | {ticks[s] * 1e6 / Stopwatch.Frequency / creates:F1} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| total | {bytes.Sum() / creates:N0} | {ticks.Sum() * 1e6 / Stopwatch.Frequency / creates:F1} |"));
    }

    private static T Measure<T>(ref int stage, long[] bytes, long[] ticks, Func<T> step)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var result = step();
        ticks[stage] += Stopwatch.GetTimestamp() - started;
        bytes[stage] += GC.GetAllocatedBytesForCurrentThread() - allocated;
        stage++;
        return result;
    }
}
