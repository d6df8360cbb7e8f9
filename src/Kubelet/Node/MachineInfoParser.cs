namespace Orchestrator.Kubelet.Node;

/// <summary>Pure parsers for the /proc and /etc files the node facts come from.</summary>
internal static class MachineInfoParser
{
    /// <summary>A <c>/proc/meminfo</c> field in bytes (<c>MemTotal:  16318216 kB</c> → 16709853184); null when absent.</summary>
    public static long? MeminfoBytes(string meminfo, string field)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon] != field)
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"meminfo line '{line}' has no number");
            }

            return parts.Length > 1 && parts[1] == "kB" ? value * 1024 : value;
        }

        return null;
    }

    /// <summary>PRETTY_NAME from <c>/etc/os-release</c> (quotes removed); "Linux" when absent, as upstream's default.</summary>
    public static string OsImage(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                var value = line["PRETTY_NAME=".Length..].Trim();
                return value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
            }
        }

        return "Linux";
    }

    /// <summary>The running-task count from <c>/proc/loadavg</c> (4th field <c>running/total</c>: the total).</summary>
    public static long RunningTasks(string loadavg)
    {
        var fields = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var slash = fields.Length > 3 ? fields[3].IndexOf('/', StringComparison.Ordinal) : -1;
        return slash > 0 && long.TryParse(fields[3][(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : throw new FormatException($"unexpected /proc/loadavg '{loadavg.Trim()}'");
    }

    /// <summary>The GOARCH-style name Kubernetes uses for an architecture.</summary>
    public static string ArchitectureName(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        _ => throw new PlatformNotSupportedException($"no Kubernetes architecture name for {architecture}"),
    };
}
