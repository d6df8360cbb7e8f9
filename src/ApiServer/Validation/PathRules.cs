namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's path checks for volume items, sub-paths and host paths.</summary>
internal static class PathRules
{
    public static void NoBacksteps(string path, string field, List<StatusCause> causes)
    {
        if (path.Replace('\\', '/').Split('/').Contains(".."))
        {
            causes.Add(FieldErrors.InvalidText(field, path, "must not contain '..'"));
        }
    }

    /// <summary>validateLocalDescendingPath: relative and without <c>..</c> elements.</summary>
    public static void LocalDescending(string path, string field, List<StatusCause> causes)
    {
        if (path.StartsWith('/'))
        {
            causes.Add(FieldErrors.InvalidText(field, path, "must be a relative path"));
        }

        NoBacksteps(path, field, causes);
    }

    /// <summary>ValidateLocalNonReservedPath: a descending path that does not start with <c>..</c>.</summary>
    public static void LocalNonReserved(string path, string field, List<StatusCause> causes)
    {
        LocalDescending(path, field, causes);
        if (path.StartsWith("..", StringComparison.Ordinal) && !path.StartsWith("../", StringComparison.Ordinal))
        {
            causes.Add(FieldErrors.InvalidText(field, path, "must not start with '..'"));
        }
    }
}
