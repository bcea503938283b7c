using HotspotIntel.Core.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class SharingAgreementConfiguration : IEntityTypeConfiguration<SharingAgreement>
{
    public void Configure(EntityTypeBuilder<SharingAgreement> builder)
    {
        builder.ToTable("sharing_agreements");
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.OwnerAgencyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.PartnerAgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}
