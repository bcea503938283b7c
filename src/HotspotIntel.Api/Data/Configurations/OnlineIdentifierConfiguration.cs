using HotspotIntel.Core.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class OnlineIdentifierConfiguration : IEntityTypeConfiguration<OnlineIdentifier>
{
    public void Configure(EntityTypeBuilder<OnlineIdentifier> builder)
    {
        builder.ToTable("online_identifiers");
        builder.ConfigureRestrictions();
        builder.HasIndex(o => new { o.Value, o.IdentifierType });
    }
}
