using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Authentication.Impersonation;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Tests.Authentication.Impersonation;

public sealed class ImpersonationHeadersTests
{
    public static TheoryData<string, string[]> Targets => new()
    {
        { "Impersonate-User: jane", ["users//jane"] },
        { "Impersonate-User: system:serviceaccount:prod:robot", ["serviceaccounts/prod/robot"] },
        { "Impersonate-User: jane|Impersonate-Group: dev|Impersonate-Group: ops", ["users//jane", "groups//dev", "groups//ops"] },
        { "Impersonate-User: jane|Impersonate-Uid: 42", ["users//jane", "uids.authentication.k8s.io//42"] },
        { "Impersonate-User: jane|Impersonate-Extra-Scopes: view|Impersonate-Extra-Scopes: edit", ["users//jane", "userextras.authentication.k8s.io/scopes/view", "userextras.authentication.k8s.io/scopes/edit"] },
        { "Impersonate-User: jane|Impersonate-Extra-Example.com%2fteam: a", ["users//jane", "userextras.authentication.k8s.io/example.com/team/a"] },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Each_header_becomes_one_target_to_authorize(string headers, string[] expected)
    {
        var targets = ImpersonationHeaders.Parse(Headers(headers));

        Assert.Equal(expected, targets.Select(t => $"{t.Resource}{(t.Group.Length > 0 ? "." + t.Group : "")}/{(t.Subresource.Length > 0 ? t.Subresource : t.Namespace)}/{t.Name}"));
    }

    [Theory]
    [InlineData("Impersonate-Group: dev")]
    [InlineData("Impersonate-Uid: 42")]
    [InlineData("Impersonate-Extra-Scopes: view")]
    public void Groups_uid_or_extra_without_a_user_are_refused(string headers)
    {
        var error = Assert.Throws<ApiException>(() => ImpersonationHeaders.Parse(Headers(headers)));

        Assert.Equal(500, error.Code);
        Assert.EndsWith("without impersonating a user", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[]> Users => new()
    {
        { "Impersonate-User: jane", "jane", ["system:authenticated"] },
        { "Impersonate-User: jane|Impersonate-Group: dev", "jane", ["dev", "system:authenticated"] },
        { "Impersonate-User: jane|Impersonate-Group: system:unauthenticated", "jane", ["system:unauthenticated"] },
        { "Impersonate-User: system:serviceaccount:prod:robot", "system:serviceaccount:prod:robot", ["system:serviceaccounts", "system:serviceaccounts:prod", "system:authenticated"] },
        { "Impersonate-User: system:serviceaccount:prod:robot|Impersonate-Group: dev", "system:serviceaccount:prod:robot", ["dev", "system:authenticated"] },
        { "Impersonate-User: system:anonymous", "system:anonymous", ["system:unauthenticated"] },
    };

    [Theory]
    [MemberData(nameof(Users))]
    public void The_impersonated_user_gets_upstreams_implied_groups(string headers, string name, string[] groups)
    {
        var user = ImpersonationHeaders.UserOf(ImpersonationHeaders.Parse(Headers(headers)));

        Assert.Equal(name, user.Name);
        Assert.Equal(groups, user.Groups);
    }

    [Fact]
    public void Extra_values_and_uid_are_carried_by_the_impersonated_user()
    {
        var user = ImpersonationHeaders.UserOf(ImpersonationHeaders.Parse(Headers("Impersonate-User: jane|Impersonate-Uid: 42|Impersonate-Extra-Scopes: view|Impersonate-Extra-Scopes: edit")));

        Assert.Equal("42", user.Uid);
        Assert.Equal(["view", "edit"], user.Extra["scopes"]);
    }

    /// <summary>"Name: value|Name: value": repeated names become several values of one header, as Kestrel reads them.</summary>
    internal static IHeaderDictionary Headers(string lines)
    {
        var headers = new HeaderDictionary();
        foreach (var line in lines.Split('|'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            headers[name] = Microsoft.Extensions.Primitives.StringValues.Concat(headers[name], line[(colon + 1)..].Trim());
        }

        return headers;
    }
}
