namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's ValidateFieldManager: a field manager is at most 128 bytes of printable characters.
/// Checked on the <c>fieldManager</c> query parameter (Create/Update/PatchOptions) and on each
/// managedFields entry's manager.
/// </summary>
internal static class FieldManagerValidation
{
    public const int MaxLength = 128;

    /// <summary>The problems with <paramref name="manager"/>, reported on <paramref name="field"/>; empty when valid (an empty manager is).</summary>
    public static List<StatusCause> Check(string manager, string field)
    {
        var causes = new List<StatusCause>();
        if (Encoding.UTF8.GetByteCount(manager) > MaxLength)
        {
            causes.Add(FieldErrors.TooLong(field, MaxLength));
        }

        // Go ranges over runes and reports each one's byte offset.
        var position = 0;
        foreach (var rune in manager.EnumerateRunes())
        {
            if (!IsPrint(rune))
            {
                causes.Add(FieldErrors.InvalidText(field, manager, string.Create(CultureInfo.InvariantCulture, $"invalid character U+{rune.Value:X4} (at position {position})")));
            }

            position += rune.Utf8SequenceLength;
        }

        return causes;
    }

    /// <summary>
    /// ValidateCreateOptions / ValidateUpdateOptions for the field manager: 422 Invalid on
    /// <paramref name="optionsKind"/> of group meta.k8s.io, before the body is read.
    /// </summary>
    /// <exception cref="ApiException">422 Invalid when <paramref name="manager"/> is too long or not printable.</exception>
    public static void CheckOptions(ResourceDefinition resource, string optionsKind, string manager)
    {
        if (Check(manager, "fieldManager") is { Count: > 0 } causes)
        {
            throw ApiErrors.Invalid(resource with { Group = "meta.k8s.io", Kind = optionsKind }, "", causes);
        }
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        <= UnicodeCategory.OtherNumber => true,
        >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
