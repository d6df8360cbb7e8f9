using Orchestrator.ControllerManager.Controllers.Job;

namespace Orchestrator.ControllerManager.Tests.Controllers.Job;

public sealed class IndexSetTests
{
    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 3 }, "3")]
    [InlineData(new[] { 1, 2 }, "1-2")]
    [InlineData(new[] { 7, 1, 3, 4, 5 }, "1,3-5,7")]
    public void Format(int[] indexes, string text) => Assert.Equal(text, IndexSet.Format(indexes));

    [Theory]
    [InlineData("1,3-5,7", 10, new[] { 1, 3, 4, 5, 7 })]
    [InlineData("1,3-5,7", 5, new[] { 1, 3, 4 })]
    [InlineData("", 5, new int[0])]
    [InlineData("x,2", 5, new[] { 2 })]
    public void Parse(string text, int completions, int[] expected) => Assert.Equal(expected, IndexSet.Parse(text, completions));
}
