using System.Security.Cryptography;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>The benchmark's users: a signing key made for this run only, and tokens for the roles the benchmark acts as.</summary>
internal sealed record BenchUsers(AuthOptions Auth)
{
    public static BenchUsers Create() => new(new AuthOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) });

    public string Administrator() => Issue("bench-administrator", UserRole.Administrator, null);

    public string Analyst(Guid agencyId) => Issue("bench-analyst", UserRole.Analyst, agencyId);

    public string TaskingMember(Guid agencyId) => Issue(TaskingMemberId, UserRole.TaskingMember, agencyId);

    public const string TaskingMemberId = "bench-tasking-member";

    private string Issue(string userId, UserRole role, Guid? agencyId) =>
        LocalTokens.Issue(Auth, userId, role, agencyId, TimeSpan.FromHours(4), DateTimeOffset.UtcNow);
}
