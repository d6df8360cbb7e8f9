namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// Reads and writes one member of an object or one element of an array, returning the error text
/// upstream's JSON Patch library (evanphx/json-patch, used by kube-apiserver) produces, or null on success.
/// Array indices follow that library: Go <c>strconv.Atoi</c> syntax, and negative indices count from the end.
/// </summary>
internal static class JsonPatchContainer
{
    private const string InvalidIndex = "invalid index referenced";

    public static string? TryGet(JsonNode container, string key, out JsonNode? value, out bool found)
    {
        value = null;
        found = false;
        if (container is JsonObject obj)
        {
            found = obj.TryGetPropertyValue(key, out value);
            return null;
        }

        var array = (JsonArray)container;
        if (ParseIndex(key, out var index) is { } parseError)
        {
            return parseError;
        }

        if (index < 0)
        {
            if (index < -array.Count)
            {
                return InvalidIndexMessage(index);
            }

            index += array.Count;
        }

        if (index >= array.Count)
        {
            return InvalidIndexMessage(index);
        }

        value = array[(int)index];
        found = true;
        return null;
    }

    public static string? TryAdd(JsonNode container, string key, JsonNode? value)
    {
        if (container is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }

        var array = (JsonArray)container;
        if (key == "-")
        {
            array.Add(value);
            return null;
        }

        if (ParseIndex(key, out var index) is { } parseError)
        {
            return $"value was not a proper array index: '{key}': {parseError}";
        }

        // Adding may target one past the end; negative indices count from that new end.
        var size = array.Count + 1;
        if (index >= size)
        {
            return InvalidIndexMessage(index);
        }

        if (index < 0)
        {
            if (index < -size)
            {
                return InvalidIndexMessage(index);
            }

            index += size;
        }

        array.Insert((int)index, value);
        return null;
    }

    public static string? TryRemove(JsonNode container, string key)
    {
        if (container is JsonObject obj)
        {
            return obj.Remove(key) ? null : $"Unable to remove nonexistent key: {key}: missing value";
        }

        var array = (JsonArray)container;
        if (ParseIndex(key, out var index) is { } parseError)
        {
            return parseError;
        }

        if (index >= array.Count)
        {
            return InvalidIndexMessage(index);
        }

        if (index < 0)
        {
            if (index < -array.Count)
            {
                return InvalidIndexMessage(index);
            }

            index += array.Count;
        }

        array.RemoveAt((int)index);
        return null;
    }

    /// <summary>Overwrites an existing member or element; the caller has checked that it exists.</summary>
    public static void Set(JsonNode container, string key, JsonNode? value)
    {
        if (container is JsonObject obj)
        {
            obj[key] = value;
            return;
        }

        var array = (JsonArray)container;
        _ = ParseIndex(key, out var index);
        if (index < 0)
        {
            index += array.Count;
        }

        array[(int)index] = value;
    }

    /// <summary>Go's <c>strconv.Atoi</c>: optional sign and decimal digits, errors worded as Go words them.</summary>
    private static string? ParseIndex(string key, out long index)
    {
        index = 0;
        var digits = key.StartsWith('+') || key.StartsWith('-') ? key[1..] : key;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return $"strconv.Atoi: parsing \"{key}\": invalid syntax";
        }

        return long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index)
            ? null
            : $"strconv.Atoi: parsing \"{key}\": value out of range";
    }

    private static string InvalidIndexMessage(long index) => $"Unable to access invalid index: {index}: {InvalidIndex}";
}
