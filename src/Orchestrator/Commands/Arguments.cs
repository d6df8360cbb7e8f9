namespace Orchestrator.Host.Commands;

/// <summary>
/// A small command-line reader: verbs and positionals in order, options as <c>--name value</c> or
/// <c>--name=value</c>. Every option must be consumed, so a misspelt one is an error, not ignored.
/// </summary>
internal sealed class Arguments
{
    /// <summary>Options that never take a separate value: <c>--dry-run</c> alone means <c>--dry-run=true</c>.</summary>
    private static readonly HashSet<string> BareFlags = new(StringComparer.Ordinal) { "dry-run", "cleanup", "enable-dsr" };

    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    _options[arg[2..equals]] = arg[(equals + 1)..];
                }
                else if (BareFlags.Contains(arg[2..]))
                {
                    _options[arg[2..]] = "true";
                }
                else if (e.MoveNext())
                {
                    _options[arg[2..]] = e.Current;
                }
                else
                {
                    throw new UsageException($"option {arg} needs a value");
                }
            }
            else
            {
                _positionals.Add(arg);
            }
        }
    }

    /// <summary>Removes and returns the next positional argument, or null.</summary>
    public string? TakeVerb()
    {
        if (_positionals.Count == 0)
        {
            return null;
        }

        var verb = _positionals[0];
        _positionals.RemoveAt(0);
        return verb;
    }

    public string Take(string what) => TakeVerb() ?? throw new UsageException($"missing {what}");

    public string? Option(string name) => _options.Remove(name, out var value) ? value : null;

    /// <summary>Fails on anything left over.</summary>
    public void EnsureConsumed()
    {
        if (_options.Count > 0)
        {
            throw new UsageException($"unknown option --{_options.Keys.First()}");
        }

        if (_positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument \"{_positionals[0]}\"");
        }
    }
}
