namespace Orchestrator.ApiMachinery.Labels;

/// <summary>Splits a label selector into tokens the way upstream's labels.Lexer does.</summary>
internal static class LabelSelectorLexer
{
    private static readonly Dictionary<string, LabelToken> Literals = new(StringComparer.Ordinal)
    {
        [")"] = LabelToken.ClosedParenthesis,
        [","] = LabelToken.Comma,
        ["!"] = LabelToken.DoesNotExist,
        ["=="] = LabelToken.DoubleEquals,
        ["="] = LabelToken.Equals,
        [">"] = LabelToken.GreaterThan,
        ["in"] = LabelToken.In,
        ["<"] = LabelToken.LessThan,
        ["!="] = LabelToken.NotEquals,
        ["notin"] = LabelToken.NotIn,
        ["("] = LabelToken.OpenParenthesis,
    };

    /// <summary>Every token of <paramref name="selector"/>, ending with <see cref="LabelToken.EndOfString"/>.</summary>
    public static List<(LabelToken Token, string Literal)> Scan(string selector)
    {
        var tokens = new List<(LabelToken, string)>();
        var position = 0;
        while (true)
        {
            while (position < selector.Length && IsWhitespace(selector[position]))
            {
                position++;
            }

            // Go reads a NUL byte as the end of the input; so does this.
            if (position >= selector.Length || selector[position] == '\0')
            {
                tokens.Add((LabelToken.EndOfString, ""));
                return tokens;
            }

            tokens.Add(IsSpecial(selector[position]) ? ScanSymbol(selector, ref position) : ScanWord(selector, ref position));
        }
    }

    /// <summary>An identifier, or the keywords "in" and "notin".</summary>
    private static (LabelToken, string) ScanWord(string selector, ref int position)
    {
        var start = position;
        while (position < selector.Length && selector[position] != '\0' && !IsSpecial(selector[position]) && !IsWhitespace(selector[position]))
        {
            position++;
        }

        var word = selector[start..position];
        return Literals.TryGetValue(word, out var keyword) ? (keyword, word) : (LabelToken.Identifier, word);
    }

    /// <summary>The longest operator made of the symbols at <paramref name="position"/> ("!=" rather than "!").</summary>
    private static (LabelToken, string) ScanSymbol(string selector, ref int position)
    {
        var buffer = new StringBuilder();
        (LabelToken Token, string Literal)? last = null;
        while (position < selector.Length && IsSpecial(selector[position]))
        {
            buffer.Append(selector[position]);
            if (Literals.TryGetValue(buffer.ToString(), out var token))
            {
                last = (token, buffer.ToString());
            }
            else if (last is not null)
            {
                break;
            }

            position++;
        }

        return last ?? (LabelToken.Error, $"error expected: keyword found '{buffer}'");
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
