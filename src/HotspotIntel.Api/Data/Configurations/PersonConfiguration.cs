using HotspotIntel.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("persons");
        builder.ConfigureRestrictions();
        builder.ConfigureMergedInto(person => person.MergedIntoId);
        builder.Ignore(person => person.IsChild);
    }
}
