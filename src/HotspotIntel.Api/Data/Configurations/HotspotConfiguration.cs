using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class HotspotConfiguration : IEntityTypeConfiguration<Hotspot>
{
    public void Configure(EntityTypeBuilder<Hotspot> builder)
    {
        builder.ToTable("hotspots");
        builder.Property(hotspot => hotspot.Area).HasColumnType("geometry(MultiPolygon, 4326)");
        builder.Property(hotspot => hotspot.Centroid).HasColumnType("geometry(Point, 4326)");
        builder.Property(hotspot => hotspot.TopCategories).HasColumnType("jsonb");
        builder.HasOne<HotspotRun>().WithMany().HasForeignKey(hotspot => hotspot.FirstRunId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<HotspotRun>().WithMany().HasForeignKey(hotspot => hotspot.LatestRunId).OnDelete(DeleteBehavior.NoAction);
    }
}
