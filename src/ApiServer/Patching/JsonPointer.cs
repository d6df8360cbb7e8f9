namespace Orchestrator.ApiServer.Patching;

/// <summary>JSON Pointer (RFC 6901) resolution as JSON Patch needs it: the container that holds the target.</summary>
internal static class JsonPointer
{
    /// <summary>
    /// Finds the object or array that holds the member <paramref name="path"/> points at, and that member's
    /// decoded key (an array index or "-" for arrays). Returns false when the pointer is the whole document
    /// (""), is not a pointer, or an intermediate member is missing or not a container.
    /// </summary>
    public static bool TryFindParent(JsonNode root, string path, out JsonNode parent, out string key)
    {
        parent = root;
        key = "";
        if (!path.StartsWith('/'))
        {
            return false;
        }

        var tokens = path.Split('/');
        for (var i = 1; i < tokens.Length - 1; i++)
        {
            if (JsonPatchContainer.TryGet(parent, Decode(tokens[i]), out var child, out var found) is not null
                || !found
                || child is not (JsonObject or JsonArray))
            {
                return false;
            }

            parent = child;
        }

        key = Decode(tokens[^1]);
        return true;
    }

    /// <summary>Undoes RFC 6901 escaping in one reference token: "~1" is "/", "~0" is "~".</summary>
    public static string Decode(string token)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        // One left-to-right pass, so "~01" decodes to "~1" and not to "/".
        var decoded = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '~' && i + 1 < token.Length && token[i + 1] is '0' or '1')
            {
                decoded.Append(token[i + 1] == '0' ? '~' : '/');
                i++;
            }
            else
            {
                decoded.Append(token[i]);
            }
        }

        return decoded.ToString();
    }
}
