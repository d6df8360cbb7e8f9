namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// JSON Patch (RFC 6902), the <c>application/json-patch+json</c> body of <c>kubectl rollout undo</c> and of
/// client-side-apply upgrades. Error texts follow evanphx/json-patch, the library kube-apiserver uses; a
/// malformed patch is 400, an operation that does not apply is 422 (handlers/patch.go <c>applyJSPatch</c>).
/// Deliberate departures from that library, all towards the RFC: <c>replace</c> of a missing object member,
/// <c>copy</c> from a missing member and <c>test</c> of a missing member fail instead of acting on null,
/// and <c>test</c> compares numbers by value (1 equals 1.0).
/// </summary>
internal static class JsonPatch
{
    private const string Missing = "missing value";

    /// <summary>kube-apiserver refuses a JSON patch of more operations (413) before applying any.</summary>
    public const int MaxOperations = 10_000;

    /// <summary>Returns <paramref name="document"/> with every operation applied in order; the inputs are not changed.</summary>
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw PatchException.BadRequest($"json: cannot unmarshal {GoKind(patch)} into Go value of type jsonpatch.Patch");
        }

        foreach (var operation in operations)
        {
            if (operation is not (JsonObject or null))
            {
                throw PatchException.BadRequest($"json: cannot unmarshal {GoKind(operation)} into Go value of type jsonpatch.Operation");
            }
        }

        if (document is not (JsonObject or JsonArray))
        {
            throw PatchException.BadRequest("json: cannot unmarshal the document: it is neither an object nor an array");
        }

        var root = document.DeepClone();
        foreach (var operation in operations)
        {
            var op = operation as JsonObject ?? [];
            var kind = op["op"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : "unknown";
            root = kind switch
            {
                "add" => Add(root, op),
                "remove" => Remove(root, op),
                "replace" => Replace(root, op),
                "move" => Move(root, op),
                "copy" => Copy(root, op),
                "test" => Test(root, op),
                _ => throw Fail($"Unexpected kind: {kind}"),
            };
        }

        return root;
    }

    private static JsonNode Add(JsonNode root, JsonObject op)
    {
        var path = ReadString(op, "path") ?? throw Fail($"add operation failed to decode path: {Missing}");
        var value = ReadValue(op, "add");
        var (parent, key) = ParentOf(root, path, $"add operation does not apply: doc is missing path: \"{path}\": {Missing}");
        ThrowIfFailed(JsonPatchContainer.TryAdd(parent, key, value), "add", path);
        return root;
    }

    private static JsonNode Remove(JsonNode root, JsonObject op)
    {
        var path = ReadString(op, "path") ?? throw Fail($"remove operation failed to decode path: {Missing}");
        var (parent, key) = ParentOf(root, path, $"remove operation does not apply: doc is missing path: \"{path}\": {Missing}");
        ThrowIfFailed(JsonPatchContainer.TryRemove(parent, key), "remove", path);
        return root;
    }

    private static JsonNode Replace(JsonNode root, JsonObject op)
    {
        var path = ReadString(op, "path") ?? throw Fail($"replace operation failed to decode path: operation missing path field: {Missing}");
        var value = ReadValue(op, "replace");
        if (path.Length == 0)
        {
            return value is JsonObject or JsonArray ? value : throw Fail("replace operation value must be object or array");
        }

        var (parent, key) = ParentOf(root, path, $"replace operation does not apply: doc is missing path: {path}: {Missing}");
        if (JsonPatchContainer.TryGet(parent, key, out _, out var found) is not null || !found)
        {
            throw Fail($"replace operation does not apply: doc is missing key: {path}: {Missing}");
        }

        JsonPatchContainer.Set(parent, key, value);
        return root;
    }

    private static JsonNode Move(JsonNode root, JsonObject op)
    {
        var from = ReadString(op, "from") ?? throw Fail($"move operation failed to decode from: operation, missing from field: {Missing}");
        var (source, sourceKey) = ParentOf(root, from, $"move operation does not apply: doc is missing from path: {from}: {Missing}");
        ThrowIfFailed(JsonPatchContainer.TryGet(source, sourceKey, out var value, out _), "move", sourceKey);
        ThrowIfFailed(JsonPatchContainer.TryRemove(source, sourceKey), "move", sourceKey);
        var path = ReadString(op, "path") ?? throw Fail($"move operation failed to decode path: operation missing path field: {Missing}");
        var (target, targetKey) = ParentOf(root, path, $"move operation does not apply: doc is missing destination path: {path}: {Missing}");
        ThrowIfFailed(JsonPatchContainer.TryAdd(target, targetKey, value), "move", path);
        return root;
    }

    private static JsonNode Copy(JsonNode root, JsonObject op)
    {
        var from = ReadString(op, "from") ?? throw Fail($"copy operation failed to decode from: operation, missing from field: {Missing}");
        var (source, sourceKey) = ParentOf(root, from, $"copy operation does not apply: doc is missing from path: {from}: {Missing}");
        if (JsonPatchContainer.TryGet(source, sourceKey, out var value, out var found) is { } getError)
        {
            throw Fail($"error in copy for from: '{from}': {getError}");
        }

        if (!found)
        {
            throw Fail($"copy operation does not apply: doc is missing from path: {from}: {Missing}");
        }

        var path = ReadString(op, "path") ?? throw Fail($"copy operation failed to decode path: {Missing}");
        var (target, targetKey) = ParentOf(root, path, $"copy operation does not apply: doc is missing destination path: {path}: {Missing}");
        if (JsonPatchContainer.TryAdd(target, targetKey, value?.DeepClone()) is { } addError)
        {
            throw Fail($"error while adding value during copy: {addError}");
        }

        return root;
    }

    private static JsonNode Test(JsonNode root, JsonObject op)
    {
        var path = ReadString(op, "path") ?? throw Fail($"test operation failed to decode path: operation missing path field: {Missing}");
        var hasExpected = op.TryGetPropertyValue("value", out var expected);
        JsonNode? actual = root;
        var found = true;
        if (path.Length > 0)
        {
            var (parent, key) = ParentOf(root, path, $"test operation does not apply: is missing path: {path}: {Missing}");
            ThrowIfFailed(JsonPatchContainer.TryGet(parent, key, out actual, out found), "test", path);
        }

        if (!found || !hasExpected || !JsonNode.DeepEquals(actual, expected))
        {
            throw Fail($"testing value {path} failed: test failed");
        }

        return root;
    }

    /// <summary>The container that holds <paramref name="path"/> and the key in it; a 422 with <paramref name="missing"/> when there is none.</summary>
    private static (JsonNode Parent, string Key) ParentOf(JsonNode root, string path, string missing) =>
        JsonPointer.TryFindParent(root, path, out var parent, out var key) ? (parent, key) : throw Fail(missing);

    /// <summary>evanphx's "error in <paramref name="op"/> for path" when a step on a container failed with <paramref name="error"/>.</summary>
    private static void ThrowIfFailed(string? error, string op, string path)
    {
        if (error is not null)
        {
            throw Fail($"error in {op} for path: '{path}': {error}");
        }
    }

    /// <summary>A string member of the operation, or null when it is absent.</summary>
    private static string? ReadString(JsonObject op, string name)
    {
        if (!op.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw Fail($"json: cannot unmarshal {GoKind(node)} into Go value of type string");
    }

    /// <summary>The operation's value, cloned so the result never shares nodes with the patch.</summary>
    private static JsonNode? ReadValue(JsonObject op, string kind) =>
        op.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw Fail($"{kind} operation, missing value field: {Missing}");

    /// <summary>Go's name for a JSON value's kind, as its decoder words type errors.</summary>
    private static string GoKind(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    private static PatchException Fail(string message) => PatchException.Invalid(message);
}
