using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class HotspotHistoryEntryConfiguration : IEntityTypeConfiguration<HotspotHistoryEntry>
{
    public void Configure(EntityTypeBuilder<HotspotHistoryEntry> builder)
    {
        builder.ToTable("hotspot_history");
        builder.HasKey(entry => new { entry.RunId, entry.HotspotId });
        builder.Property(entry => entry.Area).HasColumnType("geometry(MultiPolygon, 4326)");
        builder.HasOne<HotspotRun>().WithMany().HasForeignKey(entry => entry.RunId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(entry => entry.Hotspot).WithMany().HasForeignKey(entry => entry.HotspotId).OnDelete(DeleteBehavior.NoAction);
    }
}
