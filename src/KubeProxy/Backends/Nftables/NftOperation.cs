namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// One command of a sync plan. The plan is the single source of truth of both transports: <see cref="Text"/> is the
/// <c>nft -f</c> line (and the <c>--dry-run</c> output), <see cref="Netlink.NftBatchWriter"/> encodes the same command
/// as nf_tables netlink messages.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Name">The chain or set it acts on (the set or map of an element; the line of a remark).</param>
/// <param name="Rule">For <see cref="NftOperationKind.AddRule"/>: the rule, in the syntax the renderers write.</param>
/// <param name="Definition">The <c>{ … ; }</c> of a table, chain, set or map, when it has one.</param>
/// <param name="Element">For the element kinds: the element.</param>
internal sealed record NftOperation(NftOperationKind Kind, string Name, string? Rule = null, string? Definition = null, NftElement? Element = null)
{
    public string Text => Kind switch
    {
        NftOperationKind.Remark => Name,
        NftOperationKind.AddTable => $"add table {NftNames.Table} {Definition}",
        NftOperationKind.DeleteTable => $"delete table {NftNames.Table}",
        NftOperationKind.AddMap => $"add map {NftNames.Table} {Name} {Definition}",
        NftOperationKind.FlushChain => $"flush chain {NftNames.Table} {Name}",
        NftOperationKind.DeleteChain => $"delete chain {NftNames.Table} {Name}",
        NftOperationKind.DeleteSet => $"delete set {NftNames.Table} {Name}",
        NftOperationKind.AddSet => $"add set {NftNames.Table} {Name} {Definition}",
        NftOperationKind.AddChain => Definition is null ? $"add chain {NftNames.Table} {Name}" : $"add chain {NftNames.Table} {Name} {Definition}",
        NftOperationKind.AddRule => $"add rule {NftNames.Table} {Name} {Rule}",
        NftOperationKind.AddElement => $"add element {NftNames.Table} {Name} {Element!.Text}",
        NftOperationKind.DeleteElement => $"delete element {NftNames.Table} {Name} {{ {Element!.Key} }}",
        _ => throw new InvalidOperationException($"unknown nftables operation {Kind}"),
    };

    public static NftOperation Remark(string line) => new(NftOperationKind.Remark, line);

    public static NftOperation FlushChain(string chain) => new(NftOperationKind.FlushChain, chain);

    public static NftOperation DeleteChain(string chain) => new(NftOperationKind.DeleteChain, chain);

    public static NftOperation DeleteSet(string set) => new(NftOperationKind.DeleteSet, set);

    public static NftOperation AddSet(NftAffinitySet set) => new(NftOperationKind.AddSet, set.Name, Definition: set.Definition);

    public static NftOperation AddChain(string chain, string? definition = null) => new(NftOperationKind.AddChain, chain, Definition: definition);

    public static NftOperation AddRule(string chain, string rule) => new(NftOperationKind.AddRule, chain, Rule: rule);

    public static NftOperation AddElement(NftElement element) => new(NftOperationKind.AddElement, element.Collection, Element: element);

    public static NftOperation DeleteElement(NftElement element) => new(NftOperationKind.DeleteElement, element.Collection, Element: element);

    /// <summary>The <c>nft -f</c> script of <paramref name="operations"/>, one line each.</summary>
    public static string Script(IEnumerable<NftOperation> operations) =>
        string.Concat(operations.Select(o => o.Text + "\n"));
}
