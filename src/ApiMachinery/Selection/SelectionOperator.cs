namespace Orchestrator.ApiMachinery.Selection;

/// <summary>The operators of a label requirement (upstream's selection.Operator).</summary>
public enum SelectionOperator
{
    /// <summary><c>a=b</c></summary>
    Equal,

    /// <summary><c>a==b</c>, the same as <see cref="Equal"/>.</summary>
    DoubleEqual,

    /// <summary><c>a!=b</c>: true when the label is absent too.</summary>
    NotEqual,

    /// <summary><c>a in (x,y)</c></summary>
    In,

    /// <summary><c>a notin (x,y)</c>: true when the label is absent too.</summary>
    NotIn,

    /// <summary><c>a</c></summary>
    Exists,

    /// <summary><c>!a</c></summary>
    DoesNotExist,

    /// <summary><c>a&gt;1</c>: the label's value is an integer greater than the one given.</summary>
    GreaterThan,

    /// <summary><c>a&lt;1</c></summary>
    LessThan,
}
