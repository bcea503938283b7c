using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class PremisesConfiguration : IEntityTypeConfiguration<PremisesEntity>
{
    public void Configure(EntityTypeBuilder<PremisesEntity> builder)
    {
        builder.ToTable("premises");
        builder.ConfigureRestrictions();
        builder.Property(premises => premises.Location).HasColumnType("geometry(Point, 4326)");
        builder.Property<Guid?>("ImportId");
        builder.HasOne<Import>().WithMany().HasForeignKey("ImportId").OnDelete(DeleteBehavior.SetNull);
    }
}
