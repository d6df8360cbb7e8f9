namespace Orchestrator.Testing.HelmTemplate;

// The parse tree of the Go text/template subset (one file: the node records are a closed set, read together).

/// <summary>A node of a template's body.</summary>
public abstract record TemplateNode;

public sealed record TextNode(string Text) : TemplateNode;

/// <summary>{{ pipeline }}: its value is printed unless the pipeline declares or assigns a variable.</summary>
public sealed record ActionNode(Pipeline Pipeline) : TemplateNode;

public sealed record IfNode(Pipeline Condition, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else) : TemplateNode;

public sealed record WithNode(Pipeline Value, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary>{{ range [$k, $v :=] pipeline }}: <see cref="Pipeline.Variables"/> hold the key/index and element names.</summary>
public sealed record RangeNode(Pipeline Value, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

public sealed record TemplateCallNode(string Name, Pipeline? Argument) : TemplateNode;

/// <summary>A pipeline: commands joined by |, optionally declaring (:=) or assigning (=) variables.</summary>
public sealed record Pipeline(IReadOnlyList<Command> Commands, IReadOnlyList<string> Variables, bool IsAssignment);

public sealed record Command(IReadOnlyList<Operand> Operands);

public abstract record Operand;

/// <summary>.A.B on the current context (empty path: the dot itself).</summary>
public sealed record FieldOperand(IReadOnlyList<string> Path) : Operand;

/// <summary>$name.A.B ($ alone is the root context).</summary>
public sealed record VariableOperand(string Name, IReadOnlyList<string> Path) : Operand;

public sealed record LiteralOperand(object? Value) : Operand;

public sealed record FunctionOperand(string Name) : Operand;

/// <summary>(pipeline).A.B</summary>
public sealed record SubPipelineOperand(Pipeline Pipeline, IReadOnlyList<string> Path) : Operand;
