namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>An element of a set (no <see cref="Value"/>) or verdict map, as <c>add element</c> writes it.</summary>
internal sealed record NftElement(string Collection, string Key, string? Value = null, string? Comment = null)
{
    /// <summary><c>{ key comment "…" : verdict }</c>.</summary>
    public string Text =>
        "{ " + Key + (Comment is null ? "" : $" comment \"{Comment}\"") + (Value is null ? "" : " : " + Value) + " }";

    /// <summary>What identifies the element in its set or map (a delete names only this).</summary>
    public (string Collection, string Key) Identity => (Collection, Key);
}
