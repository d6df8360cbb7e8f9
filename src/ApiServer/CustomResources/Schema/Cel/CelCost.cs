namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// The runtime cost of rule evaluation, counted as list elements visited (the work comprehensions,
/// equality and membership do). Upstream's limits are cel-go cost units (PerCallLimit 1,000,000,
/// RuntimeCELCostBudget 10,000,000 per object); an element visit costs a few units there and about 8 µs
/// in the Cel package, so the limits here are a tenth of upstream's figures: one rule stops after
/// <see cref="PerCallLimit"/> visits (about 0.8 s), all rules of one object after <see cref="ObjectBudget"/>.
/// </summary>
internal sealed class CelCost
{
    /// <summary>Element visits one rule may make (upstream's celconfig.PerCallLimit, scaled as above).</summary>
    public const long PerCallLimit = 100_000;

    /// <summary>Element visits all rules of one object may make (upstream's celconfig.RuntimeCELCostBudget, scaled).</summary>
    public const long ObjectBudget = 1_000_000;

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
