namespace Orchestrator.ApiServer.CustomResources.Controller;

/// <summary>
/// Upstream's naming and establishing controllers as one pure decision: each requested name (plural, singular,
/// short names, kind, list kind) is granted when it is already ours or nobody else in the group holds it (other
/// CRDs' accepted names and the group's built-in resources); NamesAccepted True "NoConflicts" or False with the
/// first conflict's reason ("PluralConflict", …) and message ("\"x\" is already in use"); Established turns True
/// ("InitialNamesAccepted") once the names are accepted and stays so; a CRD being deleted is Terminating.
/// </summary>
internal static class CrdNamingPlanner
{
    public static CrdStatusPlan Plan(JsonObject crd, IEnumerable<JsonObject> otherCrds, IEnumerable<ResourceDefinition> builtIn)
    {
        var group = CrdReader.Group(crd);
        var resources = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in otherCrds.Where(o => CrdReader.Group(o) == group && CrdReader.Name(o) != CrdReader.Name(crd)))
        {
            var taken = CrdReader.AcceptedNames(other);
            resources.UnionWith([taken.Plural, taken.Singular, .. taken.ShortNames]);
            kinds.UnionWith([taken.Kind, taken.ListKind]);
        }

        foreach (var resource in builtIn.Where(r => r.Group == group))
        {
            resources.UnionWith([resource.Plural, resource.Singular, .. resource.ShortNames]);
            kinds.UnionWith([resource.Kind, resource.ListKind]);
        }

        resources.Remove("");
        kinds.Remove("");
        var requested = CrdReader.SpecNames(crd);
        var accepted = CrdReader.AcceptedNames(crd);
        CrdCondition? conflict = null;
        string Grant(string wanted, string held, HashSet<string> used, string reason)
        {
            if (wanted == held || !used.Contains(wanted))
            {
                return wanted;
            }

            conflict = new CrdCondition(CrdReader.NamesAccepted, "False", reason, $"\"{wanted}\" is already in use");
            return held;
        }

        var plural = Grant(requested.Plural, accepted.Plural, resources, "PluralConflict");
        var singular = Grant(requested.Singular, accepted.Singular, resources, "SingularConflict");
        var shortNames = accepted.ShortNames;
        if (!requested.ShortNames.SequenceEqual(accepted.ShortNames))
        {
            var clashes = requested.ShortNames
                .Where(s => !accepted.ShortNames.Contains(s) && s != accepted.Plural && s != accepted.Singular && resources.Contains(s))
                .Select(s => $"\"{s}\" is already in use")
                .ToList();
            if (clashes.Count > 0)
            {
                // utilerrors.NewAggregate: one error as is, several as "[a, b]".
                conflict = new CrdCondition(CrdReader.NamesAccepted, "False", "ShortNamesConflict", clashes.Count == 1 ? clashes[0] : $"[{string.Join(", ", clashes)}]");
            }
            else
            {
                shortNames = requested.ShortNames;
            }
        }

        var kind = Grant(requested.Kind, accepted.Kind, kinds, "KindConflict");
        var listKind = Grant(requested.ListKind, accepted.ListKind, kinds, "ListKindConflict");
        var names = new CrdNames(plural, singular, kind, listKind, shortNames, requested.Categories);
        var namesAccepted = conflict ?? new CrdCondition(CrdReader.NamesAccepted, "True", "NoConflicts", "no conflicts found");
        var established = Established(crd, namesAccepted);
        List<CrdCondition> conditions = [namesAccepted, established];
        if (CrdReader.IsDeleting(crd))
        {
            conditions.Add(new CrdCondition(CrdReader.Terminating, "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress"));
        }

        // Served once established under accepted names, and still while its objects are being deleted.
        var serve = established.Status == "True" && names.Plural.Length > 0 && names.Kind.Length > 0;
        return new CrdStatusPlan(names, conditions, serve);
    }

    private static CrdCondition Established(JsonObject crd, CrdCondition namesAccepted)
    {
        if (CrdReader.IsEstablished(crd))
        {
            var old = CrdReader.Condition(crd, CrdReader.Established)!;
            return new CrdCondition(CrdReader.Established, "True", CrdReader.Text(old["reason"]) ?? "InitialNamesAccepted", CrdReader.Text(old["message"]) ?? "the initial names have been accepted");
        }

        return namesAccepted.Status == "True"
            ? new CrdCondition(CrdReader.Established, "True", "InitialNamesAccepted", "the initial names have been accepted")
            : new CrdCondition(CrdReader.Established, "False", "NotAccepted", "not all names are accepted");
    }
}
