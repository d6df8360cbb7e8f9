namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>Which top-level fields a write may own: the main resource never owns status when status is a subresource; a status write owns only status.</summary>
internal readonly record struct FieldScope(bool StatusOnly, bool HasStatusSubresource)
{
    public bool Includes(string topLevelField) => topLevelField switch
    {
        "apiVersion" or "kind" => false,
        "status" => StatusOnly || !HasStatusSubresource,
        _ => !StatusOnly,
    };
}
