namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>Settings of the iptables backend.</summary>
/// <param name="Flavor"><c>--iptables-backend</c>: <c>auto</c> (default), <c>nft</c> or <c>legacy</c>.</param>
/// <param name="Render">What changes the rule text.</param>
/// <param name="FullSyncPeriod">A partial sync older than this becomes a full one (upstream's FullSyncPeriod, 1 h).</param>
internal sealed record IptablesBackendOptions(string Flavor = IptablesFlavorDetector.Auto, IptablesRenderOptions? Render = null, TimeSpan? FullSyncPeriod = null)
{
    public IptablesRenderOptions RenderOptions => Render ?? IptablesRenderOptions.Default;

    public TimeSpan FullSyncInterval => FullSyncPeriod ?? TimeSpan.FromHours(1);
}
