namespace Orchestrator.Kubelet.Volumes;

/// <summary>realpath(3) for paths that may not exist yet: every symlink along the path resolved, '.' and '..' applied.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var pending = new LinkedList<string>(Components(Path.GetFullPath(path)));
        var result = "/";
        var links = 0;
        while (pending.First is { } first)
        {
            pending.RemoveFirst();
            var part = first.Value;
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                result = Path.GetDirectoryName(result) ?? "/";
                continue;
            }

            var candidate = Path.Join(result, part);
            if (new FileInfo(candidate).LinkTarget is not { } target)
            {
                result = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links resolving {path}");
            }

            foreach (var c in Components(target).Reverse())
            {
                pending.AddFirst(c);
            }

            if (Path.IsPathRooted(target))
            {
                result = "/";
            }
        }

        return result;
    }

    private static string[] Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
