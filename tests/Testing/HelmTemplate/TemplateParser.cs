namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// Builds the node tree of a template: text, actions, if/else if/else, with/else, range/else, define and template.
/// Any other keyword (block, break, continue, else with) fails loudly.
/// </summary>
internal sealed class TemplateParser
{
    private readonly IReadOnlyList<TemplateLexer.Item> _items;
    private readonly string _name;
    private readonly Dictionary<string, IReadOnlyList<TemplateNode>> _defines;
    private int _position;

    private TemplateParser(IReadOnlyList<TemplateLexer.Item> items, string name, Dictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        _items = items;
        _name = name;
        _defines = defines;
    }

    /// <summary>Parses <paramref name="template"/>; its {{ define }}s are added to <paramref name="defines"/> and the rest is returned.</summary>
    public static IReadOnlyList<TemplateNode> Parse(string template, string name, Dictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var parser = new TemplateParser(TemplateLexer.Split(template, name), name, defines);
        var (nodes, end) = parser.ParseList(topLevel: true);
        return end is null ? nodes : throw new TemplateException($"{name}: unexpected {{{{{end}}}}}");
    }

    /// <summary>Nodes up to an {{end}} or {{else...}} (returned as the terminator's text), or the end of input at top level.</summary>
    private (List<TemplateNode> Nodes, string? Terminator) ParseList(bool topLevel)
    {
        var nodes = new List<TemplateNode>();
        while (_position < _items.Count)
        {
            var item = _items[_position++];
            if (!item.IsAction)
            {
                nodes.Add(new TextNode(item.Content));
                continue;
            }

            var where = $"{_name}:{item.Line}";
            var (keyword, rest) = SplitKeyword(item.Content);
            switch (keyword)
            {
                case "end":
                case "else":
                    if (topLevel)
                    {
                        throw new TemplateException($"{where}: unexpected {{{{{item.Content}}}}}");
                    }

                    return (nodes, item.Content);
                case "if":
                    nodes.Add(ParseIf(rest, where));
                    break;
                case "with":
                    var (withBody, withElse) = ParseBody(where, allowElseIf: false);
                    nodes.Add(new WithNode(PipelineParser.Parse(rest, where), withBody, withElse));
                    break;
                case "range":
                    var (rangeBody, rangeElse) = ParseBody(where, allowElseIf: false);
                    nodes.Add(new RangeNode(PipelineParser.Parse(rest, where, allowTwoVariables: true), rangeBody, rangeElse));
                    break;
                case "define":
                    var name = QuotedName(rest, where);
                    var (body, terminator) = ParseList(topLevel: false);
                    if (terminator != "end")
                    {
                        throw new TemplateException($"{where}: define \"{name}\" must end with {{{{end}}}}");
                    }

                    _defines[name] = body;
                    break;
                case "template":
                    nodes.Add(ParseTemplateCall(rest, where));
                    break;
                case "block" or "break" or "continue":
                    throw new TemplateException($"{where}: {{{{{keyword}}}}} is not supported by this renderer");
                default:
                    nodes.Add(new ActionNode(PipelineParser.Parse(item.Content, where)));
                    break;
            }
        }

        return topLevel ? (nodes, null) : throw new TemplateException($"{_name}: missing {{{{end}}}}");
    }

    private IfNode ParseIf(string condition, string where)
    {
        var (then, terminator) = ParseList(topLevel: false);
        var pipeline = PipelineParser.Parse(condition, where);
        if (terminator == "end")
        {
            return new IfNode(pipeline, then, []);
        }

        var (_, elseRest) = SplitKeyword(terminator!);
        if (elseRest.Length == 0)
        {
            var (elseNodes, elseEnd) = ParseList(topLevel: false);
            return elseEnd == "end" ? new IfNode(pipeline, then, elseNodes) : throw new TemplateException($"{where}: expected {{{{end}}}} after {{{{else}}}}");
        }

        var (keyword, nested) = SplitKeyword(elseRest);
        return keyword == "if"
            ? new IfNode(pipeline, then, [ParseIf(nested, where)])
            : throw new TemplateException($"{where}: {{{{else {keyword}}}}} is not supported by this renderer");
    }

    private (List<TemplateNode> Body, List<TemplateNode> Else) ParseBody(string where, bool allowElseIf)
    {
        var (body, terminator) = ParseList(topLevel: false);
        if (terminator == "end")
        {
            return (body, []);
        }

        if (terminator != "else" || allowElseIf)
        {
            throw new TemplateException($"{where}: {{{{{terminator}}}}} is not supported here by this renderer");
        }

        var (elseNodes, elseEnd) = ParseList(topLevel: false);
        return elseEnd == "end" ? (body, elseNodes) : throw new TemplateException($"{where}: expected {{{{end}}}}");
    }

    private static TemplateCallNode ParseTemplateCall(string rest, string where)
    {
        var name = QuotedName(rest, where);
        var afterName = rest.Trim()[(name.Length + 2)..].Trim();
        return new TemplateCallNode(name, afterName.Length == 0 ? null : PipelineParser.Parse(afterName, where));
    }

    private static string QuotedName(string rest, string where)
    {
        var text = rest.Trim();
        if (text.Length < 2 || text[0] != '"')
        {
            throw new TemplateException($"{where}: expected a quoted template name, not \"{text}\"");
        }

        var end = text.IndexOf('"', 1);
        return end > 0 ? text[1..end] : throw new TemplateException($"{where}: unterminated template name");
    }

    private static (string Keyword, string Remainder) SplitKeyword(string content)
    {
        var space = content.IndexOfAny([' ', '\t', '\n', '\r']);
        return space < 0 ? (content, "") : (content[..space], content[(space + 1)..].Trim());
    }
}
