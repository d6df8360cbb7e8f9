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
    public string Text => AppendTo(new StringBuilder()).ToString();

    /// <summary>Appends <see cref="Text"/> piece by piece (a full sync's script is 140k lines: no string per line).</summary>
    public StringBuilder AppendTo(StringBuilder text)
    {
        var verb = Kind switch
        {
            NftOperationKind.Remark => null,
            NftOperationKind.AddTable => "add table ",
            NftOperationKind.DeleteTable => "delete table ",
            NftOperationKind.AddMap => "add map ",
            NftOperationKind.FlushChain => "flush chain ",
            NftOperationKind.DeleteChain => "delete chain ",
            NftOperationKind.DeleteSet => "delete set ",
            NftOperationKind.AddSet => "add set ",
            NftOperationKind.AddChain => "add chain ",
            NftOperationKind.AddRule => "add rule ",
            NftOperationKind.AddElement => "add element ",
            NftOperationKind.DeleteElement => "delete element ",
            _ => throw new InvalidOperationException($"unknown nftables operation {Kind}"),
        };
        if (verb is null)
        {
            return text.Append(Name);
        }

        text.Append(verb).Append(NftNames.Table);
        if (Kind is not (NftOperationKind.AddTable or NftOperationKind.DeleteTable))
        {
            text.Append(' ').Append(Name);
        }

        return Kind switch
        {
            NftOperationKind.AddRule => text.Append(' ').Append(Rule),
            NftOperationKind.AddElement => text.Append(' ').Append(Element!.Text),
            NftOperationKind.DeleteElement => text.Append(" { ").Append(Element!.Key).Append(" }"),
            _ => Definition is null ? text : text.Append(' ').Append(Definition),
        };
    }

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
    public static string Script(IReadOnlyCollection<NftOperation> operations)
    {
        var text = new StringBuilder(80 * operations.Count);
        foreach (var operation in operations)
        {
            operation.AppendTo(text).Append('\n');
        }

        return text.ToString();
    }
}
