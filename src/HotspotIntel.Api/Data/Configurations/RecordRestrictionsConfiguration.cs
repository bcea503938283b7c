using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Records;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

/// <summary>The columns every record of personal or intelligence data shares (see <see cref="RecordRestrictions"/>).</summary>
internal static class RecordRestrictionsConfiguration
{
    public static void ConfigureRestrictions<TRecord>(this EntityTypeBuilder<TRecord> builder) where TRecord : RecordRestrictions
    {
        builder.HasOne<Agency>().WithMany().HasForeignKey(record => record.AgencyId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Restrict);
        builder.HasIndex(record => record.AgencyId);
    }
}
