using static Orchestrator.Testing.HelmTemplate.ActionTokenizer;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>Parses the tokens of an action into a <see cref="Pipeline"/>: [$a[, $b] := | $a =] command | command ...</summary>
internal sealed class PipelineParser(List<Token> tokens, string where)
{
    private int _position;

    public static Pipeline Parse(string text, string where, bool allowTwoVariables = false)
    {
        var tokens = Tokenize(text, where);
        var parser = new PipelineParser(tokens, where);
        var pipeline = parser.ParsePipeline(allowTwoVariables, topLevel: true);
        return parser._position == tokens.Count ? pipeline : throw new TemplateException($"{where}: unexpected \"{tokens[parser._position].Text}\" in \"{text}\"");
    }

    private Pipeline ParsePipeline(bool allowTwoVariables, bool topLevel)
    {
        var variables = new List<string>();
        var assignment = false;
        if (topLevel && Declaration(allowTwoVariables) is { } declared)
        {
            (variables, assignment) = declared;
        }

        var commands = new List<Command>();
        while (true)
        {
            var operands = new List<Operand>();
            while (_position < tokens.Count && tokens[_position].Kind is not (Kind.Pipe or Kind.Close))
            {
                operands.Add(ParseOperand());
            }

            if (operands.Count == 0)
            {
                throw new TemplateException($"{where}: missing command in pipeline");
            }

            commands.Add(new Command(operands));
            if (_position < tokens.Count && tokens[_position].Kind == Kind.Pipe)
            {
                _position++;
                continue;
            }

            return new Pipeline(commands, variables, assignment);
        }
    }

    private (List<string>, bool)? Declaration(bool allowTwoVariables)
    {
        var names = new List<string>();
        var i = 0;
        while (i < tokens.Count && tokens[i].Kind == Kind.Variable && !tokens[i].Text.Contains('.', StringComparison.Ordinal))
        {
            names.Add(tokens[i].Text);
            i++;
            if (i < tokens.Count && tokens[i].Kind == Kind.Comma)
            {
                i++;
                continue;
            }

            break;
        }

        if (names.Count == 0 || i >= tokens.Count || tokens[i].Kind is not (Kind.Declare or Kind.Assign))
        {
            return null;
        }

        if (names.Count > (allowTwoVariables ? 2 : 1))
        {
            throw new TemplateException($"{where}: too many variables in declaration");
        }

        var assignment = tokens[i].Kind == Kind.Assign;
        _position = i + 1;
        return (names, assignment);
    }

    private Operand ParseOperand()
    {
        var token = tokens[_position++];
        switch (token.Kind)
        {
            case Kind.Field:
                return new FieldOperand(token.Text == "." ? [] : Path(token.Text));
            case Kind.Variable:
                var dot = token.Text.IndexOf('.', StringComparison.Ordinal);
                return dot < 0 ? new VariableOperand(token.Text, []) : new VariableOperand(token.Text[..dot], Path(token.Text[dot..]));
            case Kind.String:
            case Kind.Number:
                return new LiteralOperand(token.Value);
            case Kind.Identifier:
                return token.Text switch
                {
                    "true" => new LiteralOperand(true),
                    "false" => new LiteralOperand(false),
                    "nil" => new LiteralOperand(null),
                    _ => new FunctionOperand(token.Text),
                };
            case Kind.Open:
                var inner = ParsePipeline(false, topLevel: false);
                if (_position >= tokens.Count || tokens[_position].Kind != Kind.Close)
                {
                    throw new TemplateException($"{where}: unclosed parenthesis");
                }

                _position++;
                if (_position < tokens.Count && tokens[_position].Kind == Kind.Field && tokens[_position].Adjacent && tokens[_position].Text != ".")
                {
                    return new SubPipelineOperand(inner, Path(tokens[_position++].Text));
                }

                return new SubPipelineOperand(inner, []);
            default:
                throw new TemplateException($"{where}: unexpected \"{token.Text}\"");
        }
    }

    private static string[] Path(string chain) => chain.Split('.', StringSplitOptions.RemoveEmptyEntries);
}
