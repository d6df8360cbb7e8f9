using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Labels;

/// <summary>
/// Upstream's recursive-descent label selector parser (labels.Parser), with its error messages:
/// <c>[!]key [= | == | != | in | notin | &gt; | &lt; value(s)]</c>, requirements joined by commas.
/// In value position "in" and "notin" are plain identifiers.
/// </summary>
internal sealed class LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<(LabelToken Token, string Literal)> _tokens;
    private int _position;

    private LabelSelectorParser(string selector) => _tokens = LabelSelectorLexer.Scan(selector);

    /// <exception cref="SelectorException">The selector is malformed.</exception>
    public static List<LabelRequirement> Parse(string selector) => new LabelSelectorParser(selector).ParseAll();

    private List<LabelRequirement> ParseAll()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = Lookahead(asValue: true);
            switch (token)
            {
                case LabelToken.Identifier or LabelToken.DoesNotExist:
                    requirements.Add(ParseRequirementOrFail());
                    var (next, nextLiteral) = Consume(asValue: true);
                    if (next == LabelToken.EndOfString)
                    {
                        return requirements;
                    }

                    if (next != LabelToken.Comma)
                    {
                        throw new SelectorException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }

                    var (afterComma, afterCommaLiteral) = Lookahead(asValue: true);
                    if (afterComma is not (LabelToken.Identifier or LabelToken.DoesNotExist))
                    {
                        throw new SelectorException($"found '{afterCommaLiteral}', expected: identifier after ','");
                    }

                    break;
                case LabelToken.EndOfString:
                    return requirements;
                default:
                    throw new SelectorException($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirementOrFail()
    {
        try
        {
            return ParseRequirement();
        }
        catch (SelectorException e)
        {
            throw new SelectorException($"unable to parse requirement: {e.Message}");
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is SelectionOperator.Exists or SelectionOperator.DoesNotExist)
        {
            return LabelRequirement.Create(key, op.Value, []);
        }

        var binary = ParseOperator();
        var values = binary is SelectionOperator.In or SelectionOperator.NotIn ? ParseValues() : ParseExactValue();

        // Upstream collects values in a set: sorted, without repeats.
        return LabelRequirement.Create(key, binary, [.. values.Order(StringComparer.Ordinal)]);
    }

    private (string Key, SelectionOperator? Operator) ParseKeyAndInferOperator()
    {
        SelectionOperator? op = null;
        var (token, literal) = Consume(asValue: true);
        if (token == LabelToken.DoesNotExist)
        {
            op = SelectionOperator.DoesNotExist;
            (token, literal) = Consume(asValue: true);
        }

        if (token != LabelToken.Identifier)
        {
            throw new SelectorException($"found '{literal}', expected: identifier");
        }

        if (LabelValidation.KeyErrors(literal) is { Count: > 0 } errors)
        {
            // Upstream validates with a nil field path, which prints as "<nil>".
            throw new SelectorException(GoText.Invalid("<nil>", GoText.Quote(literal), string.Join("; ", errors)));
        }

        if (Lookahead(asValue: true).Token is LabelToken.EndOfString or LabelToken.Comma && op is null)
        {
            op = SelectionOperator.Exists;
        }

        return (literal, op);
    }

    private SelectionOperator ParseOperator()
    {
        var (token, literal) = Consume(asValue: false);
        return token switch
        {
            LabelToken.In => SelectionOperator.In,
            LabelToken.Equals => SelectionOperator.Equal,
            LabelToken.DoubleEquals => SelectionOperator.DoubleEqual,
            LabelToken.GreaterThan => SelectionOperator.GreaterThan,
            LabelToken.LessThan => SelectionOperator.LessThan,
            LabelToken.NotIn => SelectionOperator.NotIn,
            LabelToken.NotEquals => SelectionOperator.NotEqual,
            _ => throw new SelectorException($"found '{literal}', expected: {BinaryOperators}"),
        };
    }

    /// <summary>"(a,b)"; "()" and empty items stand for the empty value.</summary>
    private HashSet<string> ParseValues()
    {
        var (token, literal) = Consume(asValue: true);
        if (token != LabelToken.OpenParenthesis)
        {
            throw new SelectorException($"found '{literal}' expected: '('");
        }

        (token, literal) = Lookahead(asValue: true);
        switch (token)
        {
            case LabelToken.Identifier or LabelToken.Comma:
                var values = ParseIdentifierList();
                if (Consume(asValue: true).Token != LabelToken.ClosedParenthesis)
                {
                    // Upstream reports the token after '(' here, not the one that is wrong.
                    throw new SelectorException($"found '{literal}', expected: ')'");
                }

                return values;
            case LabelToken.ClosedParenthesis:
                Consume(asValue: true);
                return new HashSet<string>(StringComparer.Ordinal) { "" };
            default:
                throw new SelectorException($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    private HashSet<string> ParseIdentifierList()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(asValue: true);
            switch (token)
            {
                case LabelToken.Identifier:
                    values.Add(literal);
                    var (next, nextLiteral) = Lookahead(asValue: true);
                    if (next == LabelToken.ClosedParenthesis)
                    {
                        return values;
                    }

                    if (next != LabelToken.Comma)
                    {
                        throw new SelectorException($"found '{nextLiteral}', expected: ',' or ')'");
                    }

                    break;
                case LabelToken.Comma:
                    // "(,a" "a,,b" and "a,)" each hold an empty value.
                    if (values.Count == 0)
                    {
                        values.Add("");
                    }

                    if (Lookahead(asValue: true).Token is LabelToken.ClosedParenthesis or LabelToken.Comma)
                    {
                        values.Add("");
                    }

                    if (Lookahead(asValue: true).Token == LabelToken.ClosedParenthesis)
                    {
                        return values;
                    }

                    break;
                default:
                    throw new SelectorException($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private HashSet<string> ParseExactValue()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (Lookahead(asValue: true).Token is LabelToken.EndOfString or LabelToken.Comma)
        {
            values.Add("");
            return values;
        }

        var (token, literal) = Consume(asValue: true);
        if (token != LabelToken.Identifier)
        {
            throw new SelectorException($"found '{literal}', expected: identifier");
        }

        values.Add(literal);
        return values;
    }

    private (LabelToken Token, string Literal) Lookahead(bool asValue) => AsValue(_tokens[_position], asValue);

    private (LabelToken Token, string Literal) Consume(bool asValue) => AsValue(_tokens[_position++], asValue);

    /// <summary>Where a value is expected, the keywords "in" and "notin" are identifiers.</summary>
    private static (LabelToken Token, string Literal) AsValue((LabelToken Token, string Literal) item, bool asValue) =>
        asValue && item.Token is LabelToken.In or LabelToken.NotIn ? (LabelToken.Identifier, item.Literal) : item;
}
