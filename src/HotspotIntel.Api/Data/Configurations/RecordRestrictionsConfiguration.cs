using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

/// <summary>The columns every record of personal or intelligence data shares (see <see cref="RecordRestrictions"/>).</summary>
internal static class RecordRestrictionsConfiguration
{
    public static void ConfigureRestrictions<TRecord>(this EntityTypeBuilder<TRecord> builder) where TRecord : RecordRestrictions
    {
        builder.HasOne<Agency>().WithMany().HasForeignKey(record => record.AgencyId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Restrict);
        builder.HasIndex(record => record.AgencyId);
    }

    /// <summary>
    /// The pointer a merge sets from a duplicate to its survivor (<c>merged_into</c>, migrations/0037): read, never
    /// written by EF Core, as only the merge's triggers may set it.
    /// </summary>
    public static void ConfigureMergedInto<TRecord>(this EntityTypeBuilder<TRecord> builder,
        System.Linq.Expressions.Expression<Func<TRecord, Guid?>> mergedInto) where TRecord : RecordRestrictions
    {
        var property = builder.Property(mergedInto).HasColumnName("merged_into");
        property.Metadata.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        property.Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        builder.HasOne<TRecord>().WithMany().HasForeignKey(property.Metadata.Name).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.SetNull);
    }
}
