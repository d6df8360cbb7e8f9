namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>The hostile-input suite: its classes share one server process and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileServerFixture>
{
    public const string Name = "Hostile";
}
