using HotspotIntel.Core.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> builder)
    {
        builder.ToTable("imports");
        builder.HasIndex(import => new { import.UserId, import.IdempotencyKey }).IsUnique();
        builder.HasOne<Agency>().WithMany().HasForeignKey(import => import.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
