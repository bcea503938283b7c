using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class MissingEpisodeConfiguration : IEntityTypeConfiguration<MissingEpisode>
{
    public void Configure(EntityTypeBuilder<MissingEpisode> builder)
    {
        builder.ToTable("missing_episodes");
        builder.ConfigureRestrictions();
        builder.Property(episode => episode.FoundLocation).HasColumnType("geometry(Point, 4326)");
        builder.HasOne<Person>().WithMany().HasForeignKey(episode => episode.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
