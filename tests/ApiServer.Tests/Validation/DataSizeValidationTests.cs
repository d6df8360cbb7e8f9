using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Validation;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>ConfigMap and Secret payloads are limited to 1 MiB of values, as upstream's MaxSecretSize.</summary>
public sealed class DataSizeValidationTests
{
    private const int MiB = 1024 * 1024;

    public static TheoryData<string, string, string[]> ConfigMaps => new()
    {
        { "at the limit", Map("data", ("a", Text(MiB))), [] },
        { "data over", Map("data", ("a", Text(MiB - 1)), ("b", Text(2))), ["FieldValueTooLong : Too long: may not be more than 1048576 bytes"] },
        { "keys do not count", Map("data", ("a-long-key", Text(MiB))), [] },
        { "binaryData counts decoded", Map("binaryData", ("a", Base64(MiB))), [] },
        { "data and binaryData add up", Map("data", ("a", Text(MiB / 2))) + "," + Map("binaryData", ("b", Base64((MiB / 2) + 1))), ["FieldValueTooLong : Too long: may not be more than 1048576 bytes"] },
    };

    public static TheoryData<string, string, string[]> Secrets => new()
    {
        { "at the limit", Map("data", ("a", Base64(MiB))), [] },
        { "data over", Map("data", ("a", Base64(MiB + 1))), ["FieldValueTooLong data: Too long: may not be more than 1048576 bytes"] },
        { "stringData counts", Map("data", ("a", Base64(MiB))) + "," + Map("stringData", ("b", Text(1))), ["FieldValueTooLong data: Too long: may not be more than 1048576 bytes"] },
        { "stringData replaces the same key", Map("data", ("a", Base64(MiB))) + "," + Map("stringData", ("a", Text(1))), [] },
    };

    [Theory]
    [MemberData(nameof(ConfigMaps))]
    public void ConfigMap_values_total_at_most_1_MiB(string why, string fields, string[] expected)
    {
        var causes = new List<Errors.StatusCause>();
        DataSizeValidation.ConfigMap(Body(fields), causes);
        Assert.True(expected.SequenceEqual(causes.Select(c => $"{c.Reason} {c.Field}: {c.Message}")), why);
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Secret_data_totals_at_most_1_MiB(string why, string fields, string[] expected)
    {
        var causes = new List<Errors.StatusCause>();
        DataSizeValidation.Secret(Body(fields), causes);
        Assert.True(expected.SequenceEqual(causes.Select(c => $"{c.Reason} {c.Field}: {c.Message}")), why);
    }

    private static string Text(int bytes) => new('x', bytes);

    private static string Base64(int bytes) => Convert.ToBase64String(new byte[bytes]);

    private static string Map(string name, params (string Key, string Value)[] entries) =>
        $"\"{name}\":{{{string.Join(",", entries.Select(e => $"\"{e.Key}\":\"{e.Value}\""))}}}";

    private static JsonObject Body(string fields) => JsonNode.Parse("{" + fields + "}")!.AsObject();
}
