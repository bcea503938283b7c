using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Common;

/// <summary>
/// The circumstances of one request that writes records: its time (read once, so every timestamp of the request agrees)
/// and the partnership's policy (region, review periods).
/// </summary>
public sealed class RecordingContext(HotspotIntelDbContext db, IOptions<PartnershipOptions> partnership, TimeProvider time)
{
    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public PartnershipOptions Partnership => partnership.Value;

    public async Task CheckAgencyAsync(Guid agencyId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (!await db.Agencies.AnyAsync(agency => agency.Id == agencyId, cancellationToken))
        {
            errors.Add("agencyId", $"There is no agency with id {agencyId}.");
        }
    }
}
