using Orchestrator.Kubelet.Volumes.Tokens;

namespace Orchestrator.Kubelet.Tests.Volumes.Tokens;

public sealed class TokenRenewalTests
{
    private static readonly DateTimeOffset Issued = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3607, 0, false)]
    [InlineData(3607, 2885, false)] // just under 80 % of an hour and 7 s
    [InlineData(3607, 2886, true)]
    [InlineData(3607, 3607, true)]
    [InlineData(172800, 86399, false)] // a 48-hour token: 80 % would be 38 h, but 24 h comes first
    [InlineData(172800, 86400, true)]
    public void A_token_is_renewed_at_80_percent_of_its_life_or_after_a_day(long lifetimeSeconds, long ageSeconds, bool due)
    {
        Assert.Equal(due, TokenRenewal.Due(Issued, Issued.AddSeconds(lifetimeSeconds), Issued.AddSeconds(ageSeconds)));
    }

    [Fact]
    public void A_token_past_its_expiry_is_expired()
    {
        Assert.False(TokenRenewal.Expired(Issued.AddHours(1), Issued.AddMinutes(59)));
        Assert.True(TokenRenewal.Expired(Issued.AddHours(1), Issued.AddHours(1)));
    }
}
