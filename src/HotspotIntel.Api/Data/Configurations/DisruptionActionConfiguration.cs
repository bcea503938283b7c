using HotspotIntel.Core.Agencies;
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
    }
}
