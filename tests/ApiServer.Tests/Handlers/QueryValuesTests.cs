using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Handlers;

namespace Orchestrator.ApiServer.Tests.Handlers;

public sealed class QueryValuesTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Bools_are_what_strconv_ParseBool_accepts(string text, bool expected) =>
        Assert.Equal(expected, QueryValues.ParseBool(text));

    [Theory]
    [InlineData("maybe", "strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData("", "strconv.ParseBool: parsing \"\": invalid syntax")]
    [InlineData("yes", "strconv.ParseBool: parsing \"yes\": invalid syntax")]
    [InlineData("tRUE", "strconv.ParseBool: parsing \"tRUE\": invalid syntax")]
    [InlineData(" true", "strconv.ParseBool: parsing \" true\": invalid syntax")]
    public void Other_bools_are_a_400_with_strconvs_message(string text, string message)
    {
        var error = Assert.Throws<ApiException>(() => QueryValues.ParseBool(text));

        Assert.Equal((400, "BadRequest", message), (error.Code, error.Reason, error.Message));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("+7", 7L)]
    [InlineData("-7", -7L)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_are_what_strconv_ParseInt_accepts(string text, long expected) =>
        Assert.Equal(expected, QueryValues.ParseInt64(text));

    [Theory]
    [InlineData("abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("", "strconv.ParseInt: parsing \"\": invalid syntax")]
    [InlineData("-", "strconv.ParseInt: parsing \"-\": invalid syntax")]
    [InlineData("1.5", "strconv.ParseInt: parsing \"1.5\": invalid syntax")]
    [InlineData(" 1", "strconv.ParseInt: parsing \" 1\": invalid syntax")]
    [InlineData("1_000", "strconv.ParseInt: parsing \"1_000\": invalid syntax")]
    [InlineData("0x10", "strconv.ParseInt: parsing \"0x10\": invalid syntax")]
    [InlineData("١", "strconv.ParseInt: parsing \"١\": invalid syntax")]
    [InlineData("9223372036854775808", "strconv.ParseInt: parsing \"9223372036854775808\": value out of range")]
    [InlineData("-99999999999999999999", "strconv.ParseInt: parsing \"-99999999999999999999\": value out of range")]
    public void Other_integers_are_a_400_with_strconvs_message(string text, string message)
    {
        var error = Assert.Throws<ApiException>(() => QueryValues.ParseInt64(text));

        Assert.Equal((400, "BadRequest", message), (error.Code, error.Reason, error.Message));
    }

    [Fact]
    public void An_absent_parameter_is_null_and_the_first_of_several_counts()
    {
        Assert.Null(QueryValues.Bool(default));
        Assert.Null(QueryValues.Int64(default));
        Assert.True(QueryValues.Bool(new(["true", "maybe"])));
        Assert.Equal(5, QueryValues.Int64(new(["5", "x"])));
    }
}
