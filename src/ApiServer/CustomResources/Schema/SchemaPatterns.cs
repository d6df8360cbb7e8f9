namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Schema <c>pattern</c>s with Go's RE2 semantics as closely as .NET allows: compiled with
/// <see cref="RegexOptions.NonBacktracking"/> (time linear in the input, as RE2, and no backreferences or
/// lookarounds, which RE2 refuses too), Go-only syntax translated (<c>(?P&lt;name&gt;</c>, POSIX classes,
/// <c>$</c> as end of text), unanchored like Go's MatchString. No match timeout: linear time already bounds
/// a match by the request's size, and the NonBacktracking engine answers a timed-out match wrongly
/// (measured: with a 1-tick timeout it reported <c>^a+$</c> matching "ab" once in 300 runs instead of throwing).
/// </summary>
internal static partial class SchemaPatterns
{
    private const int CacheLimit = 4096;

    private static readonly ConcurrentDictionary<string, (Regex? Regex, string? Error)> Cache = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = "\\x00-\\x7F", ["blank"] = "\\t ",
        ["cntrl"] = "\\x00-\\x1F\\x7F", ["digit"] = "0-9", ["graph"] = "!-~", ["lower"] = "a-z",
        ["print"] = " -~", ["punct"] = "!-/:-@\\[-`{-~", ["space"] = "\\t\\n\\v\\f\\r ", ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_", ["xdigit"] = "0-9A-Fa-f",
    };

    /// <summary>The compiled pattern, or null when it does not compile.</summary>
    public static Regex? Compiled(string pattern) => Get(pattern).Regex;

    /// <summary>The compile error upstream would print after "must be a valid regular expression, but isn't: ", or null.</summary>
    public static string? CompileError(string pattern) => Get(pattern).Error;

    /// <summary>True when <paramref name="text"/> matches; a pattern that does not compile yields false with its <paramref name="error"/>.</summary>
    public static bool IsMatch(string pattern, string text, out string? error)
    {
        var (regex, compileError) = Get(pattern);
        error = compileError;
        return regex is not null && regex.IsMatch(text);
    }

    private static (Regex? Regex, string? Error) Get(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        (Regex?, string?) compiled;
        try
        {
            compiled = (new Regex(Translate(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout), null);
        }
        catch (RegexParseException e)
        {
            compiled = (null, "error parsing regexp: " + GoError(e, pattern));
        }
        catch (ArgumentException e)
        {
            compiled = (null, "error parsing regexp: " + e.Message);
        }
        catch (NotSupportedException)
        {
            compiled = (null, "error parsing regexp: " + Unsupported(pattern));
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[pattern] = compiled;
        return compiled;
    }

    /// <summary>Go's regexp/syntax wording for the parse errors both dialects share.</summary>
    private static string GoError(RegexParseException e, string pattern) => e.Error switch
    {
        RegexParseError.InsufficientClosingParentheses => $"missing closing ): `{pattern}`",
        RegexParseError.InsufficientOpeningParentheses => $"unexpected ): `{pattern}`",
        RegexParseError.UnterminatedBracket => $"missing closing ]: `{pattern[Math.Max(0, pattern.LastIndexOf('[', Math.Min(pattern.Length - 1, Math.Max(0, e.Offset - 1))))..]}`",
        RegexParseError.QuantifierAfterNothing => $"missing argument to repetition operator: `{Near(pattern, e.Offset)}`",
        RegexParseError.NestedQuantifiersNotParenthesized => $"invalid nested repetition operator: `{Near(pattern, e.Offset)}`",
        RegexParseError.ReversedCharacterRange => "invalid character class range",
        RegexParseError.ReversedQuantifierRange => "invalid repeat count",
        _ => e.Message,
    };

    /// <summary>The operator at a parse error's offset (the character before it, as .NET points past it).</summary>
    private static string Near(string pattern, int offset) =>
        offset > 1 && offset <= pattern.Length && pattern[offset - 2] is '*' or '+' or '?' ? pattern[(offset - 2)..offset] : pattern[Math.Clamp(offset - 1, 0, Math.Max(0, pattern.Length - 1))..Math.Clamp(offset, 0, pattern.Length)];

    /// <summary>RE2 refuses lookarounds, atomic groups and backreferences, which NonBacktracking refuses too.</summary>
    private static string Unsupported(string pattern)
    {
        foreach (var construct in new[] { "(?<=", "(?<!", "(?=", "(?!", "(?>" })
        {
            if (pattern.Contains(construct, StringComparison.Ordinal))
            {
                return $"invalid or unsupported Perl syntax: `{construct}`";
            }
        }

        var backreference = Backreference().Match(pattern);
        return backreference.Success ? $"invalid escape sequence: `{backreference.Value}`" : "invalid or unsupported Perl syntax";
    }

    [GeneratedRegex(@"\\[1-9]")]
    private static partial Regex Backreference();

    /// <summary>Rewrites the RE2 constructs .NET spells differently; everything else is passed through.</summary>
    private static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        var multiline = MultilineFlag().IsMatch(pattern);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                if (pattern[i + 1] == 'Z')
                {
                    throw new ArgumentException("invalid escape sequence: `\\Z`");
                }

                result.Append(c).Append(pattern[i + 1]);
                i++;
                continue;
            }

            if (inClass)
            {
                if (c == '[' && pattern.AsSpan(i).StartsWith("[:") && pattern.IndexOf(":]", i + 2, StringComparison.Ordinal) is var end and > 0)
                {
                    var name = pattern[(i + 2)..end];
                    var negated = name.StartsWith('^');
                    if (PosixClasses.TryGetValue(negated ? name[1..] : name, out var range) && !negated)
                    {
                        result.Append(range);
                        i = end + 1;
                        continue;
                    }
                }

                if (c == ']')
                {
                    inClass = false;
                }

                result.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);

                    // A leading ] (or ^]) is a literal in both dialects; copy it so it does not close the class.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        result.Append('^');
                        i++;
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        result.Append("\\]");
                        i++;
                    }

                    break;
                case '$' when !multiline:
                    // Go's $ (without the m flag) is the end of the text; .NET's also matches before a final newline.
                    result.Append("\\z");
                    break;
                case '(' when pattern.AsSpan(i).StartsWith("(?P<"):
                    result.Append("(?<");
                    i += 3;
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"\(\?[a-zA-Z]*m[a-zA-Z]*[:)]")]
    private static partial Regex MultilineFlag();
}
