using Orchestrator.ApiServer.Protobuf.Messages.IntStr;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Resource;
using Orchestrator.ApiServer.Protobuf.Messages.Runtime;

namespace Orchestrator.ApiServer.Protobuf;

/// <summary>
/// The messages whose Go types write their own JSON instead of an object of their fields:
/// times, durations, quantities, int-or-strings and embedded raw JSON.
/// </summary>
internal static class SelfMarshalling
{
    /// <summary>Go's zero time.Time, which marshals to an empty message (and to null in JSON).</summary>
    private const long GoZeroTimeSeconds = -62135596800;

    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>
    /// The JSON for <paramref name="message"/> when its type marshals itself: <paramref name="json"/>
    /// is then the value, or null to omit it (the zero time). False for ordinary messages.
    /// </summary>
    public static bool TryConvert(IMessage message, string path, out JsonNode? json)
    {
        switch (message)
        {
            case Time time:
                json = IsZero(time.HasSeconds, time.Seconds, time.Nanos) ? null : Timestamp(time.Seconds, 0, "yyyy-MM-dd'T'HH:mm:ss'Z'", path);
                return true;
            case MicroTime time:
                json = IsZero(time.HasSeconds, time.Seconds, time.Nanos) ? null : Timestamp(time.Seconds, time.Nanos, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", path);
                return true;
            case Duration duration:
                json = GoDuration.Format(duration.Duration_);
                return true;
            case Quantity quantity:
                json = quantity.String;
                return true;
            case IntOrString value:
                json = value.Type switch
                {
                    0 => JsonValue.Create(value.IntVal),
                    1 => JsonValue.Create(value.StrVal),
                    _ => throw ApiErrors.BadRequest($"{path}: invalid IntOrString type {value.Type}"),
                };
                return true;
            case FieldsV1 fields:
                json = RawJson(fields.Raw, path);
                return true;
            case RawExtension raw:
                json = RawJson(raw.Raw, path);
                return true;
            default:
                json = null;
                return false;
        }
    }

    private static bool IsZero(bool hasSeconds, long seconds, int nanos) =>
        nanos == 0 && (!hasSeconds || seconds == GoZeroTimeSeconds);

    private static JsonValue Timestamp(long seconds, int nanos, string format, string path)
    {
        if (seconds < GoZeroTimeSeconds || seconds > MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            throw ApiErrors.BadRequest($"{path}: time out of range (seconds {seconds}, nanos {nanos})");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.AddTicks(nanos / 100);
        return JsonValue.Create(time.ToString(format, CultureInfo.InvariantCulture));
    }

    private static JsonNode? RawJson(ByteString raw, string path)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        try
        {
            return Serialization.JsonBodyReader.Parse(raw.Span);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"{path}: embedded JSON is malformed: {e.Message}");
        }
    }
}
