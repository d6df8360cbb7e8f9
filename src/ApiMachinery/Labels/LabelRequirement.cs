using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Labels;

/// <summary>One condition of a label selector: a key, an operator and its values. Immutable.</summary>
public sealed class LabelRequirement
{
    private LabelRequirement(string key, SelectionOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public SelectionOperator Operator { get; }

    /// <summary>The values to compare with; empty for Exists and DoesNotExist.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Upstream's NewRequirement: validates the key, the number of values for the operator and each value,
    /// and reports every problem at once with upstream's field paths ("key", "values[0][key]").
    /// </summary>
    /// <exception cref="SelectorException">Something is invalid.</exception>
    public static LabelRequirement Create(string key, SelectionOperator op, IReadOnlyList<string>? values)
    {
        var errors = new List<string>();
        if (LabelValidation.KeyErrors(key) is { Count: > 0 } keyErrors)
        {
            errors.Add(GoText.Invalid("key", GoText.Quote(key), string.Join("; ", keyErrors)));
        }

        var count = values?.Count ?? 0;
        var printed = GoText.JsonStrings(values);
        switch (op)
        {
            case SelectionOperator.In or SelectionOperator.NotIn when count == 0:
                errors.Add(GoText.Invalid("values", printed, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.NotEqual when count != 1:
                errors.Add(GoText.Invalid("values", printed, "exact-match compatibility requires one single value"));
                break;
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist when count != 0:
                errors.Add(GoText.Invalid("values", printed, "values set must be empty for exists and does not exist"));
                break;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (count != 1)
                {
                    errors.Add(GoText.Invalid("values", printed, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < count; i++)
                {
                    if (!long.TryParse(values![i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        errors.Add(GoText.Invalid($"values[{i}]", GoText.Quote(values[i]), "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
        }

        for (var i = 0; i < count; i++)
        {
            if (LabelValidation.ValueErrors(values![i]) is { Count: > 0 } valueErrors)
            {
                errors.Add(GoText.Invalid($"values[{i}][{key}]", GoText.Quote(values[i]), string.Join("; ", valueErrors)));
            }
        }

        return errors.Count == 0
            ? new LabelRequirement(key, op, values is null ? [] : [.. values])
            : throw new SelectorException(GoText.Aggregate(errors));
    }

    /// <summary>Whether labels satisfy the requirement; NotEqual, NotIn and DoesNotExist hold for an absent label.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var present = labels is not null && labels.TryGetValue(Key, out value);
        return Operator switch
        {
            SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.In => present && Values.Contains(value!, StringComparer.Ordinal),
            SelectionOperator.NotEqual or SelectionOperator.NotIn => !present || !Values.Contains(value!, StringComparer.Ordinal),
            SelectionOperator.Exists => present,
            SelectionOperator.DoesNotExist => !present,
            SelectionOperator.GreaterThan or SelectionOperator.LessThan => present && CompareIntegers(value!),
            _ => false,
        };
    }

    /// <summary>The requirement in selector syntax, values sorted (upstream's String()).</summary>
    public override string ToString()
    {
        var values = string.Join(",", Values.Order(StringComparer.Ordinal));
        return Operator switch
        {
            SelectionOperator.Equal => $"{Key}={values}",
            SelectionOperator.DoubleEqual => $"{Key}=={values}",
            SelectionOperator.NotEqual => $"{Key}!={values}",
            SelectionOperator.In => $"{Key} in ({values})",
            SelectionOperator.NotIn => $"{Key} notin ({values})",
            SelectionOperator.Exists => Key,
            SelectionOperator.DoesNotExist => "!" + Key,
            SelectionOperator.GreaterThan => $"{Key}>{values}",
            _ => $"{Key}<{values}",
        };
    }

    private bool CompareIntegers(string labelValue)
    {
        // A label that is not an integer never matches (upstream logs it and moves on).
        if (!long.TryParse(labelValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
            || Values.Count != 1
            || !long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            return false;
        }

        return Operator == SelectionOperator.GreaterThan ? actual > limit : actual < limit;
    }
}
