using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>Clients signed in as a user of an agency of the test's own, so no test sees another's records.</summary>
public static class SignedInClients
{
    /// <summary>The reason test clients give for reading person-level data.</summary>
    public const string Justification = "Synthetic test: checking the API behaves as specified";

    /// <summary>
    /// A new agency with the code <paramref name="agencyCode"/> and a client signed in as one of its users with
    /// <paramref name="role"/>, sending a Justification header with every request as a reader of person-level data must.
    /// </summary>
    public static async Task<(Guid AgencyId, HttpClient Client)> SignInAsync(this DatabaseFixture database, string agencyCode,
        UserRole role = UserRole.Analyst)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, agencyCode);
        return (agencyId, database.Application.CreateClient(role, agencyId).Justified());
    }

    /// <summary><paramref name="client"/>, now sending the test Justification header with every request.</summary>
    public static HttpClient Justified(this HttpClient client)
    {
        client.DefaultRequestHeaders.Add("Justification", Justification);
        return client;
    }
}
