using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        builder.ToTable("areas");
        builder.Property(area => area.Geom).HasColumnType("geometry(MultiPolygon, 4326)");
        builder.HasIndex(area => area.Code).IsUnique();
        builder.HasIndex(area => area.ParentId);
        builder.HasOne<Area>().WithMany().HasForeignKey(area => area.ParentId).OnDelete(DeleteBehavior.SetNull);
    }
}
