using HotspotIntel.Core.Links;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class LinkConfiguration : IEntityTypeConfiguration<Link>
{
    public void Configure(EntityTypeBuilder<Link> builder)
    {
        builder.ToTable("links");
        builder.ConfigureRestrictions();
        builder.HasOne<Person>().WithMany().HasForeignKey(link => link.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(link => link.RelatedPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PremisesEntity>().WithMany().HasForeignKey(link => link.PremisesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(link => link.VehicleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Location>().WithMany().HasForeignKey(link => link.LocationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Core.Identifiers.PhoneNumber>().WithMany().HasForeignKey(link => link.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Core.Identifiers.OnlineIdentifier>().WithMany().HasForeignKey(link => link.OnlineIdentifierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(link => link.SourceReports).WithMany().UsingEntity(
            "link_reports",
            right => right.HasOne(typeof(IntelligenceReport)).WithMany().HasForeignKey("report_id"),
            left => left.HasOne(typeof(Link)).WithMany().HasForeignKey("link_id"));
    }
}
