using HotspotIntel.Core.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class MeetingPackConfiguration : IEntityTypeConfiguration<MeetingPack>
{
    public void Configure(EntityTypeBuilder<MeetingPack> builder)
    {
        builder.ToTable("meeting_packs");
        builder.Property(pack => pack.Area).HasColumnType("geometry(Polygon, 4326)");
        builder.HasOne<Agency>().WithMany().HasForeignKey(pack => pack.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(pack => new { pack.AgencyId, pack.MadeByRole, pack.RequestedAt });
    }
}

internal sealed class MeetingPackFileConfiguration : IEntityTypeConfiguration<MeetingPackFile>
{
    public void Configure(EntityTypeBuilder<MeetingPackFile> builder)
    {
        builder.ToTable("meeting_pack_files");
        builder.HasKey(file => new { file.PackId, file.Name });
        builder.HasOne<MeetingPack>().WithMany().HasForeignKey(file => file.PackId).OnDelete(DeleteBehavior.Cascade);
    }
}
