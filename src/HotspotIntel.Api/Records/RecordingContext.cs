using HotspotIntel.Api.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Records;

/// <summary>
/// The circumstances of one request that writes records: who records (their agency owns what they create), its time
/// (read once, so every timestamp of the request agrees) and the partnership's policy (region, review periods).
/// </summary>
public sealed class RecordingContext(CurrentUser user, IOptions<PartnershipOptions> partnership, TimeProvider time)
{
    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public PartnershipOptions Partnership => partnership.Value;

    public Guid AgencyId => user.RecordingAgencyId;
}
