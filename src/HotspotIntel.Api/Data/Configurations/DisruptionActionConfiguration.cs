using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Tasking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class DisruptionActionConfiguration : IEntityTypeConfiguration<DisruptionAction>
{
    public void Configure(EntityTypeBuilder<DisruptionAction> builder)
    {
        builder.ToTable("disruption_actions");
        builder.ConfigureRestrictions();
        builder.HasOne<Agency>().WithMany().HasForeignKey(action => action.OwnerAgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.HasMany(action => action.Reports).WithMany().UsingEntity(
            "disruption_action_reports",
            right => right.HasOne(typeof(IntelligenceReport)).WithMany().HasForeignKey("report_id"),
            left => left.HasOne(typeof(DisruptionAction)).WithMany().HasForeignKey("action_id"));
    }
}
