using System.Collections;
using Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// The CEL environment of CRD rules: the CEL standard library of the <c>Cel</c> package plus the Kubernetes
/// extensions this project implements (strings: charAt, indexOf, lastIndexOf, lowerAscii, upperAscii,
/// replace, split, substring, trim, join; lists: isSorted, sum, min, max, indexOf, lastIndexOf; regex:
/// find, findAll; URLs: url, isURL, getScheme, getHost, getHostname, getPort, getEscapedPath, getQuery).
/// Compiling is serialized (the environment is shared); compiled programs are safe to run concurrently.
/// </summary>
internal static class CelLibrary
{
    private static readonly Lock Gate = new();

    private static readonly CelEnvironment Environment = Create();

    /// <summary>The member functions rules may call (the receiver is the first argument).</summary>
    public static readonly IReadOnlySet<string> MemberFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        // CEL standard library.
        "size", "contains", "startsWith", "endsWith", "matches", "all", "exists", "exists_one", "map", "filter",
        "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getFullYear", "getHours", "getMilliseconds",
        "getMinutes", "getMonth", "getSeconds",

        // Kubernetes extensions.
        "charAt", "indexOf", "lastIndexOf", "lowerAscii", "upperAscii", "replace", "split", "substring", "trim", "join",
        "isSorted", "sum", "min", "max", "find", "findAll",
        "getScheme", "getHost", "getHostname", "getPort", "getEscapedPath", "getQuery",
    };

    /// <summary>The global functions rules may call.</summary>
    public static readonly IReadOnlySet<string> GlobalFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "has", "size", "int", "uint", "double", "string", "bytes", "bool", "type", "dyn", "duration", "timestamp",
        "matches", "url", "isURL",
    };

    public static CelProgramDelegate Compile(string expression)
    {
        lock (Gate)
        {
            return Environment.Compile(expression);
        }
    }

    private static CelEnvironment Create()
    {
        var env = new CelEnvironment(null, null);
        Type str = typeof(string), integer = typeof(long), list = typeof(IList), any = typeof(object);
        env.RegisterFunction("charAt", [str, integer], a => CharAt(S(a[0]), L(a[1])));
        env.RegisterFunction("indexOf", [str, str], a => (long)S(a[0]).IndexOf(S(a[1]), StringComparison.Ordinal));
        env.RegisterFunction("indexOf", [str, str, integer], a => (long)S(a[0]).IndexOf(S(a[1]), Offset(S(a[0]), L(a[2])), StringComparison.Ordinal));
        env.RegisterFunction("lastIndexOf", [str, str], a => (long)S(a[0]).LastIndexOf(S(a[1]), StringComparison.Ordinal));
        env.RegisterFunction("lastIndexOf", [str, str, integer], a => (long)S(a[0])[..Math.Min(S(a[0]).Length, Offset(S(a[0]), L(a[2])) + S(a[1]).Length)].LastIndexOf(S(a[1]), StringComparison.Ordinal));
        env.RegisterFunction("lowerAscii", [str], a => string.Concat(S(a[0]).Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c)));
        env.RegisterFunction("upperAscii", [str], a => string.Concat(S(a[0]).Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c)));
        env.RegisterFunction("replace", [str, str, str], a => S(a[0]).Replace(S(a[1]), S(a[2]), StringComparison.Ordinal));
        env.RegisterFunction("replace", [str, str, str, integer], a => Replace(S(a[0]), S(a[1]), S(a[2]), L(a[3])));
        env.RegisterFunction("split", [str, str], a => Split(S(a[0]), S(a[1]), -1));
        env.RegisterFunction("split", [str, str, integer], a => Split(S(a[0]), S(a[1]), L(a[2])));
        env.RegisterFunction("substring", [str, integer], a => S(a[0])[Offset(S(a[0]), L(a[1]))..]);
        env.RegisterFunction("substring", [str, integer, integer], a => Substring(S(a[0]), L(a[1]), L(a[2])));
        env.RegisterFunction("trim", [str], a => S(a[0]).Trim());
        env.RegisterFunction("join", [list], a => string.Join("", Items(a[0]).Select(S)));
        env.RegisterFunction("join", [list, str], a => string.Join(S(a[1]), Items(a[0]).Select(S)));
        env.RegisterFunction("isSorted", [list], a => IsSorted(Items(a[0])));
        env.RegisterFunction("sum", [list], a => Sum(Items(a[0])));
        env.RegisterFunction("min", [list], a => Items(a[0]).Min(Order.Instance) ?? throw new InvalidOperationException("min called on empty list"));
        env.RegisterFunction("max", [list], a => Items(a[0]).Max(Order.Instance) ?? throw new InvalidOperationException("max called on empty list"));
        env.RegisterFunction("indexOf", [list, any], a => (long)Items(a[0]).FindIndex(x => Equals(x, a[1])));
        env.RegisterFunction("lastIndexOf", [list, any], a => (long)Items(a[0]).FindLastIndex(x => Equals(x, a[1])));
        env.RegisterFunction("find", [str, str], a => Pattern(S(a[1])).Match(S(a[0])) is { Success: true } m ? m.Value : "");
        env.RegisterFunction("findAll", [str, str], a => Pattern(S(a[1])).Matches(S(a[0])).Select(m => (object?)m.Value).ToList());
        env.RegisterFunction("findAll", [str, str, integer], a => Pattern(S(a[1])).Matches(S(a[0])).Take(L(a[2]) < 0 ? int.MaxValue : (int)L(a[2])).Select(m => (object?)m.Value).ToList());
        env.RegisterFunction("url", [str], a => CelUrl.Parse(S(a[0])));
        env.RegisterFunction("isURL", [str], a => CelUrl.TryParse(S(a[0]), out _));
        env.RegisterFunction("getScheme", [typeof(CelUrl)], a => ((CelUrl)a[0]!).Scheme);
        env.RegisterFunction("getHost", [typeof(CelUrl)], a => ((CelUrl)a[0]!).Host);
        env.RegisterFunction("getHostname", [typeof(CelUrl)], a => ((CelUrl)a[0]!).Hostname);
        env.RegisterFunction("getPort", [typeof(CelUrl)], a => ((CelUrl)a[0]!).Port);
        env.RegisterFunction("getEscapedPath", [typeof(CelUrl)], a => ((CelUrl)a[0]!).EscapedPath);
        env.RegisterFunction("getQuery", [typeof(CelUrl)], a => ((CelUrl)a[0]!).Query);
        return env;
    }

    private static string S(object? value) => value as string ?? throw new InvalidOperationException("no such overload");

    private static long L(object? value) => value is long n ? n : throw new InvalidOperationException("no such overload");

    private static List<object?> Items(object? value) => value is IList list ? list.Cast<object?>().ToList() : throw new InvalidOperationException("no such overload");

    /// <summary>A code point offset as a UTF-16 index; out of range is an error as in cel-go.</summary>
    private static int Offset(string text, long codePoints)
    {
        var runes = text.EnumerateRunes().ToList();
        if (codePoints < 0 || codePoints > runes.Count)
        {
            throw new InvalidOperationException($"index out of range: {codePoints.ToString(CultureInfo.InvariantCulture)}");
        }

        return runes.Take((int)codePoints).Sum(r => r.Utf16SequenceLength);
    }

    private static string CharAt(string text, long index)
    {
        var start = Offset(text, index);
        return start >= text.Length ? "" : char.IsHighSurrogate(text[start]) ? text.Substring(start, 2) : text[start].ToString();
    }

    private static string Substring(string text, long start, long end)
    {
        if (end < start)
        {
            throw new InvalidOperationException($"invalid substring range. start: {start.ToString(CultureInfo.InvariantCulture)}, end: {end.ToString(CultureInfo.InvariantCulture)}");
        }

        var from = Offset(text, start);
        return text[from..Offset(text, end)];
    }

    private static string Replace(string text, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return text.Replace(old, replacement, StringComparison.Ordinal);
        }

        var result = text;
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var found = result.IndexOf(old, at, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            result = string.Concat(result.AsSpan(0, found), replacement, result.AsSpan(found + old.Length));
            at = found + replacement.Length;
        }

        return result;
    }

    private static List<object?> Split(string text, string separator, long count) =>
        count == 0 ? [] : (count < 0 ? text.Split(separator) : text.Split(separator, (int)Math.Min(count, int.MaxValue))).Select(s => (object?)s).ToList();

    private static bool IsSorted(List<object?> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (Order.Instance.Compare(items[i - 1], items[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static object Sum(List<object?> items) =>
        items.Count == 0 ? 0L
        : items.All(i => i is long) ? checked(items.Sum(i => (long)i!))
        : items.All(i => i is double) ? items.Sum(i => (double)i!)
        : throw new InvalidOperationException("no such overload");

    private static Regex Pattern(string pattern) =>
        SchemaPatterns.Compiled(pattern) ?? throw new InvalidOperationException($"regex compile error: {SchemaPatterns.CompileError(pattern)}");

    /// <summary>CEL ordering of comparable scalars of one type.</summary>
    private sealed class Order : IComparer<object?>
    {
        public static readonly Order Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (long a, long b) => a.CompareTo(b),
            (double a, double b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            (bool a, bool b) => a.CompareTo(b),
            _ => throw new InvalidOperationException("no such overload"),
        };
    }
}
