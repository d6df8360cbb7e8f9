using YamlDotNet.Core;

namespace Orchestrator.ApiServer.Serialization;

/// <summary>
/// goyaml's defence against alias bombs (the CVE-2019-11253 fix that sigs.k8s.io/yaml carries):
/// every decoded node is counted, those reached through an alias separately, and a document is
/// refused once more than 100 nodes came from aliases, more than 1,000 were decoded, and the
/// aliased share is above the allowed ratio: 99% up to 400,000 decoded nodes, falling linearly to
/// 10% at 4,000,000. Counting happens before an alias is expanded, so a refused document never
/// costs more than the nodes already built.
/// </summary>
internal sealed class AliasBudget
{
    private const long RatioRangeLow = 400_000;
    private const long RatioRangeHigh = 4_000_000;

    public long DecodeCount { get; private set; }

    public long AliasCount { get; private set; }

    /// <exception cref="YamlException">"document contains excessive aliasing".</exception>
    public void Decoded(long nodes, bool aliased, Mark at)
    {
        DecodeCount += nodes;
        if (aliased)
        {
            AliasCount += nodes;
        }

        if (AliasCount > 100 && DecodeCount > 1000 && (double)AliasCount / DecodeCount > AllowedRatio(DecodeCount))
        {
            throw new YamlException(at, at, "document contains excessive aliasing");
        }
    }

    /// <summary>The share of decoded nodes that may come from aliases at a document size.</summary>
    public static double AllowedRatio(long decodeCount) => decodeCount switch
    {
        <= RatioRangeLow => 0.99,
        >= RatioRangeHigh => 0.10,
        _ => 0.99 - (0.89 * (decodeCount - RatioRangeLow) / (RatioRangeHigh - RatioRangeLow)),
    };
}
