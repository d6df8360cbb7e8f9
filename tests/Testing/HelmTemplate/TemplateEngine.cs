using System.Globalization;
using System.Text;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// Evaluates parsed templates against a context (Go text/template semantics for the supported subset): <c>.</c> is
/// rebound by range and with, <c>$</c> is the root context, variables live until the end of their block, a field of a
/// missing map key is nil (printed as nothing, as Helm prints it), a field of nil fails, and truth is Go's (false, 0,
/// nil, empty string, map or list are false).
/// </summary>
public sealed class TemplateEngine
{
    private const int MaxIncludeDepth = 100;

    private readonly Dictionary<string, IReadOnlyList<TemplateNode>> _defines = new(StringComparer.Ordinal);
    private readonly List<(string Name, object? Value)> _variables = [];
    private int _depth;

    /// <summary>Parses <paramref name="template"/>: its defines become available to every template; the rest is returned for <see cref="Render"/>.</summary>
    public IReadOnlyList<TemplateNode> Parse(string template, string name) => TemplateParser.Parse(template, name, _defines);

    public string Render(IReadOnlyList<TemplateNode> nodes, object? context)
    {
        _variables.Clear();
        _variables.Add(("$", context));
        var output = new StringBuilder();
        Execute(nodes, context, output);
        return output.ToString();
    }

    /// <summary>Renders a named define with <paramref name="context"/> as its dot and root (include, template).</summary>
    internal string Include(string name, object? context)
    {
        if (!_defines.TryGetValue(name, out var body))
        {
            throw new TemplateException($"no template \"{name}\" defined");
        }

        if (++_depth > MaxIncludeDepth)
        {
            throw new TemplateException($"include \"{name}\": nested more than {MaxIncludeDepth} deep");
        }

        var saved = _variables.ToList();
        try
        {
            _variables.Clear();
            _variables.Add(("$", context));
            var output = new StringBuilder();
            Execute(body, context, output);
            return output.ToString();
        }
        finally
        {
            _variables.Clear();
            _variables.AddRange(saved);
            _depth--;
        }
    }

    private void Execute(IReadOnlyList<TemplateNode> nodes, object? dot, StringBuilder output)
    {
        var mark = _variables.Count;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ActionNode action:
                    var value = EvaluatePipeline(action.Pipeline, dot);
                    if (action.Pipeline.Variables.Count == 0)
                    {
                        output.Append(Print(value));
                    }

                    break;
                case IfNode branch:
                    Execute(IsTrue(EvaluatePipeline(branch.Condition, dot)) ? branch.Then : branch.Else, dot, output);
                    break;
                case WithNode with:
                    var withMark = _variables.Count;
                    var withValue = EvaluatePipeline(with.Value, dot);
                    if (IsTrue(withValue))
                    {
                        Execute(with.Body, withValue, output);
                    }
                    else
                    {
                        Execute(with.Else, dot, output);
                    }

                    _variables.RemoveRange(withMark, _variables.Count - withMark);
                    break;
                case RangeNode range:
                    ExecuteRange(range, dot, output);
                    break;
                case TemplateCallNode call:
                    output.Append(Include(call.Name, call.Argument is null ? null : EvaluatePipeline(call.Argument, dot)));
                    break;
                default:
                    throw new TemplateException($"unsupported node {node.GetType().Name}");
            }
        }

        _variables.RemoveRange(mark, _variables.Count - mark);
    }

    private void ExecuteRange(RangeNode range, object? dot, StringBuilder output)
    {
        var mark = _variables.Count;
        var declared = range.Value.Variables;
        var items = EvaluatePipeline(range.Value with { Variables = [] }, dot) switch
        {
            null => [],
            IDictionary<string, object?> map => map.Keys.Order(StringComparer.Ordinal).Select(k => ((object?)k, map[k])).ToList(),
            IList<object?> list => list.Select((v, i) => ((object?)(long)i, v)).ToList(),
            long count => Enumerable.Range(0, (int)count).Select(i => ((object?)(long)i, (object?)(long)i)).ToList(),
            var other => throw new TemplateException($"range can't iterate over {Describe(other)}"),
        };
        if (items.Count == 0)
        {
            Execute(range.Else, dot, output);
            return;
        }

        foreach (var (key, value) in items)
        {
            if (declared.Count == 1)
            {
                _variables.Add((declared[0], value));
            }
            else if (declared.Count == 2)
            {
                _variables.Add((declared[0], key));
                _variables.Add((declared[1], value));
            }

            Execute(range.Body, value, output);
            _variables.RemoveRange(mark, _variables.Count - mark);
        }
    }

    internal object? EvaluatePipeline(Pipeline pipeline, object? dot)
    {
        object? value = null;
        var piped = false;
        foreach (var command in pipeline.Commands)
        {
            value = EvaluateCommand(command, dot, piped, value);
            piped = true;
        }

        if (pipeline.Variables.Count == 1)
        {
            var name = pipeline.Variables[0];
            if (pipeline.IsAssignment)
            {
                var index = _variables.FindLastIndex(v => v.Name == name);
                _variables[index >= 0 ? index : throw new TemplateException($"undefined variable {name}")] = (name, value);
            }
            else
            {
                _variables.Add((name, value));
            }
        }

        return value;
    }

    private object? EvaluateCommand(Command command, object? dot, bool piped, object? pipedValue)
    {
        if (command.Operands[0] is FunctionOperand function)
        {
            var arguments = command.Operands.Skip(1).ToList();
            return TemplateFunctions.Call(this, function.Name, arguments, dot, piped, pipedValue);
        }

        if (command.Operands.Count > 1 || piped)
        {
            throw new TemplateException($"can't give argument to non-function {command.Operands[0]}");
        }

        return EvaluateOperand(command.Operands[0], dot);
    }

    internal object? EvaluateOperand(Operand operand, object? dot) => operand switch
    {
        FieldOperand field => Walk(dot, field.Path, "."),
        VariableOperand variable => Walk(Variable(variable.Name), variable.Path, variable.Name),
        LiteralOperand literal => literal.Value,
        SubPipelineOperand sub => Walk(EvaluatePipeline(sub.Pipeline, dot), sub.Path, "(...)"),
        FunctionOperand function => TemplateFunctions.Call(this, function.Name, [], dot, false, null),
        _ => throw new TemplateException($"unsupported operand {operand}"),
    };

    private object? Variable(string name)
    {
        var index = _variables.FindLastIndex(v => v.Name == name);
        return index >= 0 ? _variables[index].Value : throw new TemplateException($"undefined variable \"{name}\"");
    }

    private static object? Walk(object? value, IReadOnlyList<string> path, string start)
    {
        var where = start;
        foreach (var name in path)
        {
            value = value switch
            {
                IDictionary<string, object?> map => map.TryGetValue(name, out var child) ? child : null,
                null => throw new TemplateException($"nil pointer evaluating interface {{}}.{name} (at {where})"),
                _ => throw new TemplateException($"can't evaluate field {name} in {Describe(value)} (at {where})"),
            };
            where += "." + name;
        }

        return value;
    }

    /// <summary>Go template truth.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>How an action prints a value; maps and lists fail (Go would print map[...]: use toYaml).</summary>
    public static string Print(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long or int => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => FormatFloat(d),
        _ => throw new TemplateException($"printing {Describe(value)} is not supported: use toYaml"),
    };

    public static string FormatFloat(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 1e21 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    internal static string Describe(object? value) => value switch
    {
        null => "nil",
        IDictionary<string, object?> => "a map",
        IList<object?> => "a list",
        _ => value.GetType().Name,
    };
}
