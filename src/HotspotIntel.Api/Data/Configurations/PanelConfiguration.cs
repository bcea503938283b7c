using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Panels;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Tasking;
using HotspotIntel.Core.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotspotIntel.Api.Data.Configurations;

internal sealed class PanelConfiguration : IEntityTypeConfiguration<Panel>
{
    public void Configure(EntityTypeBuilder<Panel> builder)
    {
        builder.ToTable("panels");
        builder.ConfigureRestrictions();
    }
}

internal sealed class PanelListItemConfiguration : IEntityTypeConfiguration<PanelListItem>
{
    public void Configure(EntityTypeBuilder<PanelListItem> builder)
    {
        builder.ToTable("panel_list_items");
        builder.Ignore(item => item.EntityId);
        builder.HasOne<Panel>().WithMany().HasForeignKey(item => item.PanelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(item => item.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Core.Premises.Premises>().WithMany().HasForeignKey(item => item.PremisesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(item => item.VehicleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Location>().WithMany().HasForeignKey(item => item.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PanelCaseReferenceConfiguration : IEntityTypeConfiguration<PanelCaseReference>
{
    public void Configure(EntityTypeBuilder<PanelCaseReference> builder)
    {
        builder.ToTable("panel_case_references");
        builder.HasOne<Panel>().WithMany().HasForeignKey(reference => reference.PanelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agency>().WithMany().HasForeignKey(reference => reference.HoldingAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PanelMeetingConfiguration : IEntityTypeConfiguration<PanelMeeting>
{
    public void Configure(EntityTypeBuilder<PanelMeeting> builder)
    {
        builder.ToTable("panel_meetings");
        builder.HasOne<Panel>().WithMany().HasForeignKey(meeting => meeting.PanelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(meeting => meeting.Attendees).WithOne().HasForeignKey(attendee => attendee.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(meeting => meeting.Decisions).WithOne().HasForeignKey(decision => decision.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(meeting => meeting.Actions).WithMany().UsingEntity(
            "panel_meeting_actions",
            right => right.HasOne(typeof(DisruptionAction)).WithMany().HasForeignKey("action_id"),
            left => left.HasOne(typeof(PanelMeeting)).WithMany().HasForeignKey("meeting_id"));
    }
}

internal sealed class PanelMeetingAttendeeConfiguration : IEntityTypeConfiguration<PanelMeetingAttendee>
{
    public void Configure(EntityTypeBuilder<PanelMeetingAttendee> builder)
    {
        builder.ToTable("panel_meeting_attendees");
        builder.HasOne<Agency>().WithMany().HasForeignKey(attendee => attendee.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PanelDecisionConfiguration : IEntityTypeConfiguration<PanelDecision>
{
    public void Configure(EntityTypeBuilder<PanelDecision> builder) => builder.ToTable("panel_decisions");
}
