using Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// Compiles <c>x-kubernetes-validations</c> rules. The <c>Cel</c> package parses at compile time but binds
/// names only when it runs, so every identifier and call is checked here against what the environment
/// provides (<c>self</c>, <c>oldSelf</c>, comprehension variables, <see cref="CelLibrary"/>'s functions):
/// a rule naming anything else is refused when its CRD is created, as cel-go's type check refuses it.
/// Results are cached by expression.
/// </summary>
internal static class CelCompiler
{
    private const int CacheLimit = 4096;

    private static readonly ConcurrentDictionary<string, (CelProgramDelegate? Program, bool UsesOldSelf, string? Error)> Cache = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Macros = new(StringComparer.Ordinal) { "all", "exists", "exists_one", "map", "filter" };

    private static readonly HashSet<string> Constants = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "int", "uint", "double", "string", "bytes", "bool", "list", "map", "null_type", "type",
    };

    public static CelCompiledRule Compile(ValidationRule rule)
    {
        var (program, usesOldSelf, error) = CompileExpression(rule.Rule);
        if (error is not null)
        {
            return new CelCompiledRule(null, null, usesOldSelf, error);
        }

        CelProgramDelegate? message = null;
        if (rule.MessageExpression is { Length: > 0 } messageExpression)
        {
            (message, _, var messageError) = CompileExpression(messageExpression);
            if (messageError is not null)
            {
                return new CelCompiledRule(null, null, usesOldSelf, "messageExpression " + messageError);
            }
        }

        return new CelCompiledRule(program, message, usesOldSelf, null);
    }

    /// <summary>Compiles one expression; the error is cel-go's issue text ("compilation failed: ERROR: &lt;input&gt;:1:6: …").</summary>
    public static (CelProgramDelegate? Program, bool UsesOldSelf, string? Error) CompileExpression(string expression)
    {
        if (Cache.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        (CelProgramDelegate?, bool, string?) result;
        var problem = CheckNames(expression, out var usesOldSelf);
        if (problem is not null)
        {
            result = (null, usesOldSelf, problem);
        }
        else
        {
            try
            {
                result = (CelLibrary.Compile(expression), usesOldSelf, null);
            }
            catch (CelException e)
            {
                result = (null, usesOldSelf, "compilation failed: ERROR: <input>: " + e.Message.Split('\n')[0]);
            }
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[expression] = result;
        return result;
    }

    /// <summary>Scans identifiers outside string literals; returns cel-go's undeclared-reference issue for the first unknown one.</summary>
    private static string? CheckNames(string expression, out bool usesOldSelf)
    {
        usesOldSelf = false;
        var tokens = Tokens(expression);
        var variables = new HashSet<string>(StringComparer.Ordinal) { "self", "oldSelf" };
        for (var i = 0; i < tokens.Count; i++)
        {
            // Comprehension variables: <receiver>.all(x, …) declares x.
            if (tokens[i].Text == "." && i + 4 < tokens.Count && Macros.Contains(tokens[i + 1].Text) && tokens[i + 2].Text == "(" && IsIdentifier(tokens[i + 3].Text) && tokens[i + 4].Text == ",")
            {
                variables.Add(tokens[i + 3].Text);
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!IsIdentifier(token.Text))
            {
                continue;
            }

            var member = i > 0 && tokens[i - 1].Text is "." or ".?";
            var call = i + 1 < tokens.Count && tokens[i + 1].Text == "(";
            var known = (member, call) switch
            {
                (true, true) => CelLibrary.MemberFunctions.Contains(token.Text),
                (true, false) => true,
                (false, true) => CelLibrary.GlobalFunctions.Contains(token.Text),
                _ => variables.Contains(token.Text) || Constants.Contains(token.Text) || token.Text == "in",
            };
            usesOldSelf |= !member && token.Text == "oldSelf";
            if (!known)
            {
                var (line, column) = Position(expression, token.Offset);
                var kind = member && call ? $"found no matching overload for '{token.Text}'" : $"undeclared reference to '{token.Text}' (in container '')";
                return $"compilation failed: ERROR: <input>:{line.ToString(CultureInfo.InvariantCulture)}:{column.ToString(CultureInfo.InvariantCulture)}: {kind}";
            }
        }

        return null;
    }

    private static bool IsIdentifier(string text) => text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_');

    private static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1 + text[..offset].Count(c => c == '\n');
        var column = offset - (text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1) + 1;
        return (line, column);
    }

    /// <summary>Identifiers, punctuation and the "." / ".?" selectors, skipping string and bytes literals and numbers.</summary>
    private static List<(string Text, int Offset)> Tokens(string expression)
    {
        var tokens = new List<(string, int)>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"' || (c is 'r' or 'R' or 'b' or 'B' && i + 1 < expression.Length && expression[i + 1] is '\'' or '"'))
            {
                i = SkipString(expression, i);
                tokens.Add(("\"", i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] == '_'))
                {
                    i++;
                }

                // A string literal may carry a prefix (r, b, rb, br …) longer than one letter.
                if (i < expression.Length && expression[i] is '\'' or '"' && expression[start..i].All(p => p is 'r' or 'R' or 'b' or 'B'))
                {
                    i = SkipString(expression, i);
                    tokens.Add(("\"", start));
                    continue;
                }

                tokens.Add((expression[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] == '.'))
                {
                    i++;
                }

                tokens.Add(("0", i));
            }
            else if (c == '.' && i + 1 < expression.Length && expression[i + 1] == '?')
            {
                tokens.Add((".?", i));
                i += 2;
            }
            else
            {
                tokens.Add((c.ToString(), i));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>The index just past the string literal starting at <paramref name="start"/> (prefix letters included).</summary>
    private static int SkipString(string text, int start)
    {
        var i = start;
        var raw = false;
        while (i < text.Length && text[i] is not ('\'' or '"'))
        {
            raw |= text[i] is 'r' or 'R';
            i++;
        }

        if (i >= text.Length)
        {
            return i;
        }

        var quote = text[i];
        var triple = i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote;
        var closing = triple ? new string(quote, 3) : quote.ToString();
        i += closing.Length;
        while (i < text.Length)
        {
            if (!raw && text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (string.CompareOrdinal(text, i, closing, 0, closing.Length) == 0)
            {
                return i + closing.Length;
            }

            i++;
        }

        return i;
    }
}
