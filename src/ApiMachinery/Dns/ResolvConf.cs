namespace Orchestrator.ApiMachinery.Dns;

/// <summary>
/// The parts of a resolv.conf(5) that pods and the cluster DNS read, parsed as the kubelet does
/// (upstream's <c>parseResolvConf</c>): every <c>nameserver</c> line in order, the last <c>search</c>
/// line (a lone "." dropped, trailing dots trimmed), <c>options</c> merged by name with later lines winning.
/// Comments start with '#' or ';'; other keywords (domain, sortlist) are ignored, as upstream does.
/// </summary>
public sealed record ResolvConf(IReadOnlyList<string> Nameservers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options)
{
    public static readonly ResolvConf Empty = new([], [], []);

    public static ResolvConf Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nameservers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', ';')[0];
            var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver" when fields.Length > 1:
                    nameservers.Add(fields[1]);
                    break;
                case "search":
                    searches = [.. fields.Skip(1).Where(s => s != ".").Select(s => s.TrimEnd('.'))];
                    break;
                case "options":
                    options = MergeOptions(options, fields.Skip(1));
                    break;
            }
        }

        return new ResolvConf(nameservers, searches, options);
    }

    /// <summary>Reads <paramref name="path"/>; a missing file is an empty configuration.</summary>
    public static ResolvConf Read(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;

    /// <summary>
    /// Options merged by name (the part before ':'): a later option replaces an earlier one of the same
    /// name in its place; new names are appended.
    /// </summary>
    public static List<string> MergeOptions(IEnumerable<string> existing, IEnumerable<string> added)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(added);
        var merged = existing.ToList();
        foreach (var option in added)
        {
            var index = merged.FindIndex(o => OptionName(o) == OptionName(option));
            if (index >= 0)
            {
                merged[index] = option;
            }
            else
            {
                merged.Add(option);
            }
        }

        return merged;
    }

    private static string OptionName(string option) => option.Split(':', 2)[0];
}
