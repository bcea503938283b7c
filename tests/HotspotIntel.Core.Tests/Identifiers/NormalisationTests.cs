using HotspotIntel.Core.Identifiers;

namespace HotspotIntel.Core.Tests.Identifiers;

public sealed class NormalisationTests
{
    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("+44 (0)7700-900123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("(0121) 496 0000", "+441214960000")]
    [InlineData("+33 1 23 45 67 89", "+33123456789")]
    public void Phone_numbers_typed_any_way_have_one_spelling(string typed, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData("7700 900123")]
    [InlineData("07700 9001x3")]
    [InlineData("+44 +7700")]
    [InlineData("0123")]
    [InlineData("")]
    public void What_cannot_be_placed_as_a_number_is_refused(string typed) => Assert.Null(PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData(OnlineIdentifierType.SocialMedia, " @Example_Handle ", "example_handle")]
    [InlineData(OnlineIdentifierType.Gaming, "XxGamerTag", "xxgamertag")]
    [InlineData(OnlineIdentifierType.Email, "Some.One@Example.ORG", "some.one@example.org")]
    [InlineData(OnlineIdentifierType.Other, "@keeps", "@keeps")]
    public void Online_identifiers_are_lower_cased_and_handles_lose_their_at(OnlineIdentifierType type, string typed, string expected) =>
        Assert.Equal(expected, OnlineIdentifiers.Normalise(type, typed));

    [Theory]
    [InlineData(OnlineIdentifierType.Email, "not-an-address")]
    [InlineData(OnlineIdentifierType.Email, "a@b@c.org")]
    [InlineData(OnlineIdentifierType.Email, "a@nodot")]
    [InlineData(OnlineIdentifierType.SocialMedia, "two words")]
    [InlineData(OnlineIdentifierType.SocialMedia, "@")]
    public void Malformed_identifiers_are_refused(OnlineIdentifierType type, string typed) => Assert.Null(OnlineIdentifiers.Normalise(type, typed));
}
