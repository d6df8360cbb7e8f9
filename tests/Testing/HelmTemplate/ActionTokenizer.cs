using System.Globalization;
using System.Text;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>The tokens inside one action: identifiers, .field chains, $variables (with their .field chains), strings, numbers, ( ) | := = ,.</summary>
internal static class ActionTokenizer
{
    public enum Kind { Identifier, Field, Variable, String, Number, Open, Close, Pipe, Declare, Assign, Comma }

    /// <summary>One token; <see cref="Adjacent"/> when nothing separates it from the token before (a .field after a closing parenthesis).</summary>
    public readonly record struct Token(Kind Kind, string Text, object? Value, bool Adjacent);

    public static List<Token> Tokenize(string action, string where)
    {
        var tokens = new List<Token>();
        var i = 0;
        var lastEnd = -1;
        while (i < action.Length)
        {
            var c = action[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            var adjacent = start == lastEnd;
            Token token;
            if (c == '.' && i + 1 < action.Length && IsIdentifierStart(action[i + 1]))
            {
                token = new Token(Kind.Field, ReadChain(action, ref i), null, adjacent);
            }
            else if (c == '.')
            {
                i++;
                token = new Token(Kind.Field, ".", null, adjacent);
            }
            else if (c == '$')
            {
                i++;
                while (i < action.Length && IsIdentifierPart(action[i]))
                {
                    i++;
                }

                var name = action[start..i];
                var chain = i < action.Length && action[i] == '.' && i + 1 < action.Length && IsIdentifierStart(action[i + 1]) ? ReadChain(action, ref i) : "";
                token = new Token(Kind.Variable, name + chain, null, adjacent);
            }
            else if (c is '"' or '`')
            {
                token = new Token(Kind.String, "", ReadString(action, ref i, where), adjacent);
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < action.Length && char.IsDigit(action[i + 1])))
            {
                i++;
                while (i < action.Length && (char.IsDigit(action[i]) || action[i] == '.'))
                {
                    i++;
                }

                var text = action[start..i];
                object number = text.Contains('.', StringComparison.Ordinal)
                    ? (object)double.Parse(text, CultureInfo.InvariantCulture)
                    : (object)long.Parse(text, CultureInfo.InvariantCulture);
                token = new Token(Kind.Number, text, number, adjacent);
            }
            else if (IsIdentifierStart(c))
            {
                while (i < action.Length && IsIdentifierPart(action[i]))
                {
                    i++;
                }

                token = new Token(Kind.Identifier, action[start..i], null, adjacent);
            }
            else
            {
                (token, i) = c switch
                {
                    '(' => (new Token(Kind.Open, "(", null, adjacent), i + 1),
                    ')' => (new Token(Kind.Close, ")", null, adjacent), i + 1),
                    '|' => (new Token(Kind.Pipe, "|", null, adjacent), i + 1),
                    ',' => (new Token(Kind.Comma, ",", null, adjacent), i + 1),
                    ':' when i + 1 < action.Length && action[i + 1] == '=' => (new Token(Kind.Declare, ":=", null, adjacent), i + 2),
                    '=' => (new Token(Kind.Assign, "=", null, adjacent), i + 1),
                    _ => throw new TemplateException($"{where}: unsupported character '{c}' in action \"{action}\""),
                };
            }

            tokens.Add(token);
            lastEnd = i;
        }

        return tokens;
    }

    private static string ReadChain(string action, ref int i)
    {
        var start = i;
        while (i < action.Length && action[i] == '.' && i + 1 < action.Length && IsIdentifierStart(action[i + 1]))
        {
            i++;
            while (i < action.Length && IsIdentifierPart(action[i]))
            {
                i++;
            }
        }

        return action[start..i];
    }

    private static string ReadString(string action, ref int i, string where)
    {
        var quote = action[i++];
        var text = new StringBuilder();
        while (i < action.Length && action[i] != quote)
        {
            var c = action[i++];
            if (quote == '"' && c == '\\')
            {
                if (i >= action.Length)
                {
                    break;
                }

                var escaped = action[i++];
                text.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '\\' => '\\',
                    '"' => '"',
                    _ => throw new TemplateException($"{where}: unsupported escape \\{escaped} in a string"),
                });
                continue;
            }

            text.Append(c);
        }

        if (i >= action.Length)
        {
            throw new TemplateException($"{where}: unterminated string in \"{action}\"");
        }

        i++;
        return text.ToString();
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
