namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// The runtime cost of rule evaluation, counted as list elements visited (the work comprehensions,
/// equality and membership do), with upstream's limits: one rule may cost
/// <see cref="PerCallLimit"/>, all rules of one object <see cref="ObjectBudget"/>.
/// </summary>
internal sealed class CelCost
{
    /// <summary>Upstream's celconfig.PerCallLimit.</summary>
    public const long PerCallLimit = 1_000_000;

    /// <summary>Upstream's celconfig.RuntimeCELCostBudget.</summary>
    public const long ObjectBudget = 10_000_000;

    private long _callStart;

    public long Spent { get; private set; }

    public bool Exhausted => Spent >= ObjectBudget;

    public void StartCall() => _callStart = Spent;

    /// <summary>Charges <paramref name="units"/>; throws when the current rule or the object's budget runs out.</summary>
    public void Charge(long units)
    {
        Spent += units;
        if (Spent - _callStart > PerCallLimit || Spent > ObjectBudget)
        {
            throw new CelCostExceededException();
        }
    }
}
