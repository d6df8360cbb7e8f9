using Orchestrator.Host.Commands;

namespace Orchestrator.Orchestrator.Tests.Commands;

public sealed class ArgumentsTests
{
    [Fact]
    public void Verbs_positionals_and_both_option_forms_are_read_in_order()
    {
        var arguments = new Arguments(["store", "--store", "sqlite:///x.db", "list", "/pods/", "--limit=5"]);

        Assert.Equal("store", arguments.TakeVerb());
        Assert.Equal("sqlite:///x.db", arguments.Option("store"));
        Assert.Equal("list", arguments.TakeVerb());
        Assert.Equal("/pods/", arguments.Take("PREFIX"));
        Assert.Equal("5", arguments.Option("limit"));
        Assert.Null(arguments.TakeVerb());
        arguments.EnsureConsumed();
    }

    [Theory]
    [InlineData(new[] { "up", "--data-dri", "x" }, "unknown option --data-dri")]
    [InlineData(new[] { "up", "extra" }, "unexpected argument \"extra\"")]
    public void Leftover_options_and_arguments_are_errors_not_ignored(string[] args, string message)
    {
        var arguments = new Arguments(args);
        arguments.TakeVerb();
        arguments.Option("data-dir");

        Assert.Equal(message, Assert.Throws<UsageException>(arguments.EnsureConsumed).Message);
    }

    [Fact]
    public void An_option_without_a_value_is_an_error() =>
        Assert.Throws<UsageException>(() => new Arguments(["up", "--store"]));
}
