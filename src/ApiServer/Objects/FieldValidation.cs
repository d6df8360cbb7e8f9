namespace Orchestrator.ApiServer.Objects;

/// <summary>The <c>fieldValidation</c> query parameter: what to do with unknown fields.</summary>
internal enum FieldValidation
{
    /// <summary>Drop unknown fields silently.</summary>
    Ignore,

    /// <summary>Drop them and say so in a Warning header (the default).</summary>
    Warn,

    /// <summary>Reject the request with 400.</summary>
    Strict,
}
