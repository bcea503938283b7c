using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class SealedAuditEntryConfiguration : IEntityTypeConfiguration<SealedAuditEntry>
{
    public void Configure(EntityTypeBuilder<SealedAuditEntry> builder)
    {
        builder.ToTable("audit_seals");
        builder.HasKey(seal => seal.AuditId);
        builder.Property(seal => seal.AuditId).ValueGeneratedNever();
    }
}
