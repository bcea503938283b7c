using HotspotIntel.Core;
using HotspotIntel.Core.Tasking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class ListedTacticConfiguration : IEntityTypeConfiguration<ListedTactic>
{
    public void Configure(EntityTypeBuilder<ListedTactic> builder)
    {
        builder.ToTable("tactics");
        builder.HasIndex(tactic => tactic.Code).IsUnique();
        // Stored as a text[] of codes, as the other enums are stored as codes.
        builder.Property(tactic => tactic.TargetKinds)
            .HasColumnType("text[]")
            .HasConversion(
                kinds => kinds.Select(EnumCodes<ActionTargetKind>.ToCode).ToArray(),
                codes => codes.Select(EnumCodes<ActionTargetKind>.Parse).ToList(),
                new ValueComparer<List<ActionTargetKind>>(
                    (a, b) => a!.SequenceEqual(b!), kinds => kinds.Aggregate(0, (hash, kind) => HashCode.Combine(hash, kind)), kinds => kinds.ToList()));
    }
}
