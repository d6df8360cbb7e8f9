namespace Orchestrator.ApiServer.Authorization;

/// <summary>Reads one equality term of a field selector (<c>a=x,b==y,c!=z</c>) for authorization decisions.</summary>
internal static class FieldSelectorTerms
{
    /// <summary>The value <paramref name="field"/> must equal in <paramref name="fieldSelector"/> (<c>field=v</c> or <c>field==v</c>); null when no such term.</summary>
    public static string? Equal(string fieldSelector, string field)
    {
        foreach (var term in fieldSelector.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || term[..eq].Trim() != field)
            {
                continue;
            }

            return term[(eq + 1)..].TrimStart('=').Trim();
        }

        return null;
    }
}
