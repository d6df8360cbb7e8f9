namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// One <c>columnDefinitions</c> entry. <see cref="Priority"/> 0 is always shown, 1 only with
/// <c>-o wide</c>; <see cref="Format"/> "name" marks the column kubectl prefixes with "kind/".
/// </summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
