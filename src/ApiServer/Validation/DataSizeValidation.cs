namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's size limit on ConfigMap and Secret payloads (core.MaxSecretSize, 1 MiB): the sum of
/// the value lengths in bytes; keys do not count. Binary values count decoded.
/// </summary>
internal static class DataSizeValidation
{
    public const int MaxSize = 1024 * 1024;

    /// <summary>ValidateConfigMap's total of data and binaryData; the error is about the whole object (field "").</summary>
    public static void ConfigMap(JsonObject body, List<StatusCause> causes)
    {
        var total = Values(body["data"]).Sum(v => (long)Encoding.UTF8.GetByteCount(v))
            + Values(body["binaryData"]).Sum(DecodedLength);
        if (total > MaxSize)
        {
            causes.Add(FieldErrors.TooLong("", MaxSize));
        }
    }

    /// <summary>
    /// ValidateSecret's total of data. stringData is written over data before upstream validates
    /// (its conversion merges the two), so a key in both counts once, as its stringData value.
    /// </summary>
    public static void Secret(JsonObject body, List<StatusCause> causes)
    {
        var stringData = body["stringData"] as JsonObject;
        var total = (body["data"] as JsonObject ?? [])
            .Where(p => stringData?.ContainsKey(p.Key) != true)
            .Sum(p => DecodedLength(Defaulting.JsonFields.Text(p.Value) ?? ""))
            + Values(stringData).Sum(v => (long)Encoding.UTF8.GetByteCount(v));
        if (total > MaxSize)
        {
            causes.Add(FieldErrors.TooLong("data", MaxSize));
        }
    }

    private static IEnumerable<string> Values(JsonNode? map) =>
        (map as JsonObject ?? []).Select(p => Defaulting.JsonFields.Text(p.Value) ?? "");

    /// <summary>The length of the bytes a base64 value holds, without decoding it.</summary>
    private static long DecodedLength(string base64)
    {
        var padding = base64.EndsWith("==", StringComparison.Ordinal) ? 2 : base64.EndsWith('=') ? 1 : 0;
        return Math.Max(0, (long)base64.Length / 4 * 3 - padding);
    }
}
