using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class ListedRiskIndicatorConfiguration : IEntityTypeConfiguration<ListedRiskIndicator>
{
    public void Configure(EntityTypeBuilder<ListedRiskIndicator> builder)
    {
        builder.ToTable("risk_indicators");
        builder.HasIndex(indicator => indicator.Code).IsUnique();
    }
}
