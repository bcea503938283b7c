using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PremisesEntity = HotspotIntel.Core.Premises.Premises;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class IntelligenceReportConfiguration : IEntityTypeConfiguration<IntelligenceReport>
{
    public void Configure(EntityTypeBuilder<IntelligenceReport> builder)
    {
        builder.ToTable("intelligence_reports");
        builder.ConfigureRestrictions();
        builder.Property(report => report.Location).HasColumnType("geometry(Point, 4326)");
        builder.Ignore(report => report.Grading);
        builder.HasOne<Import>().WithMany().HasForeignKey(report => report.ImportId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(report => report.Persons).WithMany().UsingEntity(
            "report_persons",
            right => right.HasOne(typeof(Person)).WithMany().HasForeignKey("person_id"),
            left => left.HasOne(typeof(IntelligenceReport)).WithMany().HasForeignKey("report_id"));
        builder.HasMany(report => report.Premises).WithMany().UsingEntity(
            "report_premises",
            right => right.HasOne(typeof(PremisesEntity)).WithMany().HasForeignKey("premises_id"),
            left => left.HasOne(typeof(IntelligenceReport)).WithMany().HasForeignKey("report_id"));
        builder.HasMany(report => report.Vehicles).WithMany().UsingEntity(
            "report_vehicles",
            right => right.HasOne(typeof(Vehicle)).WithMany().HasForeignKey("vehicle_id"),
            left => left.HasOne(typeof(IntelligenceReport)).WithMany().HasForeignKey("report_id"));
        builder.HasMany(report => report.Locations).WithMany().UsingEntity(
            "report_locations",
            right => right.HasOne(typeof(Location)).WithMany().HasForeignKey("location_id"),
            left => left.HasOne(typeof(IntelligenceReport)).WithMany().HasForeignKey("report_id"));
    }
}
