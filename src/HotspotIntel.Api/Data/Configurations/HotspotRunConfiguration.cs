using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class HotspotRunConfiguration : IEntityTypeConfiguration<HotspotRun>
{
    public void Configure(EntityTypeBuilder<HotspotRun> builder)
    {
        builder.ToTable("hotspot_runs");
        builder.Property(run => run.Parameters).HasColumnType("jsonb");
        builder.Property(run => run.Warnings).HasColumnType("jsonb");
    }
}
