namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// Errors of a strategic merge patch, worded as k8s.io/apimachinery's mergepatch and strategicpatch packages
/// word them and classified as kube-apiserver's <c>interpretStrategicMergePatchError</c> does: the
/// format errors are 400, "lists of lists" and "patch content doesn't match retainKeys list" are 422.
/// Errors upstream leaves unclassified (it answers them with 500) are patch mistakes, so they are 400 here.
/// Upstream prints Go maps (<c>map[k:v]</c>); these print the JSON instead.
/// </summary>
internal static class StrategicMergeErrors
{
    public static PatchException BadJsonDocument() => PatchException.BadRequest("invalid JSON document");

    public static PatchException NoListOfLists() => PatchException.Invalid("lists of lists are not supported");

    public static PatchException BadPrimitiveList() => PatchException.BadRequest("invalid patch format of primitive list");

    public static PatchException BadRetainKeys() => PatchException.BadRequest("invalid patch format of retainKeys");

    public static PatchException BadSetElementOrder() => PatchException.BadRequest("invalid patch format of setElementOrder list");

    public static PatchException NoMergeKey(JsonNode? element, string mergeKey) =>
        PatchException.BadRequest($"map: {Print(element)} does not contain declared merge key: {mergeKey}");

    public static PatchException BadPatchType(JsonNode? directive, JsonObject map) =>
        PatchException.BadRequest($"unknown patch type: {Print(directive)} in map: {Print(map)}");

    public static PatchException MergeListDirective() =>
        PatchException.BadRequest("merging lists cannot yet be specified in the patch");

    public static PatchException MixedElementTypes(JsonArray original, JsonArray patch) =>
        PatchException.BadRequest($"list element types are not identical: [{Print(original)} {Print(patch)}]");

    public static PatchException NoMergeKeyDeclared(string typeName) =>
        PatchException.BadRequest($"cannot merge lists without merge key for {typeName}");

    public static PatchException OrderMismatch(JsonArray patchList, JsonArray orderList) =>
        PatchException.BadRequest($"The order in patch list:\n{Print(patchList)}\n doesn't match $setElementOrder list:\n{Print(orderList)}\n");

    public static PatchException NotAMap(string key) => PatchException.BadRequest($"value for key {key} is not a map");

    public static PatchException NotAList(string key, JsonNode? value) =>
        PatchException.BadRequest($"expected a list for {key}, but received {Print(value)}");

    /// <summary>A "$" key that is neither a directive nor a field of the model (upstream would store it as a field).</summary>
    public static PatchException UnknownDirective(string key, string typeName) =>
        PatchException.BadRequest($"unknown strategic merge patch directive \"{key}\" in {typeName}");

    private static string Print(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
