namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>The writer a request's fields are recorded for: manager name, Apply or Update, and the subresource written through.</summary>
internal sealed record FieldOwner(string Manager, string Operation, string? Subresource)
{
    /// <summary>
    /// Upstream's default manager for writes without <c>fieldManager</c>: the User-Agent up to its
    /// first '/', printable characters only, at most 128 (kubectl always sends its own, e.g. kubectl-edit).
    /// </summary>
    public static string DefaultManager(string? userAgent)
    {
        var prefix = (userAgent ?? "").Split('/')[0];
        var printable = new string([.. prefix.Where(c => !char.IsControl(c))]);
        return printable.Length > 128 ? printable[..128] : printable;
    }
}
