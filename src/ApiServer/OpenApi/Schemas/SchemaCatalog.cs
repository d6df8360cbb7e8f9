namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// Every named schema the served kinds reach, generated once each, and the transitive closure a
/// document needs: a group-version document must carry every schema it references, however
/// indirectly (apps/v1 needs core/v1 PodSpec), or kubectl cannot resolve its <c>$ref</c>s.
/// </summary>
internal sealed class SchemaCatalog
{
    private readonly SchemaGenerator _generator;
    private readonly FrozenDictionary<string, Type> _models;
    private readonly ConcurrentDictionary<string, NamedSchema> _built = new(StringComparer.Ordinal);

    public SchemaCatalog(SchemaNaming naming, ModelDocumentation docs)
    {
        _generator = new SchemaGenerator(naming, docs);
        _models = naming.Types.ToFrozenDictionary(naming.NameOf, StringComparer.Ordinal);
    }

    /// <summary>The schema called <paramref name="name"/>; throws for a name nothing defines.</summary>
    public NamedSchema Get(string name) => _built.GetOrAdd(name, Build);

    /// <summary>The schemas reachable from <paramref name="roots"/> (roots included), sorted by name.</summary>
    public IReadOnlyList<NamedSchema> Closure(IEnumerable<string> roots)
    {
        var seen = new SortedDictionary<string, NamedSchema>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (seen.ContainsKey(name))
            {
                continue;
            }

            var schema = Get(name);
            seen[name] = schema;
            foreach (var reference in schema.References)
            {
                pending.Push(reference);
            }
        }

        return [.. seen.Values];
    }

    private NamedSchema Build(string name)
    {
        if (_models.TryGetValue(name, out var model))
        {
            return _generator.Generate(model);
        }

        if (KnownSchemas.Defines(name))
        {
            return new NamedSchema(name, KnownSchemas.Create(name), []);
        }

        throw new InvalidOperationException($"No schema named {name}");
    }
}
