namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Upstream's IsValidPathSegmentName: a namespace or name taken from the URL may not be "." or ".."
/// and may not contain '/' or '%', so it can never address another key. Violations are a 400, worded
/// as storage's NamespaceKeyFunc words them.
/// </summary>
internal static class PathSegmentName
{
    public static IReadOnlyList<string> Problems(string segment)
    {
        if (segment is "." or "..")
        {
            return [$"may not be '{segment}'"];
        }

        var problems = new List<string>(0);
        if (segment.Contains('/', StringComparison.Ordinal))
        {
            problems.Add("may not contain '/'");
        }

        if (segment.Contains('%', StringComparison.Ordinal))
        {
            problems.Add("may not contain '%'");
        }

        return problems;
    }

    public static string RequireNamespace(string segment) => Require("Namespace", segment);

    public static string RequireName(string segment) => Require("Name", segment);

    private static string Require(string what, string segment) => Problems(segment) is { Count: > 0 } problems
        ? throw ApiErrors.BadRequest($"{what} parameter invalid: {GoText.Quote(segment)}: {string.Join(';', problems)}")
        : segment;
}
