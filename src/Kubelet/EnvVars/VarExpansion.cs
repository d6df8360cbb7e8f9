namespace Orchestrator.Kubelet.EnvVars;

/// <summary>
/// Upstream's <c>third_party/forked/golang/expansion</c>: <c>$(VAR)</c> references replaced by the
/// mapping, <c>$$</c> an escaped <c>$</c>, an unknown reference left as written, an unclosed
/// <c>$(</c> and any other <c>$x</c> copied unchanged.
/// </summary>
internal static class VarExpansion
{
    /// <summary>A mapping that looks a name up in each context in turn; an unknown name maps back to <c>$(name)</c>.</summary>
    public static Func<string, string> MappingFor(params IReadOnlyDictionary<string, string>?[] contexts) => name =>
    {
        foreach (var vars in contexts)
        {
            if (vars is not null && vars.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return "$(" + name + ")";
    };

    public static string Expand(string input, Func<string, string> mapping)
    {
        var sb = new StringBuilder(input.Length);
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length)
            {
                continue;
            }

            sb.Append(input, checkpoint, cursor - checkpoint);
            var (read, isVar, advance) = ReadVariableName(input.AsSpan(cursor + 1));
            sb.Append(isVar ? mapping(read) : read);
            cursor += advance;
            checkpoint = cursor + 1;
        }

        return sb.Append(input, checkpoint, input.Length - checkpoint).ToString();
    }

    private static (string Read, bool IsVar, int Advance) ReadVariableName(ReadOnlySpan<char> input)
    {
        switch (input[0])
        {
            case '$':
                return ("$", false, 1);
            case '(':
                var close = input.IndexOf(')');
                return close < 0 ? ("$(", false, 1) : (input[1..close].ToString(), true, close + 1);
            default:
                return ("$" + input[0], false, 1);
        }
    }
}
