using System.Globalization;
using System.Text;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// The Go template, Sprig and Helm functions this renderer knows, with their argument order (a piped value is the last
/// argument). Any other function name fails: the chart may only use these.
/// </summary>
internal static class TemplateFunctions
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "default", "empty", "required", "fail", "quote", "squote",
        "toYaml", "indent", "nindent", "printf", "trunc", "trimSuffix", "trimPrefix", "b64enc", "list", "dict", "include",
        "int", "toString", "until", "append", "len", "index", "join", "lookup", "genPrivateKey", "genCAWithKey", "genSignedCertWithKey",
    };

    public static object? Call(TemplateEngine engine, string name, IReadOnlyList<Operand> operands, object? dot, bool piped, object? pipedValue)
    {
        if (name is "and" or "or")
        {
            // Go evaluates and/or lazily: the first false (and) or true (or) argument is the answer.
            object? last = null;
            var values = operands.Select(o => (Func<object?>)(() => engine.EvaluateOperand(o, dot))).ToList();
            if (piped)
            {
                values.Add(() => pipedValue);
            }

            if (values.Count == 0)
            {
                throw new TemplateException($"{name}: needs at least one argument");
            }

            foreach (var value in values)
            {
                last = value();
                if (TemplateEngine.IsTrue(last) != (name == "and"))
                {
                    return last;
                }
            }

            return last;
        }

        var arguments = operands.Select(o => engine.EvaluateOperand(o, dot)).ToList();
        if (piped)
        {
            arguments.Add(pipedValue);
        }

        return Invoke(engine, name, arguments);
    }

    private static object? Invoke(TemplateEngine engine, string name, List<object?> a) => name switch
    {
        "not" => !TemplateEngine.IsTrue(Single(name, a)),
        "eq" => a.Count >= 2 ? a.Skip(1).Any(b => Equal(a[0], b)) : throw Arity(name, a, 2),
        "ne" => a.Count == 2 ? !Equal(a[0], a[1]) : throw Arity(name, a, 2),
        "lt" => Compare(name, a) < 0,
        "le" => Compare(name, a) <= 0,
        "gt" => Compare(name, a) > 0,
        "ge" => Compare(name, a) >= 0,
        "default" => a.Count == 2 ? (IsEmpty(a[1]) ? a[0] : a[1]) : a.Count == 1 ? a[0] : throw Arity(name, a, 2),
        "empty" => IsEmpty(Single(name, a)),
        "required" => a.Count == 2 ? (a[1] is null or "" ? throw new TemplateException(Text(a[0])) : a[1]) : throw Arity(name, a, 2),
        "fail" => throw new TemplateException(Text(Single(name, a))),
        "quote" => string.Join(' ', a.Where(v => v is not null).Select(v => GoQuote(TemplateEngine.Print(v)))),
        "squote" => string.Join(' ', a.Where(v => v is not null).Select(v => "'" + TemplateEngine.Print(v) + "'")),
        "toYaml" => YamlWriter.Write(Single(name, a)),
        "indent" => a.Count == 2 ? Indent(ToInt(a[0]), Text(a[1])) : throw Arity(name, a, 2),
        "nindent" => a.Count == 2 ? "\n" + Indent(ToInt(a[0]), Text(a[1])) : throw Arity(name, a, 2),
        "printf" => a.Count >= 1 ? GoFormat.Sprintf(Text(a[0]), a.Skip(1).ToList()) : throw Arity(name, a, 1),
        "trunc" => a.Count == 2 ? Truncate(ToInt(a[0]), Text(a[1])) : throw Arity(name, a, 2),
        "trimSuffix" => a.Count == 2 ? TrimSuffix(Text(a[1]), Text(a[0])) : throw Arity(name, a, 2),
        "trimPrefix" => a.Count == 2 ? (Text(a[1]).StartsWith(Text(a[0]), StringComparison.Ordinal) ? Text(a[1])[Text(a[0]).Length..] : Text(a[1])) : throw Arity(name, a, 2),
        "b64enc" => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Single(name, a)))),
        "list" => a.ToList(),
        "until" => Enumerable.Range(0, (int)ToInt(Single(name, a))).Select(i => (object?)(long)i).ToList(),
        "append" => a.Count == 2 ? AsList(a[0]).Append(a[1]).ToList() : throw Arity(name, a, 2),
        "dict" => Dict(a),
        "include" => a.Count == 2 ? engine.Include(Text(a[0]), a[1]) : throw Arity(name, a, 2),
        "int" => ToInt(Single(name, a)),
        "toString" => TemplateEngine.Print(Single(name, a)),
        "len" => Single(name, a) switch
        {
            string s => (long)s.Length,
            System.Collections.ICollection c => (long)c.Count,
            var other => throw new TemplateException($"len of {TemplateEngine.Describe(other)}"),
        },
        "index" => a.Count >= 2 ? a.Skip(1).Aggregate(a[0], Index) : throw Arity(name, a, 2),
        "join" => a.Count == 2 ? string.Join(Text(a[0]), AsList(a[1]).Select(TemplateEngine.Print)) : throw Arity(name, a, 2),
        // helm template (no cluster) answers lookup with an empty map; so does this renderer, always.
        "lookup" => a.Count == 4 ? new Dictionary<string, object?>() : throw Arity(name, a, 4),
        "genPrivateKey" => TemplateCrypto.GeneratePrivateKey(Text(Single(name, a))),
        "genCAWithKey" => a.Count == 3 ? TemplateCrypto.CertificateAuthority(Text(a[0]), ToInt(a[1]), Text(a[2])) : throw Arity(name, a, 3),
        "genSignedCertWithKey" => a.Count == 6 ? TemplateCrypto.SignedCertificate(Text(a[0]), AsList(a[1]), AsList(a[2]), ToInt(a[3]), a[4], Text(a[5])) : throw Arity(name, a, 6),
        _ => throw new TemplateException($"function \"{name}\" is not supported by this renderer"),
    };

    public static bool IsEmpty(object? value) => !TemplateEngine.IsTrue(value);

    private static object? Single(string name, List<object?> a) => a.Count == 1 ? a[0] : throw Arity(name, a, 1);

    private static TemplateException Arity(string name, List<object?> a, int wanted) =>
        new($"wrong number of args for {name}: want {wanted} got {a.Count}");

    private static string Text(object? value) => value is string s ? s : TemplateEngine.Print(value);

    private static List<object?> AsList(object? value) => value switch
    {
        null => [],
        IList<object?> list => [.. list],
        _ => throw new TemplateException($"expected a list, not {TemplateEngine.Describe(value)}"),
    };

    private static long ToInt(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        null => 0,
        _ => throw new TemplateException($"can't convert {TemplateEngine.Describe(value)} to int"),
    };

    private static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        _ when IsNumber(a) && IsNumber(b) => Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture),
        _ => throw new TemplateException($"incompatible types for comparison: {TemplateEngine.Describe(a)} and {TemplateEngine.Describe(b)}"),
    };

    private static int Compare(string name, List<object?> a)
    {
        if (a.Count != 2)
        {
            throw Arity(name, a, 2);
        }

        return (a[0], a[1]) switch
        {
            (string x, string y) => string.CompareOrdinal(x, y),
            var (x, y) when IsNumber(x) && IsNumber(y) => Convert.ToDouble(x, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, CultureInfo.InvariantCulture)),
            _ => throw new TemplateException($"{name}: incompatible types for comparison: {TemplateEngine.Describe(a[0])} and {TemplateEngine.Describe(a[1])}"),
        };
    }

    private static bool IsNumber(object? value) => value is long or int or double;

    private static string Indent(long spaces, string text)
    {
        var pad = new string(' ', (int)spaces);
        return pad + text.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static string Truncate(long length, string text) => length switch
    {
        >= 0 when text.Length > length => text[..(int)length],
        < 0 when text.Length + length > 0 => text[(int)(text.Length + length)..],
        _ => text,
    };

    private static string TrimSuffix(string text, string suffix) =>
        suffix.Length > 0 && text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text;

    private static Dictionary<string, object?> Dict(List<object?> a)
    {
        if (a.Count % 2 != 0)
        {
            throw new TemplateException("dict needs key and value pairs");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < a.Count; i += 2)
        {
            map[Text(a[i])] = a[i + 1];
        }

        return map;
    }

    private static object? Index(object? collection, object? key) => collection switch
    {
        IDictionary<string, object?> map => map.TryGetValue(Text(key), out var value) ? value : null,
        IList<object?> list => ToInt(key) is var i && i >= 0 && i < list.Count ? list[(int)i] : throw new TemplateException($"index out of range: {i}"),
        null => throw new TemplateException("index of untyped nil"),
        _ => throw new TemplateException($"can't index item of type {TemplateEngine.Describe(collection)}"),
    };

    /// <summary>Go's %q for a string (a JSON string is the same for the printable text charts hold).</summary>
    public static string GoQuote(string text) => System.Text.Json.JsonSerializer.Serialize(text, QuoteOptions);

    private static readonly System.Text.Json.JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
