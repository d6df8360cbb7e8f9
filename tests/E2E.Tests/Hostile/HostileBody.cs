namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>A generated hostile body: what kind of hostility (for the report), its format and its bytes.</summary>
internal sealed record HostileBody(string Shape, BodyFormat Format, byte[] Bytes)
{
    /// <summary>The shape without its sizes ("billion laughs 7x9" → "billion laughs"): what a crash is attributed to.</summary>
    public string Family => string.Concat(Shape.TakeWhile(c => !char.IsAsciiDigit(c))).Trim();

    public override string ToString() => $"{Shape} ({Format}, {Bytes.Length} bytes)";
}
