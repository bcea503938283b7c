using HotspotIntel.Core.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class RecordDueForReviewConfiguration : IEntityTypeConfiguration<RecordDueForReview>
{
    public void Configure(EntityTypeBuilder<RecordDueForReview> builder)
    {
        builder.ToTable("records_due_for_review");
        builder.HasKey(record => new { record.EntityKind, record.EntityId });
        builder.HasOne<Agency>().WithMany().HasForeignKey(record => record.AgencyId).OnDelete(DeleteBehavior.Cascade);
    }
}
