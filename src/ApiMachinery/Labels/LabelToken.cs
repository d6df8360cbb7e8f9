namespace Orchestrator.ApiMachinery.Labels;

/// <summary>Tokens of the label selector syntax (upstream's labels.Token).</summary>
internal enum LabelToken
{
    Error,
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenParenthesis,
}
