namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>Reads mount points from /proc/self/mountinfo (field 5, with the kernel's octal escapes decoded).</summary>
internal static class MountInfo
{
    /// <summary>The mount points in <paramref name="mountinfo"/> that are <paramref name="root"/> or below it, deepest first.</summary>
    public static IReadOnlyList<string> MountsUnder(string mountinfo, string root)
    {
        var prefix = root.TrimEnd('/') + "/";
        return mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))
            .Where(point => point == root.TrimEnd('/') || point.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(point => point.Length)
            .ThenByDescending(point => point, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<string> ReadMountsUnder(string root) => MountsUnder(File.ReadAllText("/proc/self/mountinfo"), root);

    /// <summary>Decodes <c>\040</c>-style octal escapes (space, tab, newline, backslash).</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
