using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class HotspotLineageConfiguration : IEntityTypeConfiguration<HotspotLineage>
{
    public void Configure(EntityTypeBuilder<HotspotLineage> builder)
    {
        builder.ToTable("hotspot_lineage");
        builder.HasKey(lineage => new { lineage.RunId, lineage.Kind, lineage.FromHotspotId, lineage.ToHotspotId });
        builder.HasOne<HotspotRun>().WithMany().HasForeignKey(lineage => lineage.RunId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Hotspot>().WithMany().HasForeignKey(lineage => lineage.FromHotspotId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Hotspot>().WithMany().HasForeignKey(lineage => lineage.ToHotspotId).OnDelete(DeleteBehavior.NoAction);
    }
}
